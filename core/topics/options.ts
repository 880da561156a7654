import type { TopicIndexOptions } from './types';

// Measured on the labelled eval sets (tests/unit/topics-eval.test.ts, tests/bench/clustering.ts)
// and read against real Telegram days; see the bench output before changing them.
export const DEFAULT_TOPIC_OPTIONS: TopicIndexOptions = {
  windowHours: 72,
  joinThreshold: 0.3,
  lengthSlope: 0.035,
  lengthPivot: 30,
  thresholdGrowth: 0.04,
  growthSize: 32,
  timeScaleHours: 10,
  centroidWeight: 0.4,
  meaningWeight: 0.4,
  meaningFloor: 0.6,
  duplicateJaccard: 0.6,
  queryTerms: 16,
  maxCandidates: 60,
  minTerms: 3,
  mergeThreshold: 0.25,
  hubThreshold: 0.18,
  hubPosts: 6,
  hubChannels: 4,
  hubConcentration: 0.65,
  hubTimeScale: 1.5,
};

/** Threshold for a post of `terms` distinct stems to join a topic of `size` distinct posts: grows
 *  with log(size) so that big topics do not swallow neighbouring stories through a drifting
 *  centroid, and with the post's length (see lengthSlope). */
export function joinThresholdFor(size: number, terms: number, o: TopicIndexOptions): number {
  const growth = sizeGrowth(size, o);
  const doublings = Math.max(-2, Math.min(2, Math.log2(Math.max(1, terms) / o.lengthPivot)));
  return o.joinThreshold + o.thresholdGrowth * growth + o.lengthSlope * doublings;
}

/** 0 for a one-post topic, 1 from `growthSize` posts on (logarithmic between). */
export function sizeGrowth(size: number, o: TopicIndexOptions): number {
  return Math.min(1, Math.log(Math.max(1, size)) / Math.log(o.growthSize));
}

/** Penalty for time distance: 1 at Δ=0, ~0.9 at Δ=T/2, ½ at Δ=T, 1/9 at Δ=2T. Cubic, so the hours
 *  in which a story unfolds cost little and the next day costs a lot. */
export function timeFactor(deltaMs: number, o: TopicIndexOptions, scale = 1): number {
  const ratio = Math.abs(deltaMs) / (o.timeScaleHours * scale * 3_600_000);
  return 1 / (1 + ratio * ratio * ratio);
}

export function toMs(date: Date | number | string): number {
  if (typeof date === 'number') return date;
  const ms = date instanceof Date ? date.getTime() : Date.parse(date);
  if (Number.isNaN(ms)) throw new RangeError(`invalid date: ${String(date)}`);
  return ms;
}
