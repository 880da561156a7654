// Sparse term vectors (stem → weight) and a running centroid over term ids with an incrementally
// kept norm.
import type { TermVector } from './terms';

export type SparseVector = Map<string, number>;

export function dot(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, w] of small) {
    const v = large.get(term);
    if (v !== undefined) sum += w * v;
  }
  return sum;
}

export function normalize(v: SparseVector): SparseVector {
  let sq = 0;
  for (const w of v.values()) sq += w * w;
  if (sq === 0) return v;
  const inv = 1 / Math.sqrt(sq);
  for (const [t, w] of v) v.set(t, w * inv);
  return v;
}

/** Sum of unit vectors over term ids; cosine against it equals cosine against the mean direction. */
export class Centroid {
  readonly sum = new Map<number, number>();
  private sq = 0;

  add(v: TermVector, sign: 1 | -1 = 1): void {
    const { ids, weights } = v;
    for (let i = 0; i < ids.length; i++) {
      const t = ids[i];
      const old = this.sum.get(t) ?? 0;
      const next = old + sign * weights[i];
      this.sq += next * next - old * old;
      if (Math.abs(next) < 1e-12) this.sum.delete(t);
      else this.sum.set(t, next);
    }
    if (this.sq < 1e-12) this.sq = 0;
  }

  /** Cosine between two centroids' mean directions. */
  similarity(other: Centroid): number {
    if (this.sq === 0 || other.sq === 0) return 0;
    const [small, large] = this.sum.size <= other.sum.size ? [this.sum, other.sum] : [other.sum, this.sum];
    let dotSum = 0;
    for (const [t, w] of small) {
      const v = large.get(t);
      if (v !== undefined) dotSum += w * v;
    }
    return dotSum / Math.sqrt(this.sq * other.sq);
  }

  cosine(unit: TermVector): number {
    if (this.sq === 0) return 0;
    const { ids, weights } = unit;
    let dotSum = 0;
    for (let i = 0; i < ids.length; i++) {
      const v = this.sum.get(ids[i]);
      if (v !== undefined) dotSum += weights[i] * v;
    }
    return dotSum / Math.sqrt(this.sq);
  }
}
