// What the ingest service reads and how it went: which accounts read (their leases are
// db/queries/leases.ts), which channel each account reads, each account's cursor and handle per
// channel, and the failures that mark an account or a channel.
import { and, eq, sql } from 'drizzle-orm';
import type { ChannelVisibility } from '../../core/channels/visibility';
import type { PlanName } from '../../core/plans';
import { queryRows } from '../rows';
import { accountChannelState, channels, subscriptions, tgAccounts } from '../schema';
import type { Db } from '../types';

export interface IngestAccount {
  id: string;
  userId: string;
  plan: PlanName;
  status: 'active' | 'needs_relogin' | 'flood_wait' | 'disabled';
  floodWaitUntil: Date | null;
  sessionCipher: string | null;
}

export interface IngestChannel {
  id: number;
  tgChannelId: number | null;
  username: string | null;
  inviteHash: string | null;
  visibility: ChannelVisibility;
}

/** Accounts that own at least one channel to read and have a session. */
export async function readableAccountIds(db: Db): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select a.id from tg_accounts a
        where a.is_active and a.session_cipher is not null and a.status in ('active', 'flood_wait')
          and exists (select 1 from channels c where c.owner_account_id = a.id and c.is_active)
        order by a.id`,
  );
  return rows.map((r) => r.id);
}

export async function loadAccount(db: Db, accountId: string): Promise<IngestAccount | null> {
  const rows = await queryRows<{ id: string; user_id: string; plan: PlanName; status: IngestAccount['status']; flood_wait_until: string | Date | null; session_cipher: string | null; is_active: boolean }>(
    db,
    sql`select a.id, a.user_id, u.plan, a.status, a.flood_wait_until, a.session_cipher, a.is_active
        from tg_accounts a join users u on u.id = a.user_id where a.id = ${accountId}`,
  );
  const row = rows[0];
  if (!row || !row.is_active) return null;
  return {
    id: row.id,
    userId: row.user_id,
    plan: row.plan,
    status: row.status,
    floodWaitUntil: row.flood_wait_until ? new Date(row.flood_wait_until) : null,
    sessionCipher: row.session_cipher,
  };
}

/**
 * Gives every followed channel one reader: an active account of a user who follows it and can
 * see it (preferring accounts that already hold a handle for it). Channels nobody follows any
 * more lose their reader. Idempotent; several processes may run it at once.
 */
export async function assignChannelReaders(db: Db): Promise<void> {
  await db.execute(sql`
    with candidates as (
      select c.id as channel_id,
        (select a.id from subscriptions s
           join tg_accounts a on a.user_id = s.user_id
           left join account_channel_state st on st.account_id = a.id and st.channel_id = c.id
          where s.channel_id = c.id and s.accessible and a.is_active and a.session_cipher is not null
            and a.status in ('active', 'flood_wait')
          order by (st.access_hash is not null) desc, (a.status = 'active') desc, a.created_at, a.id
          limit 1) as reader
      from channels c
      where c.is_active and (
        c.owner_account_id is null
        or not exists (
          select 1 from tg_accounts a join subscriptions s on s.user_id = a.user_id and s.channel_id = c.id and s.accessible
          where a.id = c.owner_account_id and a.is_active and a.session_cipher is not null and a.status in ('active', 'flood_wait')))
    )
    update channels c set owner_account_id = candidates.reader
    from candidates
    where c.id = candidates.channel_id and c.owner_account_id is distinct from candidates.reader`);
}

export async function channelsOwnedBy(db: Db, accountId: string): Promise<IngestChannel[]> {
  return db
    .select({ id: channels.id, tgChannelId: channels.tgChannelId, username: channels.username, inviteHash: channels.inviteHash, visibility: channels.visibility })
    .from(channels)
    .where(and(eq(channels.ownerAccountId, accountId), eq(channels.isActive, true)))
    .orderBy(channels.id);
}

export interface ChannelCursor {
  /** The highest msg_id stored for the channel by any account (0: never read). */
  lastMsgId: number;
  /** This account's handle for the channel, when it has one. */
  accessHash: string | null;
  errorCount: number;
  updatedAt: Date | null;
}

export async function loadCursor(db: Db, accountId: string, channelId: number): Promise<ChannelCursor> {
  const rows = await queryRows<{ last_msg_id: string | number | null; access_hash: string | null; error_count: number | null; updated_at: string | Date | null }>(
    db,
    sql`select (select max(last_msg_id) from account_channel_state where channel_id = ${channelId}) as last_msg_id,
          own.access_hash, own.error_count, own.updated_at
        from (select 1) one
        left join account_channel_state own on own.account_id = ${accountId} and own.channel_id = ${channelId}`,
  );
  const row = rows[0];
  return {
    lastMsgId: Number(row?.last_msg_id ?? 0),
    accessHash: row?.access_hash ?? null,
    errorCount: row?.error_count ?? 0,
    updatedAt: row?.updated_at ? new Date(row.updated_at) : null,
  };
}

export async function saveAccessHash(db: Db, accountId: string, channelId: number, accessHash: string): Promise<void> {
  await db
    .insert(accountChannelState)
    .values({ accountId, channelId, accessHash })
    .onConflictDoUpdate({ target: [accountChannelState.accountId, accountChannelState.channelId], set: { accessHash } });
}

export async function markAccount(
  db: Db,
  accountId: string,
  change: { status: IngestAccount['status']; floodWaitUntil?: Date | null; lastError?: string | null },
): Promise<void> {
  await db
    .update(tgAccounts)
    .set({ status: change.status, floodWaitUntil: change.floodWaitUntil ?? null, lastError: change.lastError ?? null, updatedAt: sql`now()` })
    .where(eq(tgAccounts.id, accountId));
}

export async function touchAccount(db: Db, accountId: string): Promise<void> {
  await db.update(tgAccounts).set({ lastSyncedAt: sql`now()` }).where(eq(tgAccounts.id, accountId));
}

/**
 * The reading account lost access (CHANNEL_PRIVATE, banned): its user's subscription shows why,
 * and the channel gets a new reader among the other followers at the next pass.
 */
export async function markInaccessible(db: Db, account: IngestAccount, channelId: number, reason: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(subscriptions)
      .set({ accessible: false, inaccessibleReason: reason })
      .where(and(eq(subscriptions.userId, account.userId), eq(subscriptions.channelId, channelId)));
    await tx.update(channels).set({ lastError: reason, ownerAccountId: null }).where(and(eq(channels.id, channelId), eq(channels.ownerAccountId, account.id)));
    await tx
      .update(accountChannelState)
      .set({ lastError: reason, accessHash: null, updatedAt: sql`now()` })
      .where(and(eq(accountChannelState.accountId, account.id), eq(accountChannelState.channelId, channelId)));
  });
}

export async function recordChannelError(db: Db, accountId: string, channelId: number, message: string): Promise<void> {
  await db
    .insert(accountChannelState)
    .values({ accountId, channelId, lastError: message, errorCount: 1 })
    .onConflictDoUpdate({
      target: [accountChannelState.accountId, accountChannelState.channelId],
      set: { lastError: message, errorCount: sql`${accountChannelState.errorCount} + 1`, updatedAt: sql`now()` },
    });
  await db.update(channels).set({ lastError: message }).where(eq(channels.id, channelId));
}

/** Active (not removed) accounts by status, for the accounts gauge. */
export async function accountStatusCounts(db: Db): Promise<Partial<Record<IngestAccount['status'], number>>> {
  const rows = await queryRows<{ status: IngestAccount['status']; n: number }>(
    db,
    sql`select status, count(*)::int as n from tg_accounts where is_active group by status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
