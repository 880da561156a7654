// The only place that picks a database driver on Node: PGlite on disk when DATABASE_URL is unset,
// node-postgres over TCP otherwise. (Workers use db/client-neon.ts.)
import { mkdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { listenPostgres, type Listening } from './listen';
import * as schema from './schema';
import type { DatabaseHandle, Db } from './types';

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory; `memory://` for an in-memory database. */
  pgliteDir?: string;
  /** Max pool size for node-postgres. */
  poolSize?: number;
  /** Give up opening a connection after this long (default 3 s): a lost server fails fast. */
  connectTimeoutMs?: number;
  /** Give up waiting for a query's answer after this long (default 15 s): a silent server cannot hang a request forever. */
  queryTimeoutMs?: number;
}

/** Listening connections are named so in pg_stat_activity (`<this> <channel>`). */
export const LISTENER_NAME = 'tgs listener';
export const DEFAULT_CONNECT_TIMEOUT_MS = 3_000;
export const DEFAULT_QUERY_TIMEOUT_MS = 15_000;

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) return openPostgres(options.url, options);
  return openPglite(options.pgliteDir ?? 'memory://');
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<DatabaseHandle> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const connection = {
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    query_timeout: options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
    keepAlive: true,
  };
  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10 });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema }) as unknown as Db;
  const listenings: Listening[] = [];
  return {
    db,
    driver: 'pg',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    listen: (channel, handlers) => {
      const listening = listenPostgres(() => new pg.Client({ ...connection, application_name: `${LISTENER_NAME} ${channel}` }), channel, handlers);
      listenings.push(listening);
      return listening;
    },
    close: async () => {
      await Promise.all(listenings.map((l) => l.close()));
      await pool.end();
    },
  };
}

async function openPglite(dir: string): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}
