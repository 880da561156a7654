// Rankings: inputs gathered for the scoring job, scores written to `ranking`, and the per-user top
// lists read by the API. Topics are shared; a reader's top counts only posts of their channels.
import { sql } from 'drizzle-orm';
import { RANKING_WINDOWS, type RankingWindow } from '../../core/ranking';
import type { ScoreComponents } from '../schema/topics';
import type { Db } from '../types';
import { queryRows } from '../rows';
import { bigintArray, iso, num, parsedJson } from './sql-values';
import type { MessageLanguage } from '../../core/messages/types';
import { channelRefOf, postSummaryOf, postUrlOf, type ChannelColumns, type ChannelRef, type PostColumns, type PostSummary } from './feed';
import { readableChannelsSql } from './readable';
import type { RankingEntityKind } from '../../core/ranking/windows';

export type { RankingWindow };
const windowMs = (w: RankingWindow) => RANKING_WINDOWS[w].hours * 3_600_000;


// ── Inputs for scoring ──────────────────────────────────────────────────────────────────────

export interface PostSignals {
  id: number;
  channelId: number;
  date: Date;
  views: number;
  forwards: number;
  comments: number;
  reactions: number;
  /** The channel's usual reach: medians of its recent posts' metrics. */
  baseline: { views: number; forwards: number; comments: number; reactions: number };
  topicId: number | null;
  /** A forward or near-copy of another post of its topic. */
  isCopy: boolean;
}

interface SignalRow {
  id: number | string;
  channel_id: number | string;
  date: Date | string;
  views: number;
  forwards: number;
  comments: number;
  reactions_total: number;
  median_views: number | string | null;
  median_forwards: number | string | null;
  median_comments: number | string | null;
  median_reactions: number | string | null;
  topic_id: number | string | null;
  is_copy: boolean;
}

const signalSelect = (where: ReturnType<typeof sql>) => sql`
  with picked as (
    select m.id, m.channel_id, m.date, m.views, m.forwards, m.comments, m.reactions_total, tm.topic_id,
      coalesce(tm.duplicate_of_message_id is not null or tm.is_forward, false) as is_copy
    from messages m left join topic_messages tm on tm.message_id = m.id
    where m.deleted_at is null and ${where}
  ),
  reach as (
    select c.channel_id, x.* from (select distinct channel_id from picked) c
    cross join lateral (
      select percentile_cont(0.5) within group (order by views) as median_views,
        percentile_cont(0.5) within group (order by forwards) as median_forwards,
        percentile_cont(0.5) within group (order by comments) as median_comments,
        percentile_cont(0.5) within group (order by reactions_total) as median_reactions
      from (
        select views, forwards, comments, reactions_total from messages mm where mm.channel_id = c.channel_id and mm.deleted_at is null
        order by mm.date desc nulls last, mm.id desc nulls last limit 200
      ) recent
    ) x
  )
  select p.*, r.median_views, r.median_forwards, r.median_comments, r.median_reactions from picked p join reach r on r.channel_id = p.channel_id`;

function toSignals(r: SignalRow): PostSignals {
  return {
    id: num(r.id),
    channelId: num(r.channel_id),
    date: new Date(r.date),
    views: r.views,
    forwards: r.forwards,
    comments: r.comments,
    reactions: r.reactions_total,
    baseline: {
      views: Number(r.median_views ?? 0),
      forwards: Number(r.median_forwards ?? 0),
      comments: Number(r.median_comments ?? 0),
      reactions: Number(r.median_reactions ?? 0),
    },
    topicId: r.topic_id === null ? null : num(r.topic_id),
    isCopy: r.is_copy,
  };
}

/** Signals of these posts (deleted ones left out). A channel's baseline is the medians of its last 200 posts. */
export async function postSignals(db: Db, ids: readonly number[]): Promise<PostSignals[]> {
  if (!ids.length) return [];
  return (await queryRows<SignalRow>(db, signalSelect(sql`m.id = any(${bigintArray(ids)})`))).map(toSignals);
}

/** Signals of every post of these topics. */
export async function topicSignals(db: Db, topicIds: readonly number[]): Promise<PostSignals[]> {
  if (!topicIds.length) return [];
  return (await queryRows<SignalRow>(db, signalSelect(sql`m.id in (select message_id from topic_messages where topic_id = any(${bigintArray(topicIds)}))`))).map(toSignals);
}

/** Ids of posts and topics with activity since `since`: the whole set a window refresh rescores. */
export async function activeSince(db: Db, since: Date): Promise<{ messageIds: number[]; topicIds: number[] }> {
  const rows = await queryRows<{ id: number | string; topic_id: number | string | null }>(
    db,
    sql`select m.id, tm.topic_id from messages m left join topic_messages tm on tm.message_id = m.id
        where m.date >= ${iso(since)}::timestamptz and m.deleted_at is null`,
  );
  return {
    messageIds: rows.map((r) => num(r.id)),
    topicIds: [...new Set(rows.filter((r) => r.topic_id !== null).map((r) => num(r.topic_id as number | string)))],
  };
}

// ── Writes ──────────────────────────────────────────────────────────────────────────────────

export interface RankingWrite {
  entityKind: RankingEntityKind;
  entityId: number;
  window: RankingWindow;
  score: number;
  components: ScoreComponents;
}

export async function upsertRankings(db: Db, rows: readonly RankingWrite[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const values = sql.join(
      chunk.map((r) => sql`(${r.entityKind}::ranking_entity_kind, ${r.entityId}::bigint, ${r.window}::ranking_window, ${r.score}::float8, ${JSON.stringify(r.components)}::jsonb, now())`),
      sql`, `,
    );
    await db.execute(sql`
      insert into ranking (entity_kind, entity_id, "window", score, components, computed_at) values ${values}
      on conflict (entity_kind, entity_id, "window") do update set score = excluded.score, components = excluded.components, computed_at = excluded.computed_at`);
  }
}

/** Drops rankings of entities that left a window, or no longer exist. */
export async function removeRankings(db: Db, rows: readonly Pick<RankingWrite, 'entityKind' | 'entityId' | 'window'>[]): Promise<void> {
  // Grouped by (kind, window) and matched with = any(array): one index probe per id.
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    const key = `${r.entityKind}|${r.window}`;
    const ids = groups.get(key);
    if (ids) ids.push(r.entityId);
    else groups.set(key, [r.entityId]);
  }
  for (const [key, ids] of groups) {
    const [kind, window] = key.split('|');
    await db.execute(sql`
      delete from ranking where entity_kind = ${kind}::ranking_entity_kind and "window" = ${window}::ranking_window
        and entity_id = any(${bigintArray(ids)})`);
  }
}

/** Rankings of posts older than their window (their scores no longer describe "now"). */
export async function pruneRankings(db: Db, now: Date): Promise<void> {
  for (const window of Object.keys(RANKING_WINDOWS) as RankingWindow[]) {
    const since = new Date(now.getTime() - windowMs(window));
    await db.execute(sql`
      delete from ranking r using messages m
      where r.entity_kind = 'message' and r."window" = ${window}::ranking_window and m.id = r.entity_id and m.date < ${iso(since)}::timestamptz`);
    await db.execute(sql`
      delete from ranking r using topics t
      where r.entity_kind = 'topic' and r."window" = ${window}::ranking_window and t.id = r.entity_id and t.last_seen_at < ${iso(since)}::timestamptz`);
  }
}

// The version of the rankings and the clock they were computed at, kept in the database (the
// one store the API and the ingest service share whatever kv each uses): cached top lists carry
// the version in their key; the clock bounds the windows the API reads.
const VERSION_KEY = 'ranking:version';
const CLOCK_KEY = 'ranking:now';

export async function bumpRankingVersion(db: Db, nowMs: number): Promise<number> {
  const [row] = await queryRows<{ value: string }>(
    db,
    sql`with clock as (
          insert into kv (key, value) values (${CLOCK_KEY}, ${String(nowMs)})
          on conflict (key) do update set value = excluded.value, expires_at = null
        )
        insert into kv (key, value) values (${VERSION_KEY}, '1')
        on conflict (key) do update set value = ((kv.value)::bigint + 1)::text, expires_at = null
        returning value`,
  );
  return Number(row.value);
}

export interface RankingState {
  version: number;
  /** The instant the stored scores describe (ms); null before the first computation. */
  nowMs: number | null;
}

export async function rankingState(db: Db): Promise<RankingState> {
  const rows = await queryRows<{ key: string; value: string }>(db, sql`select key, value from kv where key in (${VERSION_KEY}, ${CLOCK_KEY})`);
  const get = (k: string) => rows.find((r) => r.key === k)?.value;
  const now = get(CLOCK_KEY);
  return { version: Number(get(VERSION_KEY) ?? 0), nowMs: now === undefined ? null : Number(now) };
}

/** Newest post date (ms): the clock of a replayed data set (the sandbox), never ahead of real time. */
export async function dataClock(db: Db): Promise<number | null> {
  const [row] = await queryRows<{ newest: Date | string | null }>(db, sql`select max(date) as newest from messages where deleted_at is null`);
  return row?.newest ? Math.min(Date.now(), new Date(row.newest).getTime()) : null;
}

// ── Reads (the API) ─────────────────────────────────────────────────────────────────────────

export interface TopMessage {
  kind: 'message';
  score: number;
  components: ScoreComponents;
  message: PostSummary & { topic: { id: number } | null };
}

interface TopMessageRow extends PostColumns, ChannelColumns {
  type: string;
  reactions_total: number;
  topic_id: number | string | null;
  score: number;
  components: ScoreComponents | string;
}


/**
 * The reader's top posts of a window: their channels' posts of the window (a per-channel walk of
 * messages_channel_date_idx), each joined to its stored score, best first.
 */
export async function topMessagesForUser(db: Db, params: { userId: string; window: RankingWindow; now: Date; limit: number }): Promise<TopMessage[]> {
  const since = new Date(params.now.getTime() - windowMs(params.window));
  const rows = await queryRows<TopMessageRow>(
    db,
    sql`
    with readable as (${readableChannelsSql(params.userId)}),
    scored as (
      select p.id, rk.score, rk.components from readable r
      cross join lateral (
        select m.id from messages m where m.channel_id = r.channel_id and m.deleted_at is null and m.date >= ${iso(since)}::timestamptz
      ) p
      join ranking rk on rk.entity_kind = 'message' and rk.entity_id = p.id and rk."window" = ${params.window}::ranking_window
      order by rk.score desc, p.id desc
      limit ${params.limit}
    )
    select m.id, m.msg_id, m.date, m.text, m.lang, m.type, m.views, m.forwards, m.comments, m.reactions_total,
      c.id as channel_id, c.title as channel_title, c.username as channel_username, c.visibility as channel_visibility, c.tg_channel_id,
      tm.topic_id, s.score, s.components
    from scored s join messages m on m.id = s.id join channels c on c.id = m.channel_id
    left join topic_messages tm on tm.message_id = m.id
    order by s.score desc, m.id desc`,
  );
  return rows.map((r) => {
    return {
      kind: 'message' as const,
      score: Number(r.score),
      components: parsedJson(r.components),
      message: { ...postSummaryOf(r), topic: r.topic_id === null ? null : { id: num(r.topic_id) } },
    };
  });
}

/** One post of a topic as one reader sees it (their channels only), with its own stored score. */
export interface ReaderTopicPost {
  topicId: number;
  messageId: number;
  url: string;
  channelId: number;
  date: Date;
  text: string;
  similarity: number;
  isCopy: boolean;
  messageScore: ScoreComponents | null;
}

export interface ReaderTopicRow {
  topicId: number;
  title: string;
  titleMessageId: number | null;
  lang: MessageLanguage;
  /** The topic's stored score over all channels (its trend and freshness hold for every reader). */
  components: ScoreComponents;
  score: number;
  posts: ReaderTopicPost[];
  channels: ChannelRef[];
}

interface ReaderTopicPostRow extends ChannelColumns {
  topic_id: number | string;
  title: string;
  title_message_id: number | string | null;
  topic_lang: MessageLanguage;
  topic_score: number;
  topic_components: ScoreComponents | string;
  message_id: number | string;
  msg_id: number | string;
  date: Date | string;
  text: string;
  similarity: number;
  is_copy: boolean;
  message_components: ScoreComponents | string | null;
}

/**
 * Topics with posts of the reader's channels in the window, with those posts only. The caller
 * scores them for this reader (breadth = the reader's channels in the topic).
 */
export async function topicsForUser(
  db: Db,
  params: { userId: string; window: RankingWindow; now: Date; maxTopics: number; /** Stories only: topics covered by at least this many channels (all readers'). */ minChannels?: number },
): Promise<ReaderTopicRow[]> {
  const since = new Date(params.now.getTime() - windowMs(params.window));
  const rows = await queryRows<ReaderTopicPostRow>(
    db,
    sql`
    with readable as (${readableChannelsSql(params.userId)}),
    mine as (
      select p.id, tm.topic_id from readable r
      cross join lateral (
        select m.id from messages m where m.channel_id = r.channel_id and m.deleted_at is null and m.date >= ${iso(since)}::timestamptz
      ) p
      join topic_messages tm on tm.message_id = p.id
    ),
    candidates as (
      select rk.entity_id as topic_id, rk.score, rk.components from (select distinct topic_id from mine) d
      join ranking rk on rk.entity_kind = 'topic' and rk.entity_id = d.topic_id and rk."window" = ${params.window}::ranking_window
      join topics st on st.id = d.topic_id and st.merged_into is null and st.channel_count >= ${params.minChannels ?? 1}
      order by rk.score desc limit ${params.maxTopics}
    )
    select cd.topic_id, t.title, t.title_message_id, t.lang as topic_lang, cd.score as topic_score, cd.components as topic_components,
      m.id as message_id, m.msg_id, c.tg_channel_id, c.id as channel_id, c.title as channel_title, c.username as channel_username, c.visibility as channel_visibility,
      m.date, m.text, tm.similarity, (tm.duplicate_of_message_id is not null or tm.is_forward) as is_copy, mr.components as message_components
    from candidates cd
    join topics t on t.id = cd.topic_id
    join mine on mine.topic_id = cd.topic_id
    join messages m on m.id = mine.id
    join topic_messages tm on tm.message_id = m.id
    join channels c on c.id = m.channel_id
    left join ranking mr on mr.entity_kind = 'message' and mr.entity_id = m.id and mr."window" = ${params.window}::ranking_window
    order by cd.topic_id, m.date, m.id`,
  );
  const byTopic = new Map<number, ReaderTopicRow>();
  for (const r of rows) {
    const topicId = num(r.topic_id);
    let topic = byTopic.get(topicId);
    if (!topic) {
      topic = {
        topicId,
        title: r.title,
        titleMessageId: r.title_message_id === null ? null : num(r.title_message_id),
        lang: r.topic_lang,
        score: Number(r.topic_score),
        components: parsedJson(r.topic_components),
        posts: [],
        channels: [],
      };
      byTopic.set(topicId, topic);
    }
    const channelId = num(r.channel_id);
    if (!topic.channels.some((c) => c.id === channelId)) {
      topic.channels.push(channelRefOf(r));
    }
    topic.posts.push({
      topicId,
      messageId: num(r.message_id),
      url: postUrlOf(r, num(r.msg_id)),
      channelId,
      date: new Date(r.date),
      text: r.text,
      similarity: Number(r.similarity),
      isCopy: r.is_copy,
      messageScore: r.message_components === null ? null : parsedJson(r.message_components),
    });
  }
  return [...byTopic.values()];
}
