// Scores for the top lists: score = Σ weight_c · component_c over popularity, trend, breadth and
// freshness, each in [0, 1] and returned with the weights so the UI can explain a rank.
//   breadth   = (channels − 1) / (channels − 1 + 3): 1 channel → 0, 4 → ½, 10 → 0.75;
//   freshness = 0.5 ^ (age / halfLife).
import type { ChannelBaseline } from './baseline';
import { relativeReach, saturate, topicReach, type PostMetrics } from './popularity';
import { trendFromSnapshots, trendFromTimes, type MetricSnapshot } from './trend';
import { HOUR_MS, RANKING_WINDOWS, type RankingWindow, type ScoreComponents } from './windows';

export interface Scored {
  score: number;
  components: ScoreComponents;
  weights: ScoreComponents;
}

export function breadth(distinctChannels: number): number {
  const extra = Math.max(0, distinctChannels - 1);
  return extra / (extra + 3);
}

export function freshness(ageMs: number, window: RankingWindow): number {
  return Math.pow(0.5, Math.max(0, ageMs) / HOUR_MS / RANKING_WINDOWS[window].halfLifeHours);
}

/** Σ weight · component with the window's weights: the one place a score is made from its components. */
export function combine(components: ScoreComponents, window: RankingWindow): Scored {
  const weights = RANKING_WINDOWS[window].weights;
  const score =
    weights.popularity * components.popularity +
    weights.trend * components.trend +
    weights.breadth * components.breadth +
    weights.freshness * components.freshness;
  return { score, components, weights };
}

export interface PostScoreInput {
  dateMs: number;
  metrics: PostMetrics;
  baseline: ChannelBaseline;
  /** Distinct channels of the post's topic (1 when it has none): a post's breadth is its story's. */
  topicChannels?: number;
  /** Snapshots of a cumulative metric (e.g. views) for velocity; without them, views per hour of
   *  age against the channel's median views per `recentHours` stand in. */
  snapshots?: readonly MetricSnapshot[];
}

export function scorePost(p: PostScoreInput, nowMs: number, window: RankingWindow): Scored | null {
  const { hours, recentHours } = RANKING_WINDOWS[window];
  const age = nowMs - p.dateMs;
  if (age > hours * HOUR_MS) return null;
  let trend: number;
  if (p.snapshots && p.snapshots.length >= 2) trend = trendFromSnapshots(p.snapshots, nowMs, window);
  else {
    // A post reaching its channel's median views within `recentHours` is at a steady pace (½).
    const pace = (p.metrics.views ?? 0) / Math.max(50, p.baseline.views) / Math.max(1, age / HOUR_MS / recentHours);
    trend = pace / (pace + 1);
  }
  return combine(
    {
      popularity: saturate(relativeReach(p.metrics, p.baseline)),
      trend,
      breadth: breadth(p.topicChannels ?? 1),
      freshness: freshness(age, window),
    },
    window,
  );
}

export interface TopicScorePost {
  channelId: string;
  dateMs: number;
  metrics: PostMetrics;
  baseline: ChannelBaseline;
  /** Forwards and near-copies: they widen breadth across channels, never popularity or trend. */
  isCopy?: boolean;
}

export function scoreTopic(posts: readonly TopicScorePost[], nowMs: number, window: RankingWindow): Scored | null {
  const start = nowMs - RANKING_WINDOWS[window].hours * HOUR_MS;
  const live = posts.filter((p) => p.dateMs >= start && p.dateMs <= nowMs);
  if (live.length === 0) return null;
  const originals = live.filter((p) => !p.isCopy);
  const counted = originals.length ? originals : live;
  return combine(
    {
      popularity: saturate(topicReach(counted.map((p) => relativeReach(p.metrics, p.baseline)))),
      trend: trendFromTimes(counted.map((p) => p.dateMs), nowMs, window),
      breadth: breadth(new Set(live.map((p) => p.channelId)).size),
      freshness: freshness(nowMs - Math.max(...live.map((p) => p.dateMs)), window),
    },
    window,
  );
}

