// Scores of posts and topics for the top lists. Each component is in [0, 1] and kept beside the
// score, so the UI can say why an item ranks:
//   popularity — reach and engagement against the channel's usual reach (its median views),
//   trend      — velocity: a post reaching its channel's usual views fast; a topic gaining posts
//                in the last hours faster than its average over the window,
//   breadth    — distinct channels covering the story (copies inside a channel add nothing),
//   freshness  — exponential decay with age.
export type RankingWindow = '24h' | '7d';

export interface ScoreParts {
  popularity: number;
  trend: number;
  breadth: number;
  freshness: number;
}

export const WINDOW_HOURS: Record<RankingWindow, number> = { '24h': 24, '7d': 168 };

/** Weights per window: the day favours what moves now; the week favours what many channels covered. */
export const SCORE_WEIGHTS: Record<RankingWindow, ScoreParts> = {
  '24h': { popularity: 0.35, trend: 0.25, breadth: 0.25, freshness: 0.15 },
  '7d': { popularity: 0.35, trend: 0.1, breadth: 0.4, freshness: 0.15 },
};

/** Half-life of freshness, hours. */
const FRESHNESS_HALF_LIFE: Record<RankingWindow, number> = { '24h': 6, '7d': 48 };
/** A post reaching its channel's median views within this many hours is fully "on trend". */
const TREND_HOURS = 3;
/** Recent activity of a topic is measured over this many hours. */
const RECENT_HOURS = 3;

export interface PostMetrics {
  views: number;
  forwards: number;
  comments: number;
  reactions: number;
  /** Median views of the channel's recent posts (≥ 1). */
  channelMedianViews: number;
  dateMs: number;
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
/** x / (x + k): 0 at 0, ½ at k, → 1. */
const saturate = (x: number, k: number) => clamp01(x / (x + k));

export function freshness(ageMs: number, window: RankingWindow): number {
  const hours = Math.max(0, ageMs) / 3_600_000;
  return clamp01(Math.pow(0.5, hours / FRESHNESS_HALF_LIFE[window]));
}

/** 1 channel → 0, 2 → 0.25, 5 → 0.57, 10 → 0.75. */
export function breadth(distinctChannels: number): number {
  return distinctChannels <= 1 ? 0 : saturate(distinctChannels - 1, 3);
}

/** Reach relative to the channel, plus engagement (forwards weigh most: they spread the story). */
export function postPopularity(m: PostMetrics): number {
  const median = Math.max(1, m.channelMedianViews);
  const relative = m.views / median + (20 * m.forwards + 10 * m.comments + 5 * m.reactions) / median;
  return saturate(relative, 1.5);
}

/** Views per hour of age against the channel's usual reach per TREND_HOURS. */
export function postTrend(m: PostMetrics, nowMs: number): number {
  const ageHours = Math.max(0.25, (nowMs - m.dateMs) / 3_600_000);
  const pace = m.views / Math.max(1, m.channelMedianViews) / Math.max(1, ageHours / TREND_HOURS);
  return saturate(pace, 1);
}

/** Distinct posts in the last RECENT_HOURS against the topic's average pace over the window. */
export function topicTrend(postDatesMs: readonly number[], nowMs: number, window: RankingWindow): number {
  const windowStart = nowMs - WINDOW_HOURS[window] * 3_600_000;
  const inWindow = postDatesMs.filter((d) => d >= windowStart && d <= nowMs);
  if (!inWindow.length) return 0;
  const recent = inWindow.filter((d) => d >= nowMs - RECENT_HOURS * 3_600_000).length;
  const spanHours = Math.max(RECENT_HOURS, (nowMs - Math.min(...inWindow)) / 3_600_000);
  const baseline = (inWindow.length / spanHours) * RECENT_HOURS;
  return saturate(recent / baseline, 1);
}

/** A topic's popularity from its distinct posts': the best one, lifted by the rest. */
export function topicPopularity(postPopularities: readonly number[]): number {
  if (!postPopularities.length) return 0;
  const best = Math.max(...postPopularities);
  const mean = postPopularities.reduce((a, b) => a + b, 0) / postPopularities.length;
  return clamp01(0.7 * best + 0.3 * mean);
}

export function combine(parts: ScoreParts, window: RankingWindow): number {
  const w = SCORE_WEIGHTS[window];
  return w.popularity * parts.popularity + w.trend * parts.trend + w.breadth * parts.breadth + w.freshness * parts.freshness;
}

export interface Scored {
  score: number;
  components: ScoreParts;
}

export function scorePost(m: PostMetrics & { topicChannels: number }, nowMs: number, window: RankingWindow): Scored {
  const components = {
    popularity: postPopularity(m),
    trend: postTrend(m, nowMs),
    breadth: breadth(m.topicChannels),
    freshness: freshness(nowMs - m.dateMs, window),
  };
  return { score: combine(components, window), components };
}

export interface TopicPostInput extends PostMetrics {
  channelId: string | number;
  /** Forwards and near-copies count for breadth but not as distinct posts. */
  isCopy: boolean;
}

export function scoreTopic(posts: readonly TopicPostInput[], nowMs: number, window: RankingWindow): Scored | null {
  const windowStart = nowMs - WINDOW_HOURS[window] * 3_600_000;
  const live = posts.filter((p) => p.dateMs >= windowStart);
  if (!live.length) return null;
  const originals = live.filter((p) => !p.isCopy);
  const components = {
    popularity: topicPopularity((originals.length ? originals : live).map(postPopularity)),
    trend: topicTrend(originals.map((p) => p.dateMs), nowMs, window),
    breadth: breadth(new Set(live.map((p) => p.channelId)).size),
    freshness: freshness(nowMs - Math.max(...live.map((p) => p.dateMs)), window),
  };
  return { score: combine(components, window), components };
}

/**
 * A topic as one reader sees it: their channels' posts only. Breadth and popularity come from
 * those posts; trend and freshness describe the story itself and are kept.
 */
export function readerTopicScore(
  shared: ScoreParts,
  reader: { distinctChannels: number; postPopularities: readonly number[] },
  window: RankingWindow,
): Scored {
  const components = {
    popularity: reader.postPopularities.length ? topicPopularity(reader.postPopularities) : shared.popularity,
    trend: shared.trend,
    breadth: breadth(reader.distinctChannels),
    freshness: shared.freshness,
  };
  return { score: combine(components, window), components };
}
