// The version of the rankings and the clock they were computed at, kept in the database's kv
// table (db/queries/kv.ts: the one store the API and the ingest service share whatever kv each is
// configured with): cached top lists carry the version in their key; the clock bounds the windows
// the API reads.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../types';
import { queryRows } from '../rows';
import { createTableKv, liveValueSql } from './kv';

const VERSION_KEY = 'ranking:version';
const CLOCK_KEY = 'ranking:now';

/** Records a computation at `nowMs`: the clock and the next version in one transaction; returns the version. */
export async function bumpRankingVersion(db: Db, nowMs: number): Promise<number> {
  return db.transaction(async (tx) => {
    const kv = createTableKv(tx, { sweep: false });
    await kv.set(CLOCK_KEY, String(nowMs));
    return kv.incr(VERSION_KEY);
  });
}

export interface RankingState {
  version: number;
  /** The instant the stored scores describe (ms); null before the first computation. */
  nowMs: number | null;
}

/** The state's two kv values as columns `ranking_version`, `ranking_now` of a select: with other reads, one round trip. */
export const rankingStateColumns = (): SQL => sql`${liveValueSql(VERSION_KEY)} as ranking_version, ${liveValueSql(CLOCK_KEY)} as ranking_now`;

export interface RankingStateColumns {
  ranking_version: string | null;
  ranking_now: string | null;
}

export const rankingStateOf = (row: RankingStateColumns | undefined): RankingState => ({
  version: Number(row?.ranking_version ?? 0),
  nowMs: row?.ranking_now === null || row?.ranking_now === undefined ? null : Number(row.ranking_now),
});

export async function rankingState(db: Db): Promise<RankingState> {
  const [row] = await queryRows<RankingStateColumns>(db, sql`select ${rankingStateColumns()}`);
  return rankingStateOf(row);
}

/** Newest post date (ms): the clock of a replayed data set (the sandbox), never ahead of real time. */
export async function dataClock(db: Db): Promise<number | null> {
  const [row] = await queryRows<{ newest: Date | string | null }>(db, sql`select max(date) as newest from messages where deleted_at is null`);
  return row?.newest ? Math.min(Date.now(), new Date(row.newest).getTime()) : null;
}
