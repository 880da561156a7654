// Migrate before start: wait for the database, apply drizzle-kit's SQL migrations once (an
// advisory lock makes two services starting together safe), then hand back an open handle.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../core/config';
import type { Logger } from '../core/log';
import { openDatabase, type DatabaseOptions } from './client';
import type { DatabaseHandle } from './types';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));
// Any fixed 64-bit number: the key of the lock that serialises migrators.
const MIGRATION_LOCK_KEY = 7_243_911_001;

export interface PrepareOptions extends DatabaseOptions {
  log: Logger;
  /** Give up waiting for the database after this long. */
  waitTimeoutMs?: number;
}

export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

/** Where a postgres:// URL points, without its credentials (for log lines). */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitForPostgres(url: string, log: Logger, timeoutMs: number): Promise<void> {
  const { default: pg } = await import('pg');
  const target = describeDatabaseUrl(url);
  const deadline = Date.now() + timeoutMs;
  let delay = 250;
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      if (attempt > 1) log.info('database is reachable', { target, attempt });
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      if (Date.now() + delay > deadline) {
        throw new DatabaseUnavailableError(
          `Database ${target} not reachable after ${Math.round(timeoutMs / 1000)} s (${attempt} attempts): ${message}`,
        );
      }
      log.warn('database not ready, retrying', { target, attempt, retryInMs: delay, error: message });
      await sleep(delay);
      delay = Math.min(delay * 2, 5000);
    }
  }
}

async function migratePostgres(url: string, log: Logger): Promise<void> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const started = Date.now();
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    log.info('migrations applied', { driver: 'pg', ms: Date.now() - started });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

export async function migratePglite(handle: DatabaseHandle, log: Logger): Promise<void> {
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const started = Date.now();
  // PGlite is single-process: its data directory belongs to the one process that opened it.
  await migrate(handle.db as unknown as Parameters<typeof migrate>[0], { migrationsFolder: MIGRATIONS_FOLDER });
  log.info('migrations applied', { driver: 'pglite', ms: Date.now() - started });
}

/** The one command every entry point runs before it serves: wait, migrate, open. */
export async function prepareDatabase(options: PrepareOptions): Promise<DatabaseHandle> {
  if (options.url) {
    await waitForPostgres(options.url, options.log, options.waitTimeoutMs ?? 60_000);
    await migratePostgres(options.url, options.log);
    return openDatabase(options);
  }
  const handle = await openDatabase(options);
  await migratePglite(handle, options.log);
  return handle;
}

/** prepareDatabase as every entry point calls it: DATABASE_URL, or PGlite under DATA_DIR/pg. */
export function prepareDatabaseFromConfig(config: Config, log: Logger): Promise<DatabaseHandle> {
  return prepareDatabase({
    url: config.DATABASE_URL,
    pgliteDir: path.resolve(config.DATA_DIR, 'pg'),
    log,
    waitTimeoutMs: config.DB_WAIT_TIMEOUT_MS,
  });
}
