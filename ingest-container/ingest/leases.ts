// Account leases over ingest_leases: each account is read by exactly one ingest process. A
// process renews its leases while alive; a dead process's lease expires and another takes over.
import { and, eq, sql } from 'drizzle-orm';
import { ingestLeases } from '../../db/schema';
import { queryRows } from '../../db/rows';
import type { Db } from '../../db/types';

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

export async function releaseLease(db: Db, accountId: string, holder: string): Promise<void> {
  await db.delete(ingestLeases).where(and(eq(ingestLeases.accountId, accountId), eq(ingestLeases.holder, holder)));
}

// Balance: every live process announces itself with a heartbeat row in the kv table (expiring
// with the lease period, by the database clock) and aims to hold its share of the readable
// accounts, ceil(accounts / live processes). One over its share hands the surplus back; a dead
// one's heartbeat and leases expire, so the share of the rest grows and they take its accounts.
const HEARTBEAT_PREFIX = 'ingest:live:';

/** Renews this process's heartbeat and returns how many processes are alive (this one included). */
export async function heartbeat(db: Db, holder: string, ttlMs: number): Promise<number> {
  const [row] = await queryRows<{ live: number }>(
    db,
    sql`with beat as (
          insert into kv (key, value, expires_at)
          values (${HEARTBEAT_PREFIX + holder}, '1', now() + make_interval(secs => ${ttlMs / 1000}))
          on conflict (key) do update set expires_at = excluded.expires_at
          returning key
        )
        select (select count(*)::int from kv
                 where key like ${HEARTBEAT_PREFIX + '%'} and key <> ${HEARTBEAT_PREFIX + holder} and expires_at > now()) + 1 as live`,
  );
  return row.live;
}

/** A process leaving on purpose stops counting at once. */
export async function leave(db: Db, holder: string): Promise<void> {
  await queryRows(db, sql`delete from kv where key = ${HEARTBEAT_PREFIX + holder}`);
}

/** The share each live process aims for. */
export function shareOf(accounts: number, liveProcesses: number): number {
  return Math.ceil(accounts / Math.max(1, liveProcesses));
}
