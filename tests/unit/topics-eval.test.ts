// Clustering quality on real labelled data. Floors sit a little below the measured figures
// (npx tsx tests/bench/clustering.ts prints them), so a regression fails but noise does not.
import { describe, expect, it } from 'vitest';
import { clusterUci, judgePairs } from '../bench/clustering';

// ~2 s alone; the timeout leaves room for a machine busy with other suites.
describe('clustering quality on labelled news', { timeout: 60_000 }, () => {
  it('clusters UCI English headlines into their stories (B-cubed and pairwise)', () => {
    const { bcubed, pairwise } = clusterUci();
    expect(bcubed.precision).toBeGreaterThan(0.91);
    expect(bcubed.f1).toBeGreaterThan(0.63);
    expect(pairwise.precision).toBeGreaterThan(0.93);
    expect(pairwise.f1).toBeGreaterThan(0.62);
  });

  it.each([
    ['ru_train_pool', 0.7],
    ['ru_exam_pool', 0.7],
    ['en_train_pool', 0.88],
  ] as const)('judges tgcontest %s same-story pairs (accuracy > %s)', (set, floor) => {
    const { scores } = judgePairs(set);
    expect(scores.total).toBeGreaterThanOrEqual(20);
    expect(scores.accuracy).toBeGreaterThan(floor);
    expect(scores.recall).toBeGreaterThan(0.8);
  });
});
