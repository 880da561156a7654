import { describe, expect, it } from 'vitest';
import { combine, RANKING_WINDOWS, RANKING_WINDOW_NAMES } from '../../core/ranking';

describe('combine: a score from its components', () => {
  it.each(RANKING_WINDOW_NAMES)('is Σ weight · component with the %s weights', (window) => {
    const components = { popularity: 0.8, trend: 0.3, breadth: 0.5, freshness: 0.9 };
    const w = RANKING_WINDOWS[window].weights;
    const { score, weights } = combine(components, window);
    expect(weights).toEqual(w);
    expect(score).toBeCloseTo(w.popularity * 0.8 + w.trend * 0.3 + w.breadth * 0.5 + w.freshness * 0.9, 12);
  });

  it('all components at 1 score the sum of the weights; at 0, zero', () => {
    const one = { popularity: 1, trend: 1, breadth: 1, freshness: 1 };
    const w = RANKING_WINDOWS['24h'].weights;
    expect(combine(one, '24h').score).toBeCloseTo(w.popularity + w.trend + w.breadth + w.freshness, 12);
    expect(combine({ popularity: 0, trend: 0, breadth: 0, freshness: 0 }, '7d').score).toBe(0);
  });
});
