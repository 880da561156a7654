// Telegram accounts of a user: the list the Accounts page shows, and removal. Every query is
// scoped by the user; another user's account is simply not found.
import { and, count, eq, sql } from 'drizzle-orm';
import { tgAccounts } from '../schema';
import type { Db } from '../types';
import { queryRows } from '../rows';

export interface AccountRow {
  id: string;
  tgUserId: number;
  username: string | null;
  firstName: string | null;
  phone: string | null;
  hasSession: boolean;
  isActive: boolean;
  status: 'active' | 'needs_relogin' | 'flood_wait' | 'disabled';
  floodWaitUntil: Date | null;
  lastSyncedAt: Date | null;
  lastError: string | null;
  isSandbox: boolean;
  createdAt: Date;
  /** Subscriptions of the user that this account reads. */
  channelCount: number;
}

const columns = {
  id: tgAccounts.id,
  tgUserId: tgAccounts.tgUserId,
  username: tgAccounts.username,
  firstName: tgAccounts.firstName,
  phone: tgAccounts.phone,
  hasSession: sql<boolean>`${tgAccounts.sessionCipher} is not null`,
  isActive: tgAccounts.isActive,
  status: tgAccounts.status,
  floodWaitUntil: tgAccounts.floodWaitUntil,
  lastSyncedAt: tgAccounts.lastSyncedAt,
  lastError: tgAccounts.lastError,
  isSandbox: tgAccounts.isSandbox,
  createdAt: tgAccounts.createdAt,
  channelCount: sql<number>`(
    select count(*)::int from account_channel_state st
    join subscriptions sub on sub.channel_id = st.channel_id and sub.user_id = ${tgAccounts.userId}
    where st.account_id = ${tgAccounts.id}
  )`.mapWith(Number),
};

export async function listAccounts(db: Db, userId: string): Promise<AccountRow[]> {
  return db.select(columns).from(tgAccounts).where(eq(tgAccounts.userId, userId)).orderBy(tgAccounts.createdAt);
}

export async function findAccount(db: Db, userId: string, accountId: string): Promise<AccountRow | null> {
  const [row] = await db
    .select(columns)
    .from(tgAccounts)
    .where(and(eq(tgAccounts.userId, userId), eq(tgAccounts.id, accountId)))
    .limit(1);
  return row ?? null;
}

/** Accounts that hold a user's plan slot, and whether one of them waits for a new login. */
export async function accountSlots(db: Db, userId: string): Promise<{ total: number; needingLogin: number }> {
  const [row] = await db
    .select({
      total: count(),
      needingLogin: sql<number>`count(*) filter (where ${tgAccounts.sessionCipher} is null or ${tgAccounts.status} = 'needs_relogin')`.mapWith(Number),
    })
    .from(tgAccounts)
    .where(eq(tgAccounts.userId, userId));
  return { total: row?.total ?? 0, needingLogin: row?.needingLogin ?? 0 };
}

/**
 * Removes the account (its encrypted session goes with the row, and with it the ingest loop's
 * reason to read it: cursors and leases cascade), then marks the user's subscriptions that no
 * other working account of theirs can read as inaccessible ('account_removed'). A public channel
 * is readable by any working account; a private one only by an account that has read it.
 */
export async function removeAccount(db: Db, userId: string, accountId: string): Promise<{ removed: boolean; inaccessibleChannelIds: number[] }> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(tgAccounts)
      .where(and(eq(tgAccounts.userId, userId), eq(tgAccounts.id, accountId)))
      .returning({ id: tgAccounts.id });
    if (removed.length === 0) return { removed: false, inaccessibleChannelIds: [] };
    const marked = await queryRows<{ channel_id: number | string }>(
      tx,
      sql`update subscriptions s set accessible = false, inaccessible_reason = 'account_removed'
          where s.user_id = ${userId} and s.accessible
            and not exists (
              select 1 from tg_accounts a join channels ch on ch.id = s.channel_id
              where a.user_id = ${userId} and a.is_active and a.status <> 'disabled' and a.session_cipher is not null
                and (ch.visibility = 'public'
                     or exists (select 1 from account_channel_state st where st.account_id = a.id and st.channel_id = s.channel_id))
            )
          returning s.channel_id`,
    );
    return { removed: true, inaccessibleChannelIds: marked.map((r) => Number(r.channel_id)) };
  });
}

/** An account's encrypted session, scoped by its user; null when it is not theirs or gone. */
export async function accountSessionCipher(db: Db, userId: string, accountId: string): Promise<{ sessionCipher: string | null } | null> {
  const [row] = await db
    .select({ sessionCipher: tgAccounts.sessionCipher })
    .from(tgAccounts)
    .where(and(eq(tgAccounts.id, accountId), eq(tgAccounts.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** Telegram revoked the session: the account waits for a new QR login. */
export async function markNeedsRelogin(db: Db, accountId: string, reason: string): Promise<void> {
  await db.update(tgAccounts).set({ status: 'needs_relogin', lastError: reason, updatedAt: new Date() }).where(eq(tgAccounts.id, accountId));
}
