// Posts as the ingest service writes them: the one transaction that stores a batch (posts, media,
// the cursor) together, deletions, and the lookups a batch needs first.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { NormalisedPost } from '../../core/messages';
import { queryRows } from '../rows';
import { mediaAssets, messages } from '../schema';
import type { Db } from '../types';
import { holdLease } from './leases';

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
  /** The ingest process writing it: the batch commits only while it holds the account's lease. */
  leaseHolder?: string;
}

/** One element of a PostgreSQL array literal: NULL, or the text quoted with `\\` and `"` escaped. */
const element = (value: string | null | undefined) =>
  value === null || value === undefined ? 'NULL' : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
/** A whole column of the batch as one array literal, bound as one parameter and cast in SQL. */
const arrayLiteral = (values: readonly (string | null | undefined)[]) => `{${values.map(element).join(',')}}`;
const numberOrNull = (v: number | null | undefined) => (v === null || v === undefined ? null : String(Math.trunc(v)));

/**
 * The batch's posts as one multi-row upsert over `unnest` of one array per column: 19 bound
 * parameters for any batch size (rather than 19 per row), one plan, one statement. Same columns,
 * same conflict rule as a row-by-row upsert: new posts are inserted, known ones refreshed (metrics
 * never lowered), a deleted one restored.
 */
async function upsertPosts(tx: Db, batch: BatchToCommit): Promise<{ id: number | string; msgId: number | string; inserted: boolean }[]> {
  const posts = batch.posts.map(({ post }) => post);
  const column = <T>(pick: (p: NormalisedPost) => T) => posts.map(pick);
  const textArrays = (pick: (p: NormalisedPost) => string[]) => arrayLiteral(column((p) => arrayLiteral(pick(p))));
  return queryRows(
    tx,
    sql`
    insert into messages (channel_id, msg_id, date, edit_date, text, author, views, forwards, comments, reactions, reactions_total,
      lang, type, hashtags, links, media_present, grouped_id, fwd_from_channel_id, fwd_from_msg_id)
    select ${batch.channelId}::bigint, u.msg_id, u.date, u.edit_date, u.text, u.author, u.views, u.forwards, u.comments, u.reactions,
      u.reactions_total, u.lang, u.type, u.hashtags::text[], u.links::text[], u.media_present, u.grouped_id, u.fwd_from_channel_id, u.fwd_from_msg_id
    from unnest(
      ${arrayLiteral(column((p) => numberOrNull(p.msgId)))}::bigint[],
      ${arrayLiteral(column((p) => p.date.toISOString()))}::timestamptz[],
      ${arrayLiteral(column((p) => p.editDate?.toISOString() ?? null))}::timestamptz[],
      ${arrayLiteral(column((p) => p.text))}::text[],
      ${arrayLiteral(column((p) => p.author))}::text[],
      ${arrayLiteral(column((p) => numberOrNull(p.views)))}::integer[],
      ${arrayLiteral(column((p) => numberOrNull(p.forwards)))}::integer[],
      ${arrayLiteral(column((p) => numberOrNull(p.comments)))}::integer[],
      ${arrayLiteral(column((p) => JSON.stringify(p.reactions)))}::jsonb[],
      ${arrayLiteral(column((p) => numberOrNull(p.reactions.total)))}::integer[],
      ${arrayLiteral(column((p) => p.lang))}::message_lang[],
      ${arrayLiteral(column((p) => p.type))}::message_type[],
      ${textArrays((p) => p.hashtags)}::text[],
      ${textArrays((p) => p.links)}::text[],
      ${arrayLiteral(column((p) => String(p.mediaPresent)))}::boolean[],
      ${arrayLiteral(column((p) => numberOrNull(p.groupedId)))}::bigint[],
      ${arrayLiteral(column((p) => numberOrNull(p.fwdFromChannelId)))}::bigint[],
      ${arrayLiteral(column((p) => numberOrNull(p.fwdFromMsgId)))}::bigint[]
    ) as u(msg_id, date, edit_date, text, author, views, forwards, comments, reactions, reactions_total, lang, type, hashtags, links,
      media_present, grouped_id, fwd_from_channel_id, fwd_from_msg_id)
    on conflict (channel_id, msg_id) do update set
      edit_date = excluded.edit_date,
      text = excluded.text,
      author = excluded.author,
      -- Metrics only grow on Telegram; a stale re-read must not lower them.
      views = greatest(messages.views, excluded.views),
      forwards = greatest(messages.forwards, excluded.forwards),
      comments = greatest(messages.comments, excluded.comments),
      reactions = excluded.reactions,
      reactions_total = excluded.reactions_total,
      lang = excluded.lang,
      type = excluded.type,
      hashtags = excluded.hashtags,
      links = excluded.links,
      media_present = excluded.media_present,
      deleted_at = null,
      updated_at = now()
    returning id, msg_id as "msgId", (xmax = 0) as inserted`,
  );
}

/**
 * Upserts the posts on (channel_id, msg_id), adds their media, and advances the cursor — all in
 * one transaction, so a crash at any point leaves either all of it or none of it. Returns the
 * ids of posts that were new. `beforeCommit` is a test hook for injecting a fault at the end.
 */
export async function commitBatch(db: Db, batch: BatchToCommit, beforeCommit?: () => Promise<void>): Promise<{ insertedIds: number[] }> {
  return db.transaction(async (tx) => {
    if (batch.leaseHolder) await holdLease(tx, batch.accountId, batch.leaseHolder);
    let insertedIds: number[] = [];
    if (batch.posts.length) {
      const rows = await upsertPosts(tx, batch);
      const idByMsgId = new Map(rows.map((r) => [Number(r.msgId), Number(r.id)]));
      insertedIds = rows.filter((r) => r.inserted).map((r) => Number(r.id));
      const media = batch.posts.flatMap(({ post, media: stored }) =>
        stored.map((m) => ({ messageId: idByMsgId.get(post.msgId)!, kind: m.kind, url: m.url, storageKey: m.storageKey, size: m.size, format: m.format, hash: m.hash, width: m.width, height: m.height, position: m.position })),
      );
      if (media.length) await tx.insert(mediaAssets).values(media).onConflictDoNothing();
    }
    // The cursor and the channel's last read, in one statement (one round trip).
    await tx.execute(sql`
      with cursor as (
        insert into account_channel_state (account_id, channel_id, last_msg_id, error_count, last_error)
        values (${batch.accountId}, ${batch.channelId}, ${batch.lastMsgId}, 0, null)
        on conflict (account_id, channel_id) do update set
          last_msg_id = greatest(account_channel_state.last_msg_id, excluded.last_msg_id), error_count = 0, last_error = null, updated_at = now()
        returning 1
      )
      update channels set last_parsed_at = now(), last_error = null where id = ${batch.channelId}`);
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
