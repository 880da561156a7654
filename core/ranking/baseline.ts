// A channel's usual reach: medians of its recent posts' metrics. Popularity is measured against
// it, so a post of a 5k channel that doubles its usual views outranks a routine post of a 1M one.
import type { PostMetrics } from './popularity';

export type ChannelBaseline = Required<PostMetrics>;

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Medians of each metric over the channel's posts (a metric no post reports gives 0). */
export function channelBaseline(posts: readonly PostMetrics[]): ChannelBaseline {
  const of = (k: keyof PostMetrics) => median(posts.map((p) => p[k]).filter((v): v is number => typeof v === 'number'));
  return { views: of('views'), forwards: of('forwards'), reactions: of('reactions'), comments: of('comments') };
}
