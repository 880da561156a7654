// The ingest service's queries: which accounts and channels to read, and the one transaction
// that stores a batch and advances the cursor together.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { NormalisedPost } from '../../core/messages';
import type { PlanName } from '../../core/plans';
import { queryRows } from '../../db/rows';
import { accountChannelState, channels, mediaAssets, messages, subscriptions, tgAccounts } from '../../db/schema';
import type { Db } from '../../db/types';

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
  visibility: 'public' | 'private';
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

export interface StoredMedia {
  /** Index into the post's media list. */
  position: number;
  kind: NormalisedPost['media'][number]['kind'];
  url: string;
  storageKey: string;
  size: number;
  format: string;
  hash: string;
  width: number | null;
  height: number | null;
}

export interface BatchToCommit {
  accountId: string;
  channelId: number;
  posts: { post: NormalisedPost; media: StoredMedia[] }[];
  /** The cursor after this batch: the highest Telegram message id it covered. */
  lastMsgId: number;
}

const excluded = (column: string) => sql.raw(`excluded.${column}`);

/**
 * Upserts the posts on (channel_id, msg_id), adds their media, and advances the cursor — all in
 * one transaction, so a crash at any point leaves either all of it or none of it. Returns the
 * ids of posts that were new. `beforeCommit` is a test hook for injecting a fault at the end.
 */
export async function commitBatch(db: Db, batch: BatchToCommit, beforeCommit?: () => Promise<void>): Promise<{ insertedIds: number[] }> {
  return db.transaction(async (tx) => {
    let insertedIds: number[] = [];
    if (batch.posts.length) {
      const rows = await tx
        .insert(messages)
        .values(
          batch.posts.map(({ post }) => ({
            channelId: batch.channelId,
            msgId: post.msgId,
            date: post.date,
            editDate: post.editDate,
            text: post.text,
            author: post.author,
            views: post.views,
            forwards: post.forwards,
            comments: post.comments,
            reactions: post.reactions,
            reactionsTotal: post.reactions.total,
            lang: post.lang,
            type: post.type,
            hashtags: post.hashtags,
            links: post.links,
            mediaPresent: post.mediaPresent,
            groupedId: post.groupedId,
            fwdFromChannelId: post.fwdFromChannelId,
            fwdFromMsgId: post.fwdFromMsgId,
          })),
        )
        .onConflictDoUpdate({
          target: [messages.channelId, messages.msgId],
          set: {
            editDate: excluded('edit_date'),
            text: excluded('text'),
            author: excluded('author'),
            // Metrics only grow on Telegram; a stale re-read must not lower them.
            views: sql`greatest(${messages.views}, excluded.views)`,
            forwards: sql`greatest(${messages.forwards}, excluded.forwards)`,
            comments: sql`greatest(${messages.comments}, excluded.comments)`,
            reactions: excluded('reactions'),
            reactionsTotal: excluded('reactions_total'),
            lang: excluded('lang'),
            type: excluded('type'),
            hashtags: excluded('hashtags'),
            links: excluded('links'),
            mediaPresent: excluded('media_present'),
            deletedAt: sql`null`,
            updatedAt: sql`now()`,
          },
        })
        .returning({ id: messages.id, msgId: messages.msgId, inserted: sql<boolean>`(xmax = 0)` });
      const idByMsgId = new Map(rows.map((r) => [Number(r.msgId), Number(r.id)]));
      insertedIds = rows.filter((r) => r.inserted).map((r) => Number(r.id));
      const media = batch.posts.flatMap(({ post, media: stored }) =>
        stored.map((m) => ({ messageId: idByMsgId.get(post.msgId)!, kind: m.kind, url: m.url, storageKey: m.storageKey, size: m.size, format: m.format, hash: m.hash, width: m.width, height: m.height, position: m.position })),
      );
      if (media.length) await tx.insert(mediaAssets).values(media).onConflictDoNothing();
    }
    await tx
      .insert(accountChannelState)
      .values({ accountId: batch.accountId, channelId: batch.channelId, lastMsgId: batch.lastMsgId, errorCount: 0, lastError: null })
      .onConflictDoUpdate({
        target: [accountChannelState.accountId, accountChannelState.channelId],
        set: {
          lastMsgId: sql`greatest(${accountChannelState.lastMsgId}, excluded.last_msg_id)`,
          errorCount: 0,
          lastError: null,
          updatedAt: sql`now()`,
        },
      });
    await tx.update(channels).set({ lastParsedAt: sql`now()`, lastError: null }).where(eq(channels.id, batch.channelId));
    await beforeCommit?.();
    return { insertedIds };
  });
}

/** Posts of the channel in [fromMsgId, toMsgId] that Telegram no longer returns are marked deleted. */
export async function markDeleted(db: Db, channelId: number, fromMsgId: number, toMsgId: number, presentMsgIds: number[]): Promise<number> {
  const present = presentMsgIds.length ? sql`and msg_id not in (${sql.join(presentMsgIds.map((id) => sql`${id}`), sql`, `)})` : sql``;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update messages set deleted_at = now(), updated_at = now()
        where channel_id = ${channelId} and msg_id between ${fromMsgId} and ${toMsgId} and deleted_at is null ${present}
        returning id`,
  );
  return rows.length;
}

/** Known media by content hash: the same file is stored once. */
export async function mediaByHash(db: Db, hash: string): Promise<{ url: string; storageKey: string } | null> {
  const [row] = await db.select({ url: mediaAssets.url, storageKey: mediaAssets.storageKey }).from(mediaAssets).where(eq(mediaAssets.hash, hash)).limit(1);
  return row ?? null;
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

export async function storedMsgIds(db: Db, channelId: number, msgIds: number[]): Promise<Set<number>> {
  if (!msgIds.length) return new Set();
  const rows = await db
    .select({ msgId: messages.msgId })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), inArray(messages.msgId, msgIds), isNull(messages.deletedAt)));
  return new Set(rows.map((r) => Number(r.msgId)));
}

/** Active (not removed) accounts by status, for the accounts gauge. */
export async function accountStatusCounts(db: Db): Promise<Partial<Record<IngestAccount['status'], number>>> {
  const rows = await queryRows<{ status: IngestAccount['status']; n: number }>(
    db,
    sql`select status, count(*)::int as n from tg_accounts where is_active group by status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
