// Account leases over ingest_leases: each account is read by exactly one ingest process. A
// process renews its leases while alive; a dead process's lease expires and another takes over.
// Balance: every live process announces itself with a heartbeat key in the kv table (expiring with
// the lease period, by the database clock; db/queries/kv.ts) so each can count the live ones.
import { and, eq, sql } from 'drizzle-orm';
import { ingestLeases } from '../schema';
import { queryRows } from '../rows';
import type { Db } from '../types';
import { countLiveKeys, createTableKv } from './kv';

/** Takes or renews the lease; true when `holder` holds it afterwards. */
export async function acquireLease(db: Db, accountId: string, holder: string, ttlMs: number): Promise<boolean> {
  const rows = await queryRows<{ holder: string }>(
    db,
    sql`insert into ingest_leases (account_id, holder, expires_at)
        values (${accountId}, ${holder}, now() + make_interval(secs => ${ttlMs / 1000}))
        on conflict (account_id) do update set holder = excluded.holder, expires_at = excluded.expires_at
          where ingest_leases.holder = excluded.holder or ingest_leases.expires_at < now()
        returning holder`,
  );
  return rows.length === 1 && rows[0].holder === holder;
}

/**
 * Renews every lease `holder` still has among `accountIds` in one statement, and returns those
 * ids: one round trip however many accounts a process holds, so renewal keeps ahead of the lease
 * period even when the process is busy.
 */
export async function renewLeases(db: Db, holder: string, accountIds: string[], ttlMs: number): Promise<Set<string>> {
  if (!accountIds.length) return new Set();
  const rows = await queryRows<{ account_id: string }>(
    db,
    sql`update ingest_leases set expires_at = now() + make_interval(secs => ${ttlMs / 1000})
        where holder = ${holder} and account_id = any(${`{${accountIds.join(',')}}`}::uuid[])
        returning account_id`,
  );
  return new Set(rows.map((r) => r.account_id));
}

export async function releaseLease(db: Db, accountId: string, holder: string): Promise<void> {
  await db.delete(ingestLeases).where(and(eq(ingestLeases.accountId, accountId), eq(ingestLeases.holder, holder)));
}

const HEARTBEAT_PREFIX = 'ingest:live:';

/** Renews this process's heartbeat and returns how many processes are alive (this one included). */
export async function heartbeat(db: Db, holder: string, ttlMs: number): Promise<number> {
  await createTableKv(db, { sweep: false }).set(HEARTBEAT_PREFIX + holder, '1', { ttlSeconds: ttlMs / 1000 });
  return (await countLiveKeys(db, HEARTBEAT_PREFIX, HEARTBEAT_PREFIX + holder)) + 1;
}

/** A process leaving on purpose stops counting at once. */
export async function leaveIngest(db: Db, holder: string): Promise<void> {
  await createTableKv(db, { sweep: false }).del(HEARTBEAT_PREFIX + holder);
}
