// What the corpus itself says about words: two posts of one story often share few words ("судно" /
// "корабль", "Хама" / "Алеппо" / "повстанцы") but their words keep the same company. Each term gets
// a context vector — the sum of the (fixed, random, sparse) index vectors of the terms it appears
// with in the window's posts (random indexing, a cheap incremental stand-in for LSA) — and a post's
// meaning vector is the weighted sum of its terms' contexts. Learned from the ingested posts as they
// arrive and forgotten as they leave; nothing is downloaded.
import { fnv1a } from './minhash';
import { grown } from '../typed-arrays';
import { slabs } from './slab';
import type { TermVector } from './terms';

export const CONTEXT_DIMS = 128;
const INDEX_ENTRIES = 4; // non-zero ±1 entries of a term's index vector
/** A post's heaviest terms that teach each other. Learning costs their square: 30 gave the same
 *  scores on every labelled set, 4% slower over the dump. */
export const LEARNED_TERMS = 24;

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
  /** Scratch of `learn`: positions in the vector of the terms it learns from. */
  private readonly chosen = new Int32Array(LEARNED_TERMS);
  /** Per row: its squared norm, while `normKnown` (most of a post's rows are unchanged since the
   *  last post that had them: the norm of each is summed again only after `apply` changed it). */
  private rowNormSq = new Float64Array(1024);
  private normKnown = new Uint8Array(1024);
  /** Scratch of `embed`: the rows of a post's terms and their weights; the rows whose norm is not known. */
  private rowAt = new Int32Array(64);
  private rowWeight = new Float64Array(64);
  private staleRows = new Int32Array(64);
  /** Scratch of `apply`: each index entry of a contribution as a row offset and a signed weight. */
  private entryOffset = new Int32Array(256);
  private entryWeight = new Float64Array(256);
  private applyRowAt = new Int32Array(64);

  constructor(
    private readonly termOf: (id: number) => string,
    private readonly seenBefore: (id: number) => boolean,
  ) {}

  /** Adds the co-occurrences of a post's heaviest known terms. */
  learn(v: TermVector): Contribution {
    const chosen = this.chosen;
    let n = 0;
    for (let k = 0; k < v.byWeight.length && n < LEARNED_TERMS; k++) if (this.seenBefore(v.ids[v.byWeight[k]])) chosen[n++] = v.byWeight[k];
    const c: Contribution = { ids: slabs.int32(n), weights: slabs.float32(n), positions: slabs.int32(n * INDEX_ENTRIES) };
    for (let k = 0; k < n; k++) {
      c.ids[k] = v.ids[chosen[k]];
      c.weights[k] = v.weights[chosen[k]];
      indexPositions(this.termOf(c.ids[k]), c.positions, k * INDEX_ENTRIES);
    }
    this.apply(c, 1);
    return c;
  }

  forget(c: Contribution): void {
    this.apply(c, -1);
  }

  /** The post's unit meaning vector: its terms' contexts (each unit length), weighted by TF-IDF. */
  embed(v: TermVector): Float32Array {
    if (this.rowAt.length < v.ids.length) {
      this.rowAt = new Int32Array(v.ids.length * 2);
      this.rowWeight = new Float64Array(v.ids.length * 2);
      this.staleRows = new Int32Array(v.ids.length * 2);
    }
    const { rows, rowAt, rowWeight, staleRows, normKnown, rowNormSq } = this;
    let n = 0;
    let stale = 0;
    for (let i = 0; i < v.ids.length; i++) {
      const id = v.ids[i];
      if (this.row(id) < 0) continue;
      if (!normKnown[id]) staleRows[stale++] = id;
      rowAt[n] = id; // (made an offset below)
      rowWeight[n++] = v.weights[i];
    }
    this.sumSquaredNorms(staleRows, stale);
    let kept = 0;
    for (let k = 0; k < n; k++) {
      const sq = rowNormSq[rowAt[k]];
      if (sq === 0) continue;
      rowAt[kept] = rowAt[k] * CONTEXT_DIMS;
      rowWeight[kept++] = rowWeight[k] / Math.sqrt(sq);
    }
    const out = slabs.float32(CONTEXT_DIMS);
    let k = 0;
    for (; k + 3 < kept; k += 4) {
      const a = rowAt[k];
      const b = rowAt[k + 1];
      const c = rowAt[k + 2];
      const e = rowAt[k + 3];
      const wa = rowWeight[k];
      const wb = rowWeight[k + 1];
      const wc = rowWeight[k + 2];
      const we = rowWeight[k + 3];
      // Four rows per pass over `out`, rounded to float32 in between as a store into it would.
      for (let d = 0; d < CONTEXT_DIMS; d++) {
        const x = Math.fround(Math.fround(Math.fround(out[d] + wa * rows[a + d]) + wb * rows[b + d]) + wc * rows[c + d]);
        out[d] = x + we * rows[e + d];
      }
    }
    for (; k < kept; k++) {
      const a = rowAt[k];
      const wa = rowWeight[k];
      for (let d = 0; d < CONTEXT_DIMS; d++) out[d] += wa * rows[a + d];
    }
    let sq = 0;
    for (let d = 0; d < CONTEXT_DIMS; d++) sq += out[d] * out[d];
    if (sq > 0) {
      const inv = 1 / Math.sqrt(sq);
      for (let d = 0; d < CONTEXT_DIMS; d++) out[d] *= inv;
    }
    return out;
  }

  /** Sums the squared norms of the rows of `ids[0, n)` and keeps them. */
  private sumSquaredNorms(ids: Int32Array, n: number): void {
    const { rows, rowNormSq, normKnown } = this;
    // Four rows at a time: independent sums in one loop run side by side, and each keeps its own
    // order of additions (so the same floats as one row at a time).
    for (let k = 0; k < n; k += 4) {
      const a = ids[k];
      const b = k + 1 < n ? ids[k + 1] : a;
      const c = k + 2 < n ? ids[k + 2] : a;
      const e = k + 3 < n ? ids[k + 3] : a;
      let sqA = 0;
      let sqB = 0;
      let sqC = 0;
      let sqE = 0;
      for (let d = 0; d < CONTEXT_DIMS; d++) {
        const x = rows[a * CONTEXT_DIMS + d];
        const y = rows[b * CONTEXT_DIMS + d];
        const z = rows[c * CONTEXT_DIMS + d];
        const t = rows[e * CONTEXT_DIMS + d];
        sqA += x * x;
        sqB += y * y;
        sqC += z * z;
        sqE += t * t;
      }
      rowNormSq[a] = sqA;
      rowNormSq[b] = sqB;
      rowNormSq[c] = sqC;
      rowNormSq[e] = sqE;
    }
    for (let k = 0; k < n; k++) normKnown[ids[k]] = 1;
  }

  private apply(c: Contribution, sign: 1 | -1): void {
    const { ids, weights, positions } = c;
    const entries = positions.length;
    if (this.entryOffset.length < entries) [this.entryOffset, this.entryWeight] = [new Int32Array(entries * 2), new Float64Array(entries * 2)];
    const { entryOffset, entryWeight } = this;
    // Signed weights instead of a branch on the sign: the branch is a coin toss the CPU mispredicts.
    for (let j = 0, k = 0; j < ids.length; j++) {
      const w = sign * weights[j];
      for (const end = k + INDEX_ENTRIES; k < end; k++) {
        const p = positions[k];
        entryOffset[k] = (p > 0 ? p : -p) - 1;
        entryWeight[k] = p > 0 ? w : -w;
      }
    }
    const rowAt = this.applyRowAt.length < ids.length ? (this.applyRowAt = new Int32Array(ids.length * 2)) : this.applyRowAt;
    for (let a = 0; a < ids.length; a++) {
      rowAt[a] = this.row(ids[a], true);
      this.normKnown[ids[a]] = 0;
    }
    const { rows } = this;
    // Term a's row takes every other term's entries, in order. Rows are disjoint, so four of them
    // are updated in one pass (more memory traffic in flight), each cell in the same order.
    let a = 0;
    for (; a + 3 < ids.length; a += 4) {
      const [r0, r1, r2, r3] = [rowAt[a], rowAt[a + 1], rowAt[a + 2], rowAt[a + 3]];
      const own = a * INDEX_ENTRIES; // the four terms' own entries: [own, own + 4 × INDEX_ENTRIES)
      addToFourRows(rows, r0, r1, r2, r3, entryOffset, entryWeight, 0, own);
      // Each of the four terms' entries to the three other rows (a few entries: each row still in entry order).
      const four = [r0, r1, r2, r3];
      for (let t = 0; t < 4; t++) {
        const from = own + t * INDEX_ENTRIES;
        for (let other = 0; other < 4; other++) if (other !== t) addToRow(rows, four[other], entryOffset, entryWeight, from, from + INDEX_ENTRIES);
      }
      addToFourRows(rows, r0, r1, r2, r3, entryOffset, entryWeight, own + 4 * INDEX_ENTRIES, entries);
    }
    for (; a < ids.length; a++) {
      const own = a * INDEX_ENTRIES;
      addToRow(rows, rowAt[a], entryOffset, entryWeight, 0, own);
      addToRow(rows, rowAt[a], entryOffset, entryWeight, own + INDEX_ENTRIES, entries);
    }
  }

  /** Offset of a term's row; a recycled id starts from zero. -1 when absent and not `create`. */
  private row(id: number, create = false): number {
    const term = this.termOf(id);
    if (this.owners[id] !== term) {
      if (!create) return -1;
      if ((id + 1) * CONTEXT_DIMS > this.rows.length) {
        this.rows = grown(this.rows, (id + 1) * CONTEXT_DIMS);
        this.rowNormSq = grown(this.rowNormSq, this.rows.length / CONTEXT_DIMS);
        this.normKnown = grown(this.normKnown, this.rows.length / CONTEXT_DIMS);
      }
      this.rows.fill(0, id * CONTEXT_DIMS, (id + 1) * CONTEXT_DIMS);
      this.normKnown[id] = 0;
      this.owners[id] = term;
    }
    return id * CONTEXT_DIMS;
  }
}

/** Entries [from, to) of a contribution (row offsets and signed weights) added to four rows. */
function addToFourRows(rows: Float32Array, r0: number, r1: number, r2: number, r3: number, offsets: Int32Array, weights: Float64Array, from: number, to: number): void {
  for (let k = from; k < to; k++) {
    const offset = offsets[k];
    const w = weights[k];
    rows[r0 + offset] += w;
    rows[r1 + offset] += w;
    rows[r2 + offset] += w;
    rows[r3 + offset] += w;
  }
}

function addToRow(rows: Float32Array, row: number, offsets: Int32Array, weights: Float64Array, from: number, to: number): void {
  for (let k = from; k < to; k++) rows[row + offsets[k]] += weights[k];
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
