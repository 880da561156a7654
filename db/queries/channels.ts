// Channels and subscriptions, always scoped by the signed-in user where user data is read.
import { and, count, eq, sql } from 'drizzle-orm';
import { accountChannelState, channels, subscriptions } from '../schema';
import { queryRows } from '../rows';
import type { Db } from '../types';
import type { ChannelVisibility } from '../../core/channels/visibility';

export interface ResolvedChannelInput {
  tgChannelId: number;
  username: string | null;
  title: string;
  about: string | null;
  visibility: ChannelVisibility;
  participantsCount: number | null;
  inviteHash: string | null;
}

export async function countSubscriptions(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(subscriptions).where(eq(subscriptions.userId, userId));
  return Number(row?.n ?? 0);
}

export async function findPublicChannelByUsername(db: Db, username: string) {
  const [row] = await db
    .select({ id: channels.id, tgChannelId: channels.tgChannelId })
    .from(channels)
    .where(and(sql`lower(${channels.username}) = ${username.toLowerCase()}`, eq(channels.visibility, 'public')))
    .limit(1);
  return row ?? null;
}

export async function isSubscribed(db: Db, userId: string, channelId: number): Promise<boolean> {
  const [row] = await db
    .select({ channelId: subscriptions.channelId })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, userId), eq(subscriptions.channelId, channelId)));
  return Boolean(row);
}

/**
 * Records the channel Telegram described (one row per Telegram channel), the account's handle
 * for it, and the user's subscription — in one transaction. Returns the channel id and whether
 * the subscription is new.
 */
export async function subscribe(
  db: Db,
  input: { userId: string; accountId: string | null; accessHash: string | null; channel: ResolvedChannelInput },
): Promise<{ channelId: number; created: boolean }> {
  return db.transaction(async (tx) => {
    const c = input.channel;
    // A username moves with its channel: free it from any other row first.
    if (c.username) {
      await tx.execute(sql`update channels set username = null where lower(username) = ${c.username.toLowerCase()} and tg_channel_id is distinct from ${c.tgChannelId}`);
    }
    const [channel] = await tx
      .insert(channels)
      .values({ tgChannelId: c.tgChannelId, username: c.username, title: c.title, about: c.about, visibility: c.visibility, participantsCount: c.participantsCount, inviteHash: c.inviteHash, ownerAccountId: input.accountId })
      .onConflictDoUpdate({
        target: channels.tgChannelId,
        set: {
          username: c.username,
          title: c.title,
          about: c.about,
          visibility: c.visibility,
          participantsCount: c.participantsCount,
          inviteHash: c.inviteHash ? c.inviteHash : sql`${channels.inviteHash}`,
          isActive: true,
        },
      })
      .returning({ id: channels.id });
    if (input.accountId && input.accessHash) {
      await tx
        .insert(accountChannelState)
        .values({ accountId: input.accountId, channelId: channel.id, accessHash: input.accessHash })
        .onConflictDoUpdate({ target: [accountChannelState.accountId, accountChannelState.channelId], set: { accessHash: input.accessHash, lastError: null } });
    }
    const inserted = await tx
      .insert(subscriptions)
      .values({ userId: input.userId, channelId: channel.id })
      .onConflictDoUpdate({ target: [subscriptions.userId, subscriptions.channelId], set: { accessible: true, inaccessibleReason: null } })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    return { channelId: channel.id, created: Boolean(inserted[0]?.inserted) };
  });
}

export async function unsubscribe(db: Db, userId: string, channelId: number): Promise<boolean> {
  const rows = await db
    .delete(subscriptions)
    .where(and(eq(subscriptions.userId, userId), eq(subscriptions.channelId, channelId)))
    .returning({ channelId: subscriptions.channelId });
  return rows.length > 0;
}

export interface MyChannelRow {
  id: number;
  tgChannelId: number | null;
  title: string;
  username: string | null;
  inviteHash: string | null;
  visibility: ChannelVisibility;
  participantsCount: number | null;
  addedAt: string;
  accessible: boolean;
  inaccessibleReason: string | null;
  lastParsedAt: string | null;
  lastError: string | null;
  messageCount: number;
  syncState: 'pending' | 'ok' | 'paused' | 'no_reader' | 'error';
}

const iso = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString());

/** The user's subscriptions with what ingest knows about each. */
export async function listMyChannels(db: Db, userId: string, channelId?: number): Promise<MyChannelRow[]> {
  const rows = await queryRows<{
    id: number | string;
    tg_channel_id: number | string | null;
    title: string;
    username: string | null;
    invite_hash: string | null;
    visibility: ChannelVisibility;
    participants_count: number | null;
    added_at: string | Date;
    accessible: boolean;
    inaccessible_reason: string | null;
    last_parsed_at: string | Date | null;
    last_error: string | null;
    message_count: number | string;
    reader_status: string | null;
  }>(
    db,
    sql`select c.id, c.tg_channel_id, c.title, c.username, c.invite_hash, c.visibility, c.participants_count,
          s.added_at, s.accessible, s.inaccessible_reason, c.last_parsed_at, c.last_error,
          (select count(*) from messages m where m.channel_id = c.id and m.deleted_at is null) as message_count,
          (select a.status from tg_accounts a where a.id = c.owner_account_id) as reader_status
        from subscriptions s join channels c on c.id = s.channel_id
        where s.user_id = ${userId} ${channelId === undefined ? sql`` : sql`and c.id = ${channelId}`}
        order by s.added_at desc, c.id desc`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    tgChannelId: r.tg_channel_id === null ? null : Number(r.tg_channel_id),
    title: r.title,
    username: r.username,
    inviteHash: r.invite_hash,
    visibility: r.visibility,
    participantsCount: r.participants_count,
    addedAt: iso(r.added_at)!,
    accessible: r.accessible,
    inaccessibleReason: r.inaccessible_reason,
    lastParsedAt: iso(r.last_parsed_at),
    lastError: r.last_error,
    messageCount: Number(r.message_count),
    syncState: !r.reader_status
      ? 'no_reader'
      : r.reader_status === 'flood_wait'
        ? 'paused'
        : r.last_error
          ? 'error'
          : r.last_parsed_at
            ? 'ok'
            : 'pending',
  }));
}

/** The user's accounts that can resolve channels now, best first; and whether any needs a new login. */
export async function accountsForResolving(db: Db, userId: string): Promise<{ usable: string[]; needsRelogin: boolean }> {
  const rows = await queryRows<{ id: string; status: string; has_session: boolean; is_active: boolean }>(
    db,
    sql`select id, status, session_cipher is not null as has_session, is_active from tg_accounts
        where user_id = ${userId} order by (status = 'active') desc, created_at, id`,
  );
  const usable = rows.filter((r) => r.is_active && r.has_session && (r.status === 'active' || r.status === 'flood_wait')).map((r) => r.id);
  return { usable, needsRelogin: rows.some((r) => r.is_active && r.status === 'needs_relogin') };
}

/** A known public channel's description, to follow it without asking Telegram again. */
export async function knownPublicChannel(db: Db, channelId: number): Promise<ResolvedChannelInput[]> {
  const rows = await db
    .select({ tgChannelId: channels.tgChannelId, username: channels.username, title: channels.title, about: channels.about, visibility: channels.visibility, participantsCount: channels.participantsCount, inviteHash: channels.inviteHash })
    .from(channels)
    .where(eq(channels.id, channelId));
  return rows.map((r) => ({ ...r, tgChannelId: Number(r.tgChannelId) }));
}
