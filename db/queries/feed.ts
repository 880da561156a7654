// The feed: posts of the signed-in user's own subscriptions, newest first, with keyset pagination.
// The page is a per-channel top-N merge (a LATERAL walk for each followed channel, or for each
// channel × type × language when those are filtered, each over an index whose equality prefix is
// exactly that key), so its cost grows with the page size and the number of walks, never with the
// number of posts stored; a first pass of one post per walk bounds how far back each walk reads
// (see `walkedPage`). Text search reads a rare word from the GIN index and walks a common one
// within widening date windows (see `textSearchPath`).
import { sql, type SQL } from 'drizzle-orm';
import { postUrl } from '../../core/channels/post-url';
import { MESSAGE_LANGUAGES, type MessageLanguage, type MessageType } from '../../core/messages/types';
import type { ReactionCounts } from '../schema/messages';
import type { Db } from '../types';
import { queryRows } from '../rows';
import { readableChannelsSql, subscribedChannelsSql } from './readable';
import { iso, num, parsedJson } from './sql-values';
import type { ChannelVisibility } from '../../core/channels/visibility';

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
  langs?: MessageLanguage[];
  q?: string;
  after?: FeedCursor;
  limit: number;
  /** How to search text; chosen from the planner's estimate of the word's matches unless given (tests pin each path). */
  search?: TextSearchPath;
  /** Title of a shared topic whose own title comes from a post the reader can't see: made from the item's text. */
  titleOf(text: string): string;
  /** Also read the feed's `head` (`latestMessageId`) as of the page: in the page's own statement. */
  withHead?: boolean;
}

export interface ChannelRef {
  id: number;
  title: string;
  username: string | null;
  visibility: ChannelVisibility;
}

/** The channel columns every post query selects: `c.id as channel_id, c.title as channel_title, …`. */
export interface ChannelColumns {
  channel_id: number | string;
  channel_title: string;
  channel_username: string | null;
  channel_visibility: ChannelVisibility;
  tg_channel_id: number | string | null;
}

export const channelRefOf = (r: Omit<ChannelColumns, 'tg_channel_id'>): ChannelRef => ({
  id: num(r.channel_id),
  title: r.channel_title,
  username: r.channel_username,
  visibility: r.channel_visibility,
});

/** Post columns the feed, top and topic queries share. */
export interface PostColumns {
  id: number | string;
  msg_id: number | string;
  date: Date | string;
  text: string;
  lang: MessageLanguage;
  views: number;
  forwards: number;
  comments: number;
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
  lang: MessageLanguage;
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
  /** With `withHead`: the newest stored post's id when the page was read. */
  head?: number;
}

/** The t.me link of a post from its selected channel columns (`core/channels/post-url.ts`). */
export function postUrlOf(r: Pick<ChannelColumns, 'channel_username' | 'tg_channel_id'>, msgId: number): string {
  return postUrl({ username: r.channel_username, tgChannelId: r.tg_channel_id === null ? null : num(r.tg_channel_id) }, msgId);
}

/** A post as the top and topic reads show it. */
export interface PostSummary {
  id: number;
  msgId: number;
  channel: ChannelRef;
  date: string;
  text: string;
  lang: MessageLanguage;
  type: string;
  url: string;
  metrics: { views: number; forwards: number; comments: number; reactions: number };
}

export function postSummaryOf(r: PostColumns & ChannelColumns & { type: string; reactions_total: number }): PostSummary {
  const msgId = num(r.msg_id);
  return {
    id: num(r.id),
    msgId,
    channel: channelRefOf(r),
    date: iso(r.date),
    text: r.text,
    lang: r.lang,
    type: r.type,
    url: postUrlOf(r, msgId),
    metrics: { views: r.views, forwards: r.forwards, comments: r.comments, reactions: r.reactions_total },
  };
}

interface FeedRow extends PostColumns, ChannelColumns {
  cursor_date: string;
  head?: number | string | null;
  edit_date: Date | string | null;
  author: string | null;
  type: MessageType;
  hashtags: string[] | null;
  links: string[] | null;
  reactions: ReactionCounts | string;
  fwd_from_channel_id: number | string | null;
  fwd_from_msg_id: number | string | null;
  topic_id: number | string | null;
  topic_title: string | null;
  topic_title_visible: boolean | null;
  media: MediaRef[] | string | null;
}


/**
 * Web search syntax (words, "a phrase", -word, or) over the stored search keys: Russian and English
 * word forms meet on one key, surnames in every case too (migration 0005, `tgs_search_vector`).
 */
const matchesText = (q: string) => sql`m.search @@ tgs_search_query(${q})`;

/** Conditions on a message row `m` left after the walk's index keys (channel, type, language). */
function messageConditions(filter: FeedFilter, windowHours?: number): SQL {
  const parts: SQL[] = [sql`m.deleted_at is null`];
  if (filter.after) parts.push(sql`(m.date, m.id) < (${filter.after.date}::timestamptz, ${filter.after.id}::bigint)`);
  if (filter.from) parts.push(sql`m.date >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) parts.push(sql`m.date < ${filter.to.toISOString()}::timestamptz`);
  if (filter.q) parts.push(matchesText(filter.q));
  if (windowHours !== undefined) parts.push(sql`m.date >= ${newestBound(filter)} - make_interval(hours => ${windowHours})`);
  return sql.join(parts, sql` and `);
}

/** Where the page starts: the cursor, else the `to` bound, else now. */
function newestBound(filter: FeedFilter): SQL {
  const bounds: SQL[] = [sql`now()`];
  if (filter.after) bounds.push(sql`${filter.after.date}::timestamptz`);
  if (filter.to) bounds.push(sql`${filter.to.toISOString()}::timestamptz`);
  return sql`least(${sql.join(bounds, sql`, `)})`;
}

/** One bound enum array parameter: `{a,b}` cast to the column's type (values come from a closed list). */
const enumArray = (values: readonly string[], type: 'message_type' | 'message_lang') =>
  sql`${`{${[...new Set(values)].join(',')}}`}::${sql.raw(type)}[]`;

/**
 * The walks of one page: one per (channel) or, when type or language is filtered, one per
 * (channel, type, language) — each an equality prefix of an index ordered by (date, id), so every
 * walk reads only matching rows and stops after `take`. A filtered walk over the plain channel
 * index would instead read a channel's whole history when it has no match.
 *   no filter          messages_channel_date_idx       (channel_id, date, id)
 *   languages only     messages_channel_lang_date_idx  (channel_id, lang, date, id)
 *   types (+ langs)    messages_channel_type_lang_date_idx (channel_id, type, lang, date, id),
 *                      every language when none is given (three walks per type)
 */
function walks(filter: FeedFilter): { keys: SQL; match: SQL } {
  if (filter.types?.length) {
    return {
      keys: sql`cross join unnest(${enumArray(filter.types, 'message_type')}) kt(type)
        cross join unnest(${enumArray(filter.langs?.length ? filter.langs : MESSAGE_LANGUAGES, 'message_lang')}) kl(lang)`,
      match: sql`m.channel_id = r.channel_id and m.type = kt.type and m.lang = kl.lang`,
    };
  }
  if (filter.langs?.length) {
    return {
      keys: sql`cross join unnest(${enumArray(filter.langs, 'message_lang')}) kl(lang)`,
      match: sql`m.channel_id = r.channel_id and m.lang = kl.lang`,
    };
  }
  return { keys: sql``, match: sql`m.channel_id = r.channel_id` };
}

/**
 * The page's ids as per-channel walks merged: see `walks`. A window bounds each walk by date.
 *
 * Without text search a first pass reads each walk's newest post; when there are `take` of them,
 * the `take`-th newest one's date bounds every walk of the second pass (each reads only posts at
 * least that new, `take` at most). The bound loses nothing: `take` posts at least that new exist, so
 * an older post cannot be among the `take` newest. With 50 channels a first page reads ~150 rows
 * instead of 50 × `take`; fewer heads than `take` leave the walks unbounded. (A search walk reads
 * past non-matching posts, so a first pass there could double its cost: it walks once.)
 */
function walkedPage(filter: FeedFilter, take: number, windowHours?: number): SQL {
  const { keys, match } = walks(filter);
  const conditions = messageConditions(filter, windowHours);
  const walked = (limit: number, bound: SQL) => sql`
      select p.id, p.date from readable r ${keys}
      cross join lateral (
        select m.id, m.date from messages m
        where ${match} and ${conditions}${bound}
        -- "nulls last" as in the index (the columns are never null): else the planner can't walk it.
        order by m.date desc nulls last, m.id desc nulls last
        limit ${limit}
      ) p
      order by p.date desc nulls last, p.id desc nulls last`;
  if (filter.q) return sql`${walked(take, sql``)} limit ${take}`;
  return sql`
      with bound as (${walked(1, sql``)} offset ${take - 1} limit 1)
      ${walked(take, sql` and m.date >= coalesce((select bound.date from bound), '-infinity'::timestamptz)`)}
      limit ${take}`;
}

/**
 * The page's ids from the text index: every match of a rare word, kept if in a readable channel.
 * `offset 0` keeps the matches a subquery of their own, so the planner reads only the GIN index
 * instead of also building a bitmap of every readable channel's posts to intersect with it.
 */
function indexedTextPage(filter: FeedFilter, take: number): SQL {
  const rest: SQL[] = [];
  if (filter.types?.length) rest.push(sql`m.type = any(${enumArray(filter.types, 'message_type')})`);
  if (filter.langs?.length) rest.push(sql`m.lang = any(${enumArray(filter.langs, 'message_lang')})`);
  return sql`
      select h.id, h.date from (
        select m.id, m.date, m.channel_id from messages m
        where ${messageConditions(filter)} ${rest.length ? sql`and ${sql.join(rest, sql` and `)}` : sql``}
        offset 0
      ) h
      where h.channel_id in (select channel_id from readable)
      order by h.date desc nulls last, h.id desc nulls last
      limit ${take}`;
}

export type TextSearchPath = 'index' | 'walk';

/**
 * A common word is found by walking each channel newest-first within a date window that widens
 * (×8) until the page is full, so a channel where the word is rare costs its posts in the window,
 * not its whole history. Hours back from the page's start; the last step is unbounded.
 */
const SEARCH_WINDOW_HOURS: readonly (number | undefined)[] = [1, 8, 64, 512, 4096, undefined];

/**
 * Index or walk, from the planner's statistics (plans only, runs nothing): the index path costs
 * a heap read per match anywhere (E), the walk about take × posts / E rows, each a heap read and a
 * check of its stored vector, so the index wins while E² < 2 × take × posts.
 */
async function textSearchPath(db: Db, q: string, take: number): Promise<TextSearchPath> {
  const rows = await queryRows<Record<string, unknown>>(db, sql`explain (format json) select 1 from messages m where ${matchesText(q)}`);
  const plan = parsedJson(Object.values(rows[0] ?? {})[0] as [{ Plan: { 'Plan Rows': number } }] | string);
  const matches = plan[0]?.Plan['Plan Rows'];
  if (typeof matches !== 'number') throw new Error('EXPLAIN gave no row estimate for the text search');
  const [stats] = await queryRows<{ posts: number | string }>(db, sql`select greatest(reltuples, 0) as posts from pg_class where oid = 'messages'::regclass`);
  return matches * matches < 2 * take * num(stats?.posts ?? 0) ? 'index' : 'walk';
}

export interface FingerprintKey {
  userId: string;
  channelIds?: number[];
  /** Also read `subscribed` (only a fingerprint that will be kept needs it). */
  withSubscribed?: boolean;
}

export interface Fingerprint {
  fingerprint: string;
  /** Every channel the reader subscribes to, readable or not (what a change to may move the
   *  fingerprint); empty unless `withSubscribed`. */
  subscribed: number[];
}

/**
 * What every feed page of a reader depends on, as one short text per key: the readable channels
 * (narrowed to `channelIds`) and each one's feed version (raised by triggers whenever a post, its
 * media or topic, or the channel itself changes: migration 0009). Same fingerprint, same pages.
 * Several readers' keys in one statement.
 */
export async function feedFingerprints(db: Db, keys: readonly FingerprintKey[]): Promise<Fingerprint[]> {
  if (!keys.length) return [];
  const parts = keys.map(
    (key, i) => sql`select ${i}::int as i, md5(coalesce(string_agg(r.channel_id::text || ':' || r.feed_version::text, ',' order by r.channel_id), '')) as fingerprint,
        ${key.withSubscribed ? subscribedChannelsSql(key.userId) : sql`null::bigint[]`} as subscribed
        from (${readableChannelsSql(key.userId, key.channelIds, sql`c.feed_version`)}) r`,
  );
  const rows = await queryRows<{ i: number; fingerprint: string; subscribed: (number | string)[] | null }>(db, sql.join(parts, sql` union all `));
  const byIndex = new Map(rows.map((r) => [Number(r.i), { fingerprint: r.fingerprint, subscribed: (r.subscribed ?? []).map(Number) }]));
  return keys.map((_, i) => byIndex.get(i)!);
}

export async function listFeed(db: Db, filter: FeedFilter): Promise<FeedPage> {
  const page = await pageOf(db, filter);
  if (!filter.withHead || page.head !== undefined) return page;
  // An empty page has no row to carry the head: read it first, then the page (a post stored
  // between the two then counts as new rather than being missed).
  const head = await latestMessageId(db);
  return { ...(await pageOf(db, { ...filter, withHead: false })), head };
}

async function pageOf(db: Db, filter: FeedFilter): Promise<FeedPage> {
  const take = filter.limit + 1;
  if (!filter.q) return readPage(db, filter, walkedPage(filter, take));
  const path = filter.search ?? (await textSearchPath(db, filter.q, take));
  if (path === 'index') return readPage(db, filter, indexedTextPage(filter, take));
  for (const hours of SEARCH_WINDOW_HOURS) {
    const page = await readPage(db, filter, walkedPage(filter, take, hours));
    // A full page inside the window is the true page: everything outside it is older.
    if (page.nextCursor || hours === undefined) return page;
  }
  throw new Error('unreachable: the last search window is unbounded');
}

/** The page's posts with their channel, topic and media, from the ids the `page` SQL picks. */
async function readPage(db: Db, filter: FeedFilter, page: SQL): Promise<FeedPage> {
  const rows = await queryRows<FeedRow>(
    db,
    sql`
    with readable as (${readableChannelsSql(filter.userId, filter.channelIds)}),
    page as (${page})
    select m.id, m.msg_id, m.date, m.edit_date, m.text, m.author, m.type, m.lang, m.hashtags, m.links,${filter.withHead ? sql` (select max(id) from messages) as head,` : sql``}
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
  const head = rows[0]?.head;
  return {
    items: pageRows.map((row) => toFeedItem(row, filter.titleOf)),
    nextCursor: hasMore && last ? { date: last.cursor_date, id: num(last.id) } : null,
    ...(head === undefined || head === null ? {} : { head: num(head) }),
  };
}

function toFeedItem(row: FeedRow, titleOf: (text: string) => string): FeedItem {
  const msgId = num(row.msg_id);
  return {
    id: num(row.id),
    msgId,
    channel: channelRefOf(row),
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
    url: postUrlOf(row, msgId),
  };
}

/**
 * The newest stored post's id (any channel): the feed's `head`. Ids grow in storing order, so posts
 * stored later — new ones and a new subscription's older backfill alike — all have larger ids.
 * Read from the primary key's end: constant cost.
 */
export async function latestMessageId(db: Db): Promise<number> {
  const [row] = await queryRows<{ id: number | string | null }>(db, sql`select max(id) as id from messages`);
  return row?.id === null || row?.id === undefined ? 0 : num(row.id);
}

export type NewerFilter = Pick<FeedFilter, 'userId' | 'channelIds' | 'types' | 'langs' | 'q'> & {
  /** Count posts stored after this id (a feed page's `head`). */
  afterId: number;
  /** Stop counting here: the UI says "99+". */
  cap: number;
};

/**
 * How many of the reader's posts (with the feed's filters) were stored after `afterId`, up to
 * `cap`. A range walk of the primary key from `afterId` up: its cost is the posts stored since
 * (every channel's, few between two polls), never the history.
 */
export async function countNewer(db: Db, filter: NewerFilter): Promise<number> {
  const parts: SQL[] = [sql`m.id > ${filter.afterId}::bigint`, sql`m.deleted_at is null`];
  if (filter.types?.length) parts.push(sql`m.type = any(${enumArray(filter.types, 'message_type')})`);
  if (filter.langs?.length) parts.push(sql`m.lang = any(${enumArray(filter.langs, 'message_lang')})`);
  if (filter.q) parts.push(matchesText(filter.q));
  const [row] = await queryRows<{ n: number | string }>(
    db,
    sql`
    with readable as (${readableChannelsSql(filter.userId, filter.channelIds)})
    select count(*) as n from (
      select 1 from messages m
      where ${sql.join(parts, sql` and `)} and m.channel_id in (select channel_id from readable)
      order by m.id
      limit ${filter.cap}
    ) x`,
  );
  return num(row?.n ?? 0);
}
