// Account leases over ingest_leases: each account is read by exactly one ingest process. A lease
// is exclusive by construction: it changes hands only in a conditional statement (the holder
// renews it, anyone takes it once it has expired), and a batch commits only while its transaction
// holds the lease row (holdLease), so a takeover never overlaps the old holder's batch in flight.
// Balance: every live process announces itself with a heartbeat key in the kv table (expiring by
// the database clock; db/queries/kv.ts) so each can count the live ones.
import { sql } from 'drizzle-orm';
import { queryRows } from '../rows';
import type { Db } from '../types';
import { countLiveKeys, createTableKv } from './kv';

const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;
const expiresIn = (ttlMs: number) => sql`now() + make_interval(secs => ${ttlMs / 1000})`;

/** A batch was about to commit for an account whose lease this process no longer holds. */
export class LeaseLostError extends Error {
  constructor(
    readonly accountId: string,
    readonly holder: string,
  ) {
    super(`The lease on account ${accountId} is no longer held by ${holder}`);
    this.name = 'LeaseLostError';
  }
}

/**
 * Takes up to `limit` of `candidates` whose lease is free (no row) or expired, in one statement,
 * and returns the ids taken, and how many it picked but another process took first (`contested`:
 * worth another try). `orphansOnly` takes expired leases only (a dead process's accounts),
 * never released ones. Candidates are tried in an order of their own per holder, so processes
 * taking at once rarely reach for the same accounts; when they do, the conditional upsert lets one
 * win. An expired lease whose old holder still has a batch committing under it (holdLease) is
 * skipped, not waited for: it is taken at a later round, once that batch is done. Rows are written
 * in id order, so two such statements never wait on each other in a cycle.
 */
export async function takeLeases(
  db: Db,
  params: { holder: string; candidates: readonly string[]; limit: number; ttlMs: number; orphansOnly?: boolean },
): Promise<{ taken: string[]; contested: number }> {
  const { holder, candidates, limit, ttlMs } = params;
  if (!candidates.length || limit <= 0) return { taken: [], contested: 0 };
  const free = params.orphansOnly ? sql`l.expires_at < now()` : sql`(l.account_id is null or l.expires_at < now())`;
  const rows = await queryRows<{ account_id: string | null; picked: number | null }>(
    db,
    sql`with pick as (
          select c.id, l.account_id is not null as expired from unnest(${uuidArray(candidates)}) as c(id)
          left join ingest_leases l on l.account_id = c.id
          where ${free}
          order by md5(${holder} || c.id::text)
          limit ${limit}
        ), unlocked as (
          select account_id from ingest_leases
          where account_id in (select id from pick where expired) and expires_at < now()
          for update skip locked
        )
        , taken as (
          insert into ingest_leases (account_id, holder, expires_at)
          select id, ${holder}, ${expiresIn(ttlMs)} from pick
          where not expired or id in (select account_id from unlocked)
          order by id
          on conflict (account_id) do update set holder = excluded.holder, expires_at = excluded.expires_at
            where ingest_leases.expires_at < now()
          returning account_id
        )
        select account_id, null::int as picked from taken
        union all select null, count(*)::int from pick`,
  );
  const taken = rows.flatMap((r) => (r.account_id === null ? [] : [r.account_id]));
  const picked = Number(rows.find((r) => r.account_id === null)?.picked ?? 0);
  return { taken, contested: picked - taken.length };
}

/**
 * Renews every lease `holder` still has among `accountIds` in one statement, and returns those
 * ids: one round trip however many accounts a process holds. A lease of ours that expired but
 * nobody took is renewed too (nobody else read the account meanwhile).
 */
export async function renewLeases(db: Db, holder: string, accountIds: readonly string[], ttlMs: number): Promise<Set<string>> {
  if (!accountIds.length) return new Set();
  const rows = await queryRows<{ account_id: string }>(
    db,
    sql`update ingest_leases set expires_at = ${expiresIn(ttlMs)}
        where holder = ${holder} and account_id = any(${uuidArray(accountIds)})
        returning account_id`,
  );
  return new Set(rows.map((r) => r.account_id));
}

/** Gives leases back at once (free for anyone); waits for a batch of ours still committing on them. */
export async function releaseLeases(db: Db, holder: string, accountIds: readonly string[]): Promise<void> {
  if (!accountIds.length) return;
  await db.execute(sql`delete from ingest_leases where holder = ${holder} and account_id = any(${uuidArray(accountIds)})`);
}

/**
 * Inside a batch's transaction, before it writes: locks the lease row if `holder` holds it and it
 * has not expired, or throws LeaseLostError. The lock (key share) lasts until the transaction
 * ends: a takeover (takeLeases locks the row for update) or a release (a delete) waits for this
 * batch to commit, while the holder's own renewals (an update of expires_at) go through.
 */
export async function holdLease(tx: Db, accountId: string, holder: string): Promise<void> {
  const rows = await queryRows<{ account_id: string }>(
    tx,
    sql`select account_id from ingest_leases
        where account_id = ${accountId} and holder = ${holder} and expires_at > now()
        for key share`,
  );
  if (!rows.length) throw new LeaseLostError(accountId, holder);
}

const HEARTBEAT_PREFIX = 'ingest:live:';
/** The kv key of a process's heartbeat. */
export const heartbeatKey = (holder: string) => HEARTBEAT_PREFIX + holder;

/** Renews this process's heartbeat and returns how many processes are alive (this one included). */
export async function heartbeat(db: Db, holder: string, ttlMs: number): Promise<number> {
  await createTableKv(db, { sweep: false }).set(heartbeatKey(holder), '1', { ttlSeconds: ttlMs / 1000 });
  return (await countLiveKeys(db, HEARTBEAT_PREFIX, heartbeatKey(holder))) + 1;
}

/** A process leaving on purpose stops counting at once. */
export async function leaveIngest(db: Db, holder: string): Promise<void> {
  await createTableKv(db, { sweep: false }).del(heartbeatKey(holder));
}
