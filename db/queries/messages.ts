// Posts as the ingest service writes them: the one transaction that stores a batch (posts, media,
// the cursor) together, deletions, and the lookups a batch needs first.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { NormalisedPost } from '../../core/messages';
import { queryRows } from '../rows';
import { accountChannelState, channels, mediaAssets, messages } from '../schema';
import type { Db } from '../types';

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

export async function storedMsgIds(db: Db, channelId: number, msgIds: number[]): Promise<Set<number>> {
  if (!msgIds.length) return new Set();
  const rows = await db
    .select({ msgId: messages.msgId })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), inArray(messages.msgId, msgIds), isNull(messages.deletedAt)));
  return new Set(rows.map((r) => Number(r.msgId)));
}
