// Rankings as the scoring job sees them: the signals it scores (posts, their channels' baselines,
// topics' members) and the scores it writes to `ranking`. The API's reads are db/queries/top.ts;
// the version and clock of a computation, db/queries/ranking-clock.ts.
import { sql } from 'drizzle-orm';
import { RANKING_WINDOWS, type RankingWindow } from '../../core/ranking';
import { windowMs, type RankingEntityKind } from '../../core/ranking/windows';
import type { ScoreComponents } from '../schema/topics';
import type { Db } from '../types';
import { queryRows } from '../rows';
import { bigintArray, iso, num } from './sql-values';

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
