// Topics: writes by the incremental clustering job, and the per-user read of one topic.
// Topics are shared across users; every read here is filtered to the reader's own channels.
import { sql } from 'drizzle-orm';
import { channelIdSpellingsSql } from '../../core/channels/telegram-id';
import type { MessageLanguage } from '../../core/messages/types';
import { visibleTitle } from '../../core/topics/title';
import type { Db } from '../types';
import { queryRows } from '../rows';
import { bigintArray, iso, num } from './sql-values';
import { postSummaryOf, type ChannelColumns, type ChannelRef, type PostColumns, type PostSummary } from './feed';
import { readableChannelsSql } from './readable';


// ── Writes (the clustering job) ────────────────────────────────────────────────────────────

export interface ClusterablePost {
  id: number;
  channelId: number;
  msgId: number;
  date: Date;
  text: string;
  /** Our channel id of the forward's source, when we follow that channel too. */
  forwardChannelId: number | null;
  forwardMsgId: number | null;
  topicId: number | null;
}

interface ClusterableRow {
  id: number | string;
  channel_id: number | string;
  msg_id: number | string;
  date: Date | string;
  text: string;
  fwd_channel_id: number | string | null;
  fwd_from_msg_id: number | string | null;
  topic_id: number | string | null;
}

const clusterableColumns = sql`m.id, m.channel_id, m.msg_id, m.date, m.text, fc.id as fwd_channel_id, m.fwd_from_msg_id, tm.topic_id`;
// Forwards name their source by Telegram's channel id, stored by the ingest either bare or in the
// Bot API's -100… form; either matches (the rule: core/channels/telegram-id.ts).
const clusterableJoins = sql`
  left join channels fc on m.fwd_from_channel_id is not null
    and fc.tg_channel_id in (${sql.raw(channelIdSpellingsSql('m.fwd_from_channel_id'))})
  left join topic_messages tm on tm.message_id = m.id`;

function toClusterable(r: ClusterableRow): ClusterablePost {
  return {
    id: num(r.id),
    channelId: num(r.channel_id),
    msgId: num(r.msg_id),
    date: new Date(r.date),
    text: r.text,
    forwardChannelId: r.fwd_channel_id === null ? null : num(r.fwd_channel_id),
    forwardMsgId: r.fwd_from_msg_id === null ? null : num(r.fwd_from_msg_id),
    topicId: r.topic_id === null ? null : num(r.topic_id),
  };
}

/** Posts by id (deleted ones left out), oldest first. */
export async function postsForClustering(db: Db, ids: readonly number[]): Promise<ClusterablePost[]> {
  if (!ids.length) return [];
  const rows = await queryRows<ClusterableRow>(
    db,
    sql`select ${clusterableColumns} from messages m ${clusterableJoins}
        where m.id = any(${bigintArray(ids)}) and m.deleted_at is null order by m.date, m.id`,
  );
  return rows.map(toClusterable);
}

/** The posts of the clustering window ending at the newest post, oldest first: the index's state after a restart. */
export async function recentPostsForClustering(db: Db, windowHours: number): Promise<ClusterablePost[]> {
  const rows = await queryRows<ClusterableRow>(
    db,
    sql`select ${clusterableColumns} from messages m ${clusterableJoins}
        where m.deleted_at is null
          and m.date >= (select max(date) from messages) - make_interval(hours => ${windowHours})
        order by m.date, m.id`,
  );
  return rows.map(toClusterable);
}

export async function createTopic(db: Db, input: { title: string; firstSeenAt: Date }): Promise<number> {
  const [row] = await queryRows<{ id: number | string }>(
    db,
    sql`insert into topics (title, first_seen_at, last_seen_at) values (${input.title}, ${iso(input.firstSeenAt)}, ${iso(input.firstSeenAt)}) returning id`,
  );
  return num(row.id);
}

export interface TopicMemberWrite {
  topicId: number;
  messageId: number;
  similarity: number;
  duplicateOfMessageId: number | null;
  isForward: boolean;
}

/** Puts posts into topics (a post belongs to one topic: a later decision moves it). */
export async function upsertTopicMembers(db: Db, members: readonly TopicMemberWrite[]): Promise<void> {
  if (!members.length) return;
  const values = sql.join(
    members.map((m) => sql`(${m.topicId}::bigint, ${m.messageId}::bigint, ${m.similarity}::real, ${m.duplicateOfMessageId}::bigint, ${m.isForward}::boolean)`),
    sql`, `,
  );
  await db.execute(sql`
    insert into topic_messages (topic_id, message_id, similarity, duplicate_of_message_id, is_forward)
    values ${values}
    on conflict (message_id) do update set topic_id = excluded.topic_id, similarity = excluded.similarity,
      duplicate_of_message_id = excluded.duplicate_of_message_id, is_forward = excluded.is_forward`);
}

export interface TopicHeadWrite {
  topicId: number;
  title: string;
  titleMessageId: number;
  lang: MessageLanguage;
  originMessageId: number;
  originChannelId: number;
}

/** Title and origin from the index; counts and dates recomputed from the stored members. */
export async function refreshTopics(db: Db, heads: readonly TopicHeadWrite[]): Promise<void> {
  if (!heads.length) return;
  const values = sql.join(
    heads.map((h) => sql`(${h.topicId}::bigint, ${h.title}::text, ${h.titleMessageId}::bigint, ${h.lang}::message_lang, ${h.originMessageId}::bigint, ${h.originChannelId}::bigint)`),
    sql`, `,
  );
  await db.execute(sql`
    with head(topic_id, title, title_message_id, lang, origin_message_id, origin_channel_id) as (values ${values}),
    stats as (
      select tm.topic_id, count(*)::int as n, count(distinct m.channel_id)::int as channels, min(m.date) as first, max(m.date) as last
      from topic_messages tm join messages m on m.id = tm.message_id
      where tm.topic_id in (select topic_id from head) and m.deleted_at is null
      group by tm.topic_id
    ),
    origin as (
      select distinct on (tm.topic_id) tm.topic_id, m.id as message_id, m.channel_id
      from topic_messages tm join messages m on m.id = tm.message_id
      where tm.topic_id in (select topic_id from head) and m.deleted_at is null
      order by tm.topic_id, m.date, m.id
    )
    update topics t set title = head.title, title_message_id = head.title_message_id, lang = head.lang,
      origin_message_id = coalesce(origin.message_id, head.origin_message_id),
      origin_channel_id = coalesce(origin.channel_id, head.origin_channel_id),
      message_count = coalesce(stats.n, 0), channel_count = coalesce(stats.channels, 0),
      first_seen_at = coalesce(stats.first, t.first_seen_at), last_seen_at = coalesce(stats.last, t.last_seen_at), updated_at = now()
    from head left join stats on stats.topic_id = head.topic_id left join origin on origin.topic_id = head.topic_id
    where t.id = head.topic_id`);
}

/**
 * Joins stored topics the clustering found to be one story: their posts, rankings' subject and the
 * references users hold (editor results, pipeline runs, rule firings) move to `into`, and each
 * absorbed topic keeps its row with `merged_into` set, so its old id still answers (with the
 * survivor). The survivor's rankings and head are recomputed by the caller.
 */
export async function mergeTopics(db: Db, params: { into: number; from: readonly number[] }): Promise<void> {
  const from = params.from.filter((id) => id !== params.into);
  if (!from.length) return;
  const ids = bigintArray(from);
  await db.transaction(async (tx) => {
    await tx.execute(sql`update topic_messages set topic_id = ${params.into} where topic_id = any(${ids})`);
    await tx.execute(sql`update editor_results set topic_id = ${params.into} where topic_id = any(${ids})`);
    // A queued run reads its sources by the topic id of its input: that moves too.
    await tx.execute(sql`
      update pipeline_runs set topic_id = ${params.into},
        input = case when input ? 'topicId' and input->>'topicId' is not null
          then jsonb_set(input, '{topicId}', to_jsonb(${params.into}::bigint)) else input end
      where topic_id = any(${ids})`);
    // A rule fires once per topic: a firing for an absorbed topic that the survivor already has is dropped.
    await tx.execute(sql`
      delete from rule_firings f where f.topic_id = any(${ids})
        and (exists (select 1 from rule_firings s where s.rule_id = f.rule_id and s.topic_id = ${params.into})
          or f.ctid <> (select min(g.ctid) from rule_firings g where g.rule_id = f.rule_id and g.topic_id = any(${ids})))`);
    await tx.execute(sql`update rule_firings set topic_id = ${params.into} where topic_id = any(${ids})`);
    await tx.execute(sql`delete from ranking where entity_kind = 'topic' and entity_id = any(${ids})`);
    await tx.execute(sql`update topics set merged_into = ${params.into}, updated_at = now() where id = any(${ids}) or merged_into = any(${ids})`);
    await tx.execute(sql`update topics set message_count = 0, channel_count = 0 where id = any(${ids})`);
  });
}

/** The id a topic goes by now: itself, or the topic it was merged into (followed to the end). */
export async function survivingTopicId(db: Db, topicId: number): Promise<number | null> {
  let id = topicId;
  for (let hop = 0; hop < 8; hop++) {
    const [row] = await queryRows<{ merged_into: number | string | null }>(db, sql`select merged_into from topics where id = ${id}`);
    if (!row) return null;
    if (row.merged_into === null) return id;
    id = num(row.merged_into);
  }
  return id;
}

// ── Reads (the API) ─────────────────────────────────────────────────────────────────────────

export interface TopicPost extends PostSummary {
  similarity: number;
  isForward: boolean;
  /** The earlier post (among those the reader sees) this one forwards or copies. */
  duplicateOf: number | null;
}

export interface TopicDetail {
  id: number;
  title: string;
  lang: MessageLanguage;
  firstSeenAt: string;
  lastSeenAt: string;
  /** Posts of the reader's channels, oldest first. */
  posts: TopicPost[];
  channels: (ChannelRef & { posts: number; firstPostAt: string })[];
  origin: { messageId: number; channel: ChannelRef; date: string; url: string };
  /** Posts per hour, from the first post to the last. */
  timeline: { hour: string; posts: number; channels: number }[];
}

interface TopicPostRow extends PostColumns, ChannelColumns {
  type: string;
  reactions_total: number;
  similarity: number;
  is_forward: boolean;
  duplicate_of_message_id: number | string | null;
}

interface TopicRow {
  id: number | string;
  title: string;
  title_message_id: number | string | null;
  lang: MessageLanguage;
}

/**
 * One topic as the reader sees it: only their channels' posts; null when none of them is theirs
 * (so another reader's topic is indistinguishable from a missing one). `titleOf` derives a title
 * from a post when the topic's own title comes from a post the reader can't see.
 */
export async function topicForUser(db: Db, params: { userId: string; topicId: number; titleOf(text: string): string }): Promise<TopicDetail | null> {
  const topicId = await survivingTopicId(db, params.topicId);
  if (topicId === null) return null;
  params = { ...params, topicId };
  const [topic] = await queryRows<TopicRow>(db, sql`select id, title, title_message_id, lang from topics where id = ${params.topicId}`);
  if (!topic) return null;
  const rows = await queryRows<TopicPostRow>(
    db,
    sql`
    with readable as (${readableChannelsSql(params.userId)})
    select m.id, m.msg_id, m.date, m.text, m.lang, m.type, m.views, m.forwards, m.comments, m.reactions_total,
      tm.similarity, tm.is_forward, tm.duplicate_of_message_id,
      c.id as channel_id, c.title as channel_title, c.username as channel_username, c.visibility as channel_visibility, c.tg_channel_id
    from topic_messages tm
    join messages m on m.id = tm.message_id and m.deleted_at is null
    join readable r on r.channel_id = m.channel_id
    join channels c on c.id = m.channel_id
    where tm.topic_id = ${params.topicId}
    order by m.date, m.id`,
  );
  if (!rows.length) return null;
  const posts = rows.map(toTopicPost);
  const visible = new Set(posts.map((p) => p.id));
  for (const p of posts) if (p.duplicateOf !== null && !visible.has(p.duplicateOf)) p.duplicateOf = null;
  const first = posts[0];
  return {
    id: num(topic.id),
    title: visibleTitle({ title: topic.title, titleMessageId: topic.title_message_id === null ? null : num(topic.title_message_id) }, posts, params.titleOf),
    lang: topic.lang,
    firstSeenAt: first.date,
    lastSeenAt: posts[posts.length - 1].date,
    posts,
    channels: channelsOf(posts),
    origin: { messageId: first.id, channel: first.channel, date: first.date, url: first.url },
    timeline: hourly(posts),
  };
}

function toTopicPost(r: TopicPostRow): TopicPost {
  return {
    ...postSummaryOf(r),
    similarity: Number(r.similarity),
    isForward: r.is_forward,
    duplicateOf: r.duplicate_of_message_id === null ? null : num(r.duplicate_of_message_id),
  };
}

function channelsOf(posts: TopicPost[]): TopicDetail['channels'] {
  const byId = new Map<number, TopicDetail['channels'][number]>();
  for (const p of posts) {
    const known = byId.get(p.channel.id);
    if (known) known.posts++;
    else byId.set(p.channel.id, { ...p.channel, posts: 1, firstPostAt: p.date });
  }
  return [...byId.values()];
}

function hourly(posts: TopicPost[]): TopicDetail['timeline'] {
  const buckets = new Map<string, { posts: number; channels: Set<number> }>();
  for (const p of posts) {
    const hour = `${p.date.slice(0, 13)}:00:00.000Z`;
    const b = buckets.get(hour) ?? { posts: 0, channels: new Set<number>() };
    b.posts++;
    b.channels.add(p.channel.id);
    buckets.set(hour, b);
  }
  return [...buckets].map(([hour, b]) => ({ hour, posts: b.posts, channels: b.channels.size }));
}
