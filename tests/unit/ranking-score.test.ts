import { describe, expect, it } from 'vitest';
import {
  RANKING_WINDOWS,
  breadth,
  channelBaseline,
  freshness,
  relativeReach,
  scorePost,
  scoreTopic,
  trendFromSnapshots,
  trendFromTimes,
  type TopicScorePost,
} from '../../core/ranking';

const H = 3_600_000;
const NOW = Date.parse('2024-12-03T20:00:00Z');
const small = channelBaseline([{ views: 4000, forwards: 10, reactions: 40, comments: 5 }, { views: 6000, forwards: 30, reactions: 60, comments: 15 }]);
const big = channelBaseline([{ views: 900_000, forwards: 900, reactions: 4000, comments: 300 }]);

describe('channel baseline and popularity', () => {
  it('takes medians per metric', () => {
    expect(small).toEqual({ views: 5000, forwards: 20, reactions: 50, comments: 10 });
  });

  it('measures reach against the channel: a typical post scores 1, a small channel’s hit beats a big one’s routine post', () => {
    expect(relativeReach(small, small)).toBeCloseTo(1);
    const hit = relativeReach({ views: 20_000, forwards: 100, reactions: 200, comments: 40 }, small);
    const routine = relativeReach({ views: 500_000, forwards: 400, reactions: 2000, comments: 100 }, big);
    expect(hit).toBeGreaterThan(2);
    expect(routine).toBeLessThan(1);
  });

  it('ignores metrics a post does not report', () => {
    expect(relativeReach({ views: 5000 }, small)).toBeCloseTo(1);
    expect(relativeReach({}, small)).toBe(0);
  });
});

describe('components', () => {
  it('breadth grows with distinct channels and is 0 for one channel', () => {
    expect(breadth(1)).toBe(0);
    expect(breadth(4)).toBeCloseTo(0.5);
    expect(breadth(10)).toBeCloseTo(0.75);
  });

  it('freshness halves every half-life of the window', () => {
    expect(freshness(0, '24h')).toBe(1);
    expect(freshness(6 * H, '24h')).toBeCloseTo(0.5);
    expect(freshness(36 * H, '7d')).toBeCloseTo(0.5);
  });

  it('trend from post times: ½ at a steady pace, higher when accelerating, lower when fading', () => {
    const steady = Array.from({ length: 8 }, (_, i) => NOW - (i * 3 + 1) * H);
    const burst = [NOW - 20 * H, NOW - 0.5 * H, NOW - 1 * H, NOW - 1.5 * H, NOW - 2 * H];
    const fading = Array.from({ length: 20 }, (_, i) => NOW - (20 - i * 0.2) * H);
    expect(trendFromTimes(steady, NOW, '24h')).toBeCloseTo(0.5, 1);
    expect(trendFromTimes(burst, NOW, '24h')).toBeGreaterThan(0.7);
    expect(trendFromTimes(fading, NOW, '24h')).toBeLessThan(0.3);
    expect(trendFromTimes([NOW - 30 * H], NOW, '24h')).toBe(0);
  });

  it('trend from snapshots compares recent growth with the window average', () => {
    const linear = [0, 6, 12, 18, 24].map((h) => ({ atMs: NOW - (24 - h) * H, value: h * 1000 }));
    const spike = [
      { atMs: NOW - 24 * H, value: 0 },
      { atMs: NOW - 3 * H, value: 2000 },
      { atMs: NOW, value: 20_000 },
    ];
    expect(trendFromSnapshots(linear, NOW, '24h')).toBeCloseTo(0.5, 1);
    expect(trendFromSnapshots(spike, NOW, '24h')).toBeGreaterThan(0.8);
    expect(trendFromSnapshots(linear.slice(0, 1), NOW, '24h')).toBe(0.5);
  });
});

describe('scorePost and scoreTopic', () => {
  it('returns the score with its components and weights, and nothing outside the window', () => {
    const s = scorePost({ dateMs: NOW - 2 * H, metrics: { views: 10_000 }, baseline: small, topicChannels: 4 }, NOW, '24h')!;
    const w = RANKING_WINDOWS['24h'].weights;
    const c = s.components;
    expect(s.weights).toEqual(w);
    expect(s.score).toBeCloseTo(w.popularity * c.popularity + w.trend * c.trend + w.breadth * c.breadth + w.freshness * c.freshness);
    expect(c.breadth).toBeCloseTo(0.5);
    expect(scorePost({ dateMs: NOW - 30 * H, metrics: {}, baseline: small }, NOW, '24h')).toBeNull();
    expect(scorePost({ dateMs: NOW - 30 * H, metrics: {}, baseline: small }, NOW, '7d')).not.toBeNull();
  });

  const story = (channels: string[], copies = 0): TopicScorePost[] => [
    ...channels.map((channelId, i) => ({ channelId, dateMs: NOW - (i + 1) * H, metrics: { views: 5000 }, baseline: small })),
    ...Array.from({ length: copies }, (_, i) => ({ channelId: channels[0], dateMs: NOW - 0.5 * H, metrics: { views: 90_000 }, baseline: small, isCopy: true, i })),
  ];

  it('ranks a story covered by many channels above one channel repeating itself', () => {
    const wide = scoreTopic(story(['a', 'b', 'c', 'd', 'e']), NOW, '24h')!;
    const echo = scoreTopic(story(['a'], 6), NOW, '24h')!;
    expect(wide.components.breadth).toBeGreaterThan(0.5);
    expect(echo.components.breadth).toBe(0);
    // Copies neither count as reach nor as velocity.
    expect(echo.components.popularity).toBeCloseTo(0.5);
    expect(wide.score).toBeGreaterThan(echo.score);
  });

  it('weights breadth more in the week than in the day', () => {
    const wide = story(['a', 'b', 'c', 'd', 'e']);
    const day = scoreTopic(wide, NOW, '24h')!;
    const week = scoreTopic(wide, NOW, '7d')!;
    expect(week.weights.breadth).toBeGreaterThan(day.weights.breadth);
    expect(scoreTopic(wide.map((p) => ({ ...p, dateMs: p.dateMs - 48 * H })), NOW, '24h')).toBeNull();
  });
});
