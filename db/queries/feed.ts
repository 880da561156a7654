// The feed: posts of the signed-in user's own subscriptions, newest first, with keyset pagination.
// The page is a per-channel top-N merge (a LATERAL walk of messages_channel_date_idx for each
// followed channel), so its cost grows with the page size and the number of followed channels,
// never with the number of posts stored.
import { sql, type SQL } from 'drizzle-orm';
import type { ReactionCounts } from '../schema/messages';
import type { Db } from '../types';
import { queryRows } from '../rows';
import { iso, num, parsedJson, sqlList } from './sql-values';

export type MessageType =
  | 'text' | 'photo' | 'video' | 'document' | 'audio' | 'voice' | 'video_note' | 'animation' | 'sticker'
  | 'poll' | 'location' | 'contact' | 'album' | 'webpage' | 'service' | 'other';
export type MessageLang = 'ru' | 'en' | 'other';

/** Position after the last item of a page: its exact timestamp (microseconds kept) and id. */
export interface FeedCursor {
  date: string;
  id: number;
}

export interface FeedFilter {
  userId: string;
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
  channelIds?: number[];
  types?: MessageType[];
  langs?: MessageLang[];
  q?: string;
  after?: FeedCursor;
  limit: number;
  /** Title of a shared topic whose own title comes from a post the reader can't see: made from the item's text. */
  titleOf(text: string): string;
}

export interface ChannelRef {
  id: number;
  title: string;
  username: string | null;
  visibility: 'public' | 'private';
}

export interface MediaRef {
  kind: string;
  url: string;
  width: number | null;
  height: number | null;
  format: string;
}

export interface FeedItem {
  id: number;
  msgId: number;
  channel: ChannelRef;
  date: string;
  editDate: string | null;
  text: string;
  author: string | null;
  type: MessageType;
  lang: MessageLang;
  hashtags: string[];
  links: string[];
  media: MediaRef[];
  metrics: { views: number; forwards: number; comments: number; reactions: ReactionCounts };
  forwardedFrom: { tgChannelId: number; msgId: number | null } | null;
  topic: { id: number; title: string } | null;
  url: string;
}

export interface FeedPage {
  items: FeedItem[];
  nextCursor: FeedCursor | null;
}

/** Link to the post on Telegram: t.me/<username>/<id>, or t.me/c/<internal id>/<id> for private channels. */
export function originalPostUrl(channel: { username: string | null; tgChannelId: number | null }, msgId: number): string {
  if (channel.username) return `https://t.me/${channel.username}/${msgId}`;
  if (channel.tgChannelId !== null) return `https://t.me/c/${internalChannelId(channel.tgChannelId)}/${msgId}`;
  return `https://t.me/`;
}

/** Bot API style ids are -100XXXXXXXXXX; t.me/c links use the bare XXXXXXXXXX. */
export function internalChannelId(tgChannelId: number): string {
  const digits = String(Math.abs(tgChannelId));
  return tgChannelId < 0 && digits.startsWith('100') && digits.length > 10 ? digits.slice(3) : digits;
}


/** The user's readable channels: every subscription, except private ones their session lost. */
export function readableChannelsSql(userId: string, channelIds?: number[]): SQL {
  return sql`
    select s.channel_id from subscriptions s join channels c on c.id = s.channel_id
    where s.user_id = ${userId} and (s.accessible or c.visibility = 'public')
    ${channelIds?.length ? sql`and s.channel_id in (${sqlList(channelIds)})` : sql``}`;
}

/** The ids of the user's readable channels, ascending. */
export async function readableChannelIds(db: Db, userId: string): Promise<number[]> {
  const rows = await queryRows<{ channel_id: number | string }>(db, sql`${readableChannelsSql(userId)} order by s.channel_id`);
  return rows.map((r) => Number(r.channel_id));
}

interface FeedRow {
  id: number | string;
  msg_id: number | string;
  cursor_date: string;
  date: Date | string;
  edit_date: Date | string | null;
  text: string;
  author: string | null;
  type: MessageType;
  lang: MessageLang;
  hashtags: string[] | null;
  links: string[] | null;
  views: number;
  forwards: number;
  comments: number;
  reactions: ReactionCounts | string;
  fwd_from_channel_id: number | string | null;
  fwd_from_msg_id: number | string | null;
  channel_id: number | string;
  channel_title: string;
  channel_username: string | null;
  channel_visibility: 'public' | 'private';
  tg_channel_id: number | string | null;
  topic_id: number | string | null;
  topic_title: string | null;
  topic_title_visible: boolean | null;
  media: MediaRef[] | string | null;
}


/** Conditions on a message row `m` shared by the per-channel walk. */
function messageConditions(filter: FeedFilter): SQL {
  const parts: SQL[] = [sql`m.deleted_at is null`];
  if (filter.after) parts.push(sql`(m.date, m.id) < (${filter.after.date}::timestamptz, ${filter.after.id}::bigint)`);
  if (filter.from) parts.push(sql`m.date >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) parts.push(sql`m.date < ${filter.to.toISOString()}::timestamptz`);
  if (filter.types?.length) parts.push(sql`m.type::text in (${sqlList(filter.types)})`);
  if (filter.langs?.length) parts.push(sql`m.lang::text in (${sqlList(filter.langs)})`);
  if (filter.q) parts.push(sql`to_tsvector('simple', m.text) @@ websearch_to_tsquery('simple', ${filter.q})`);
  return sql.join(parts, sql` and `);
}

export async function listFeed(db: Db, filter: FeedFilter): Promise<FeedPage> {
  const take = filter.limit + 1;
  const rows = await queryRows<FeedRow>(
    db,
    sql`
    with readable as (${readableChannelsSql(filter.userId, filter.channelIds)}),
    page as (
      select p.id, p.date from readable r
      cross join lateral (
        select m.id, m.date from messages m
        where m.channel_id = r.channel_id and ${messageConditions(filter)}
        -- "nulls last" as in the index (the columns are never null): else the planner can't walk it.
        order by m.date desc nulls last, m.id desc nulls last
        limit ${take}
      ) p
      order by p.date desc nulls last, p.id desc nulls last
      limit ${take}
    )
    select m.id, m.msg_id, m.date, m.edit_date, m.text, m.author, m.type, m.lang, m.hashtags, m.links,
      to_char(m.date at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_date,
      m.views, m.forwards, m.comments, m.reactions, m.fwd_from_channel_id, m.fwd_from_msg_id,
      c.id as channel_id, c.title as channel_title, c.username as channel_username,
      c.visibility as channel_visibility, c.tg_channel_id,
      tm.topic_id, t.title as topic_title,
      (t.title_message_id is null or exists (
        select 1 from messages tmsg join readable r on r.channel_id = tmsg.channel_id where tmsg.id = t.title_message_id
      )) as topic_title_visible,
      (select json_agg(json_build_object('kind', a.kind, 'url', a.url, 'width', a.width, 'height', a.height, 'format', a.format) order by a.position)
         from media_assets a where a.message_id = m.id) as media
    from page join messages m on m.id = page.id
    join channels c on c.id = m.channel_id
    left join topic_messages tm on tm.message_id = m.id
    left join topics t on t.id = tm.topic_id
    order by m.date desc nulls last, m.id desc nulls last`,
  );
  const hasMore = rows.length > filter.limit;
  const pageRows = hasMore ? rows.slice(0, filter.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map((row) => toFeedItem(row, filter.titleOf)),
    nextCursor: hasMore && last ? { date: last.cursor_date, id: num(last.id) } : null,
  };
}

function toFeedItem(row: FeedRow, titleOf: (text: string) => string): FeedItem {
  const tgChannelId = row.tg_channel_id === null ? null : num(row.tg_channel_id);
  const msgId = num(row.msg_id);
  return {
    id: num(row.id),
    msgId,
    channel: { id: num(row.channel_id), title: row.channel_title, username: row.channel_username, visibility: row.channel_visibility },
    date: iso(row.date),
    editDate: row.edit_date ? iso(row.edit_date) : null,
    text: row.text,
    author: row.author,
    type: row.type,
    lang: row.lang,
    hashtags: row.hashtags ?? [],
    links: row.links ?? [],
    media: row.media ? parsedJson(row.media) : [],
    metrics: { views: row.views, forwards: row.forwards, comments: row.comments, reactions: parsedJson(row.reactions) },
    forwardedFrom: row.fwd_from_channel_id === null ? null : { tgChannelId: num(row.fwd_from_channel_id), msgId: row.fwd_from_msg_id === null ? null : num(row.fwd_from_msg_id) },
    topic: row.topic_id === null ? null : { id: num(row.topic_id), title: (row.topic_title_visible ? row.topic_title : titleOf(row.text)) ?? '' },
    url: originalPostUrl({ username: row.channel_username, tgChannelId }, msgId),
  };
}
