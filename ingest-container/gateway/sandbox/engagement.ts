// Simulated engagement: the data set has no views, forwards, reactions or comments, so the
// sandbox derives them from a documented, deterministic model (docs/sandbox.md):
//   views(age)  = reach × 0.35 × (1 − e^(−age/8h)) × noise(post)      noise ∈ [0.5, 1.5]
//   forwards    = views × 0.006 × noise'      comments = views × 0.002 × noise'' (if enabled)
//   reactions   = views × 0.015 × noise''' split over a channel's emoji palette by seeded weights
// reach (simulated subscribers) is fixed per channel from its id. The same post at the same age
// always has the same figures, and they only grow with age.

/** A fast deterministic hash → [0, 1). */
export function seeded(...parts: (number | string)[]): number {
  let h = 2166136261;
  for (const part of parts.join(':')) {
    h ^= part.charCodeAt(0);
    h = Math.imul(h, 16777619);
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

const EMOJI = ['👍', '🔥', '😁', '😢', '🤔', '😱', '❤', '👎', '🤬', '👏'];

export function channelReach(tgChannelId: number): number {
  // 20 k … 3 M subscribers, log-uniform.
  return Math.round(Math.exp(Math.log(20_000) + seeded('reach', tgChannelId) * (Math.log(3_000_000) - Math.log(20_000))));
}

export interface SimulatedMetrics {
  views: number;
  forwards: number;
  comments: number;
  reactions: { emoji: string; count: number }[];
}

export function simulateMetrics(tgChannelId: number, postId: number, ageMs: number): SimulatedMetrics {
  const ageHours = Math.max(0, ageMs) / 3_600_000;
  const noise = (salt: string) => 0.5 + seeded(salt, tgChannelId, postId);
  const views = Math.round(channelReach(tgChannelId) * 0.35 * (1 - Math.exp(-ageHours / 8)) * noise('views'));
  const commentsEnabled = seeded('comments', tgChannelId) < 0.6;
  const reactionTotal = Math.round(views * 0.015 * noise('reactions'));
  // Each channel favours three emoji; weights are fixed per post.
  const palette = [0, 1, 2].map((i) => EMOJI[Math.floor(seeded('palette', tgChannelId, i) * EMOJI.length)]);
  const weights = palette.map((_, i) => 0.2 + seeded('weight', tgChannelId, postId, i));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const counts = new Map<string, number>();
  palette.forEach((emoji, i) => counts.set(emoji, (counts.get(emoji) ?? 0) + Math.round((reactionTotal * weights[i]) / weightSum)));
  return {
    views,
    forwards: Math.round(views * 0.006 * noise('forwards')),
    comments: commentsEnabled ? Math.round(views * 0.002 * noise('comments')) : 0,
    reactions: [...counts].filter(([, count]) => count > 0).map(([emoji, count]) => ({ emoji, count })),
  };
}
