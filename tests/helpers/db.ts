// Every test file gets its own freshly migrated database: a clone of the run's template on real
// PostgreSQL (DATABASE_URL set, as in CI), or an in-memory PGlite otherwise. Dropped when done.
import { inject } from 'vitest';
import { createLogger } from '../../core/log';
import { openDatabase } from '../../db/client';
import { migratePglite } from '../../db/migrate';
import type { DatabaseHandle } from '../../db/types';
import { adminQuery, databaseUrlFor } from './pg-admin';

export interface TestDatabase extends DatabaseHandle {
  /** postgres:// URL of this database, when it is a real PostgreSQL one. */
  url?: string;
  /** Closes the connection and drops the database. */
  drop(): Promise<void>;
}

let counter = 0;

export async function createTestDatabase(): Promise<TestDatabase> {
  const baseUrl = process.env.DATABASE_URL;
  const template = baseUrl ? inject('pgTemplate') : null;
  if (baseUrl && template) {
    const name = `tgs_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
    await adminQuery(baseUrl, `create database "${name}" template "${template}"`);
    const url = databaseUrlFor(baseUrl, name);
    const handle = await openDatabase({ url, poolSize: 5 });
    return {
      ...handle,
      url,
      drop: async () => {
        await handle.close();
        await adminQuery(baseUrl, `drop database if exists "${name}" with (force)`);
      },
    };
  }
  const handle = await openDatabase({ pgliteDir: 'memory://' });
  await migratePglite(handle, createLogger({ level: 'warn' }));
  return { ...handle, drop: () => handle.close() };
}
