// Sparse term vectors (stem → weight) and a running centroid with an incrementally kept norm.

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

/** Sum of unit vectors; cosine against it equals cosine against the mean direction. */
export class Centroid {
  readonly sum: SparseVector = new Map();
  private sq = 0;

  add(v: SparseVector, sign: 1 | -1 = 1): void {
    for (const [t, w] of v) {
      const old = this.sum.get(t) ?? 0;
      const next = old + sign * w;
      this.sq += next * next - old * old;
      if (Math.abs(next) < 1e-12) this.sum.delete(t);
      else this.sum.set(t, next);
    }
    if (this.sq < 1e-12) this.sq = 0;
  }

  /** Cosine between two centroids' mean directions. */
  similarity(other: Centroid): number {
    return this.sq === 0 || other.sq === 0 ? 0 : dot(this.sum, other.sum) / Math.sqrt(this.sq * other.sq);
  }

  cosine(unit: SparseVector): number {
    return this.sq === 0 ? 0 : dot(unit, this.sum) / Math.sqrt(this.sq);
  }
}
