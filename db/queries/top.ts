// The reader's top lists: posts and topics of a window, best first, from the shared `ranking`
// rows, filtered to the reader's channels. Topics are shared; a reader's top counts only posts of
// their channels.
import { sql } from 'drizzle-orm';
import type { MessageLanguage } from '../../core/messages/types';
import { windowMs, type RankingWindow } from '../../core/ranking/windows';
import type { ScoreComponents } from '../schema/topics';
import type { Db } from '../types';
import { queryRows } from '../rows';
import { channelRefOf, postSummaryOf, postUrlOf, type ChannelColumns, type ChannelRef, type PostColumns, type PostSummary } from './feed';
import { rankingStateColumns, rankingStateOf, type RankingState, type RankingStateColumns } from './ranking-clock';
import { readableChannelsSql, subscribedChannelsSql } from './readable';
import { iso, num, parsedJson } from './sql-values';

/**
 * What a /v1/top request reads before its cache: the ranking state and the reader's channel ids
 * (ascending), in one round trip; several readers' in one statement. `subscribed` (read only with
 * `withSubscribed`, else empty): every channel the reader subscribes to, readable or not (what a
 * change to may change the readable ones).
 */
export async function topListStates(db: Db, keys: readonly { userId: string; withSubscribed?: boolean }[]): Promise<(RankingState & { channelIds: number[]; subscribed: number[] })[]> {
  if (!keys.length) return [];
  const [row] = await queryRows<RankingStateColumns & Record<string, unknown>>(
    db,
    sql`select ${rankingStateColumns()}, ${sql.join(
      keys.map(
        ({ userId, withSubscribed }, i) =>
          sql`array(${readableChannelsSql(userId)} order by s.channel_id) as ${sql.identifier(`channel_ids_${i}`)},
            ${withSubscribed ? subscribedChannelsSql(userId) : sql`null::bigint[]`} as ${sql.identifier(`subscribed_${i}`)}`,
      ),
      sql`, `,
    )}`,
  );
  const state = rankingStateOf(row);
  const ids = (column: string) => ((row?.[column] as (number | string)[] | null) ?? []).map(Number);
  return keys.map((_, i) => ({ ...state, channelIds: ids(`channel_ids_${i}`), subscribed: ids(`subscribed_${i}`) }));
}

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
