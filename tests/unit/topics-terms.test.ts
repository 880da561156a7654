import { describe, expect, it } from 'vitest';
import { NAME_WEIGHT } from '../../core/topics/names';
import { TermTable } from '../../core/topics/terms';

describe('term weights', () => {
  it('give a figure a little more weight, and a name a little less, than a word as rare', () => {
    const terms = new TermTable();
    const v = terms.vector(terms.add(['доллар', '108', '^песко']));
    const [word, figure, name] = [0, 1, 2].map((i) => v.weights[i]);
    expect(figure / word).toBeCloseTo(1.3, 10);
    expect(name / word).toBeCloseTo(NAME_WEIGHT, 10);
    // One digit is no figure: it names nothing.
    const fresh = new TermTable();
    const w = fresh.vector(fresh.add(['доллар', '5']));
    expect(w.weights[1] / w.weights[0]).toBeCloseTo(1, 10);
  });
});
