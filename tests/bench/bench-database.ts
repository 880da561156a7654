// The benches' database: a database of their own on PostgreSQL when DATABASE_URL is set (dropped
// afterwards), else PGlite in memory. With `reusable`, BENCH_DATABASE=<name> runs on a database
// kept by an earlier BENCH_KEEP=1 run (same data for before/after runs, or for EXPLAIN work).
// (tests/helpers/db.ts needs Vitest's `inject`, which a bench has not.)
import { createLogger } from '../../core/log';
import { prepareDatabase } from '../../db/migrate';
import type { DatabaseHandle } from '../../db/types';
import { adminQuery, databaseUrlFor } from '../helpers/pg-admin';

export interface BenchDatabase {
  database: DatabaseHandle;
  /** The PostgreSQL database's name and URL; undefined on PGlite. */
  name?: string;
  url?: string;
  /** Whether it holds an earlier run's data (BENCH_DATABASE). */
  reused: boolean;
  /** Closes it, and drops it unless it is kept. */
  close(): Promise<void>;
}

export interface BenchDatabaseOptions {
  reusable?: boolean;
  poolSize?: number;
  /** For statements that seed a million rows. */
  queryTimeoutMs?: number;
}

export async function openBenchDatabase(prefix: string, options: BenchDatabaseOptions = {}): Promise<BenchDatabase> {
  const log = createLogger({ level: 'warn' });
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const database = await prepareDatabase({ pgliteDir: 'memory://', log });
    return { database, reused: false, close: () => database.close() };
  }
  const reuse = options.reusable ? process.env.BENCH_DATABASE : undefined;
  const name = reuse ?? `${prefix}${Date.now().toString(36)}`;
  if (!reuse) await adminQuery(baseUrl, `create database "${name}"`);
  const url = databaseUrlFor(baseUrl, name);
  const database = await prepareDatabase({ url, log, poolSize: options.poolSize ?? 10, queryTimeoutMs: options.queryTimeoutMs });
  const kept = reuse !== undefined || (options.reusable === true && Boolean(process.env.BENCH_KEEP));
  return {
    database,
    name,
    url,
    reused: reuse !== undefined,
    close: async () => {
      await database.close();
      if (kept) console.log(`  kept database ${name}`);
      else await adminQuery(baseUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}
