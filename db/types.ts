import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { ListenHandlers, Listening } from './listen';
import type * as schema from './schema';

/** A drizzle database (or transaction) over any of our drivers: PGlite, node-postgres, Neon. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DriverName = 'pglite' | 'pg' | 'neon';

export interface DatabaseHandle {
  db: Db;
  driver: DriverName;
  /** Round trip to the database; throws when it is unreachable. */
  ping(): Promise<void>;
  /** node-postgres only: LISTEN on `channel` over a connection of its own (./listen.ts). */
  listen?(channel: string, handlers: ListenHandlers): Listening;
  close(): Promise<void>;
}
