// What the corpus itself says about words: two posts of one story often share few words ("судно" /
// "корабль", "Хама" / "Алеппо" / "повстанцы") but their words keep the same company. Each term gets
// a context vector — the sum of the (fixed, random, sparse) index vectors of the terms it appears
// with in the window's posts (random indexing, a cheap incremental stand-in for LSA) — and a post's
// meaning vector is the weighted sum of its terms' contexts. Learned from the ingested posts as they
// arrive and forgotten as they leave; nothing is downloaded.
import { fnv1a } from './minhash';
import type { TermVector } from './terms';

export const CONTEXT_DIMS = 128;
const INDEX_ENTRIES = 4; // non-zero ±1 entries of a term's index vector
const LEARNED_TERMS = 30; // a post's heaviest terms that teach each other

/** What one post added to the contexts, so that it can be taken back when the post leaves. */
export interface Contribution {
  ids: Int32Array;
  weights: Float32Array;
  /** INDEX_ENTRIES signed positions (sign × (position + 1)) per id. */
  positions: Int32Array;
}

export class ContextSpace {
  private rows = new Float32Array(1024 * CONTEXT_DIMS);
  private owners: string[] = [];

  constructor(
    private readonly termOf: (id: number) => string,
    private readonly seenBefore: (id: number) => boolean,
  ) {}

  /** Adds the co-occurrences of a post's heaviest known terms. */
  learn(v: TermVector): Contribution {
    const order = Array.from(v.ids.keys())
      .filter((i) => this.seenBefore(v.ids[i]))
      .sort((a, b) => v.weights[b] - v.weights[a])
      .slice(0, LEARNED_TERMS);
    const c: Contribution = {
      ids: Int32Array.from(order, (i) => v.ids[i]),
      weights: Float32Array.from(order, (i) => v.weights[i]),
      positions: new Int32Array(order.length * INDEX_ENTRIES),
    };
    for (let k = 0; k < c.ids.length; k++) indexPositions(this.termOf(c.ids[k]), c.positions, k * INDEX_ENTRIES);
    this.apply(c, 1);
    return c;
  }

  forget(c: Contribution): void {
    this.apply(c, -1);
  }

  /** The post's unit meaning vector: its terms' contexts (each unit length), weighted by TF-IDF. */
  embed(v: TermVector): Float32Array {
    const out = new Float32Array(CONTEXT_DIMS);
    for (let i = 0; i < v.ids.length; i++) {
      const at = this.row(v.ids[i]);
      if (at < 0) continue;
      const { rows } = this;
      let sq = 0;
      for (let d = 0; d < CONTEXT_DIMS; d++) sq += rows[at + d] * rows[at + d];
      if (sq === 0) continue;
      const w = v.weights[i] / Math.sqrt(sq);
      for (let d = 0; d < CONTEXT_DIMS; d++) out[d] += w * rows[at + d];
    }
    let sq = 0;
    for (let d = 0; d < CONTEXT_DIMS; d++) sq += out[d] * out[d];
    if (sq > 0) {
      const inv = 1 / Math.sqrt(sq);
      for (let d = 0; d < CONTEXT_DIMS; d++) out[d] *= inv;
    }
    return out;
  }

  private apply(c: Contribution, sign: 1 | -1): void {
    const { ids, weights, positions } = c;
    for (let a = 0; a < ids.length; a++) {
      const at = this.row(ids[a], true);
      for (let b = 0; b < ids.length; b++) {
        if (a === b) continue;
        const w = sign * weights[b];
        for (let k = b * INDEX_ENTRIES; k < (b + 1) * INDEX_ENTRIES; k++) {
          const p = positions[k];
          if (p > 0) this.rows[at + p - 1] += w;
          else this.rows[at - p - 1] -= w;
        }
      }
    }
  }

  /** Offset of a term's row; a recycled id starts from zero. -1 when absent and not `create`. */
  private row(id: number, create = false): number {
    const term = this.termOf(id);
    if (this.owners[id] !== term) {
      if (!create) return -1;
      if ((id + 1) * CONTEXT_DIMS > this.rows.length) {
        const grown = new Float32Array(Math.max(this.rows.length * 2, (id + 1) * CONTEXT_DIMS));
        grown.set(this.rows);
        this.rows = grown;
      }
      this.rows.fill(0, id * CONTEXT_DIMS, (id + 1) * CONTEXT_DIMS);
      this.owners[id] = term;
    }
    return id * CONTEXT_DIMS;
  }
}

export function meaningCosine(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let d = 0; d < CONTEXT_DIMS; d++) sum += a[d] * b[d];
  return sum;
}

/** A term's index vector: INDEX_ENTRIES signed positions, fixed by the term's text. */
function indexPositions(term: string, out: Int32Array, from: number): void {
  let x = fnv1a(term);
  for (let k = 0; k < INDEX_ENTRIES; k++) {
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0;
    const position = (x % CONTEXT_DIMS) + 1;
    out[from + k] = (x >>> 16) & 1 ? position : -position;
  }
}
