// Popularity: each engagement metric relative to the channel's median for it,
//   raw = Σ w_k · log2(1 + value_k / max(floor_k, median_k)) / Σ w_k      (over metrics present)
// so a post exactly at its channel's medians has raw = 1, one at 3× has raw = 2; then
//   popularity = raw / (raw + 1)  ∈ [0, 1): ½ for a typical post of its channel.
import type { ChannelBaseline } from './baseline';

export interface PostMetrics {
  views?: number;
  forwards?: number;
  reactions?: number;
  comments?: number;
}

type Metric = keyof PostMetrics;

// Views say how many saw it; forwards spread the story further, so they weigh next.
const WEIGHTS: Record<Metric, number> = { views: 0.4, forwards: 0.25, reactions: 0.2, comments: 0.15 };
// Medians of small channels can be 0 or 1; a floor keeps one extra reaction from looking viral.
const FLOORS: Record<Metric, number> = { views: 50, forwards: 2, reactions: 3, comments: 2 };

export function relativeReach(m: PostMetrics, baseline: ChannelBaseline): number {
  let sum = 0;
  let weights = 0;
  for (const k of Object.keys(WEIGHTS) as Metric[]) {
    const v = m[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    sum += WEIGHTS[k] * Math.log2(1 + Math.max(0, v) / Math.max(FLOORS[k], baseline[k]));
    weights += WEIGHTS[k];
  }
  return weights === 0 ? 0 : sum / weights;
}

export const saturate = (raw: number) => (raw <= 0 ? 0 : raw / (raw + 1));

/** A topic's reach: its strongest post, plus a quarter of each other distinct post's. */
export function topicReach(reaches: readonly number[]): number {
  if (reaches.length === 0) return 0;
  const best = Math.max(...reaches);
  const rest = reaches.reduce((a, b) => a + b, 0) - best;
  return best + 0.25 * rest;
}
