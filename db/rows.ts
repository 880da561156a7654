import type { SQL } from 'drizzle-orm';
import type { Db } from './types';

/** Raw SQL returning typed rows; every driver we use answers `{ rows }`. */
export async function queryRows<Row>(db: Db, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
