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
  youngMergeThreshold: 0.28,
  hubThreshold: 0.18,
  hubPosts: 6,
  hubChannels: 4,
  hubConcentration: 0.65,
  hubTimeScale: 1.5,
  crossLanguageWeight: 1.2,
};

/** Threshold for a post of `terms` distinct stems to join a topic of `size` distinct posts: grows
 *  with log(size) so that big topics do not swallow neighbouring stories through a drifting
 *  centroid, and with the post's length (see lengthSlope). */
export function joinThresholdFor(size: number, terms: number, o: TopicIndexOptions): number {
  return joinThresholdOf(sizeGrowth(size, o), lengthDoublings(terms, o), o);
}

/** The join threshold from its two parts (see joinThresholdFor): a post compared with many topics
 *  works out its length's part once. */
export function joinThresholdOf(growth: number, doublings: number, o: TopicIndexOptions): number {
  return o.joinThreshold + o.thresholdGrowth * growth + o.lengthSlope * doublings;
}

/** Doublings of a post's distinct terms above lengthPivot, clamped to ±2. */
export function lengthDoublings(terms: number, o: TopicIndexOptions): number {
  return Math.max(-2, Math.min(2, Math.log2(Math.max(1, terms) / o.lengthPivot)));
}

/** `sizeGrowth` by size, each worked out once: the index asks for it per candidate topic. */
export class SizeGrowthTable {
  private bySize = new Float64Array(64).fill(NaN);

  constructor(private readonly o: TopicIndexOptions) {}

  of(size: number): number {
    if (!Number.isInteger(size) || size < 0) return sizeGrowth(size, this.o);
    if (size >= this.bySize.length) {
      const grown = new Float64Array(Math.max(size + 1, this.bySize.length * 2)).fill(NaN);
      grown.set(this.bySize);
      this.bySize = grown;
    }
    let growth = this.bySize[size];
    if (Number.isNaN(growth)) growth = this.bySize[size] = sizeGrowth(size, this.o);
    return growth;
  }
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
