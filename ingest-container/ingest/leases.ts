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
