// The index's vocabulary: each stem of the window gets a small integer id (recycled when the last
// post carrying it leaves), so vectors are typed arrays and hot loops index arrays instead of
// hashing strings. Document frequencies live here too, per id: IDF reflects the window, and a
// post's vector is computed once, when it arrives.
import { NAME_WEIGHT, isNameToken } from './names';
import type { SparseVector } from './sparse';

// Pseudo-documents added to N: with few posts seen, every word would otherwise look rare.
const PRIOR_DOCS = 10;

/** A unit TF-IDF vector over term ids (ids distinct, in first-occurrence order). */
export interface TermVector {
  ids: Int32Array;
  weights: Float64Array;
}

export class TermTable {
  private readonly idOf = new Map<string, number>();
  private terms: string[] = [];
  private df = new Int32Array(1024);
  private readonly free: number[] = [];
  docs = 0;

  get capacity(): number {
    return this.df.length;
  }

  /** Counts a new document's distinct terms; returns their ids and term frequencies. */
  add(stems: readonly string[]): { ids: Int32Array; tf: Int32Array } {
    this.docs++;
    const local = new Map<string, number>(); // stem → position in ids
    const ids: number[] = [];
    const tf: number[] = [];
    for (const s of stems) {
      const at = local.get(s);
      if (at !== undefined) {
        tf[at]++;
        continue;
      }
      local.set(s, ids.length);
      const id = this.intern(s);
      this.df[id]++;
      ids.push(id);
      tf.push(1);
    }
    return { ids: Int32Array.from(ids), tf: Int32Array.from(tf) };
  }

  /** Forgets a document (its distinct term ids). */
  remove(ids: Int32Array): void {
    this.docs = Math.max(0, this.docs - 1);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (--this.df[id] <= 0) {
        this.df[id] = 0;
        this.idOf.delete(this.terms[id]);
        this.terms[id] = '';
        this.free.push(id);
      }
    }
  }

  /** Posts of the window carrying the term. */
  count(id: number): number {
    return this.df[id];
  }

  idf(id: number): number {
    return Math.max(0.05, Math.log((this.docs + PRIOR_DOCS) / (this.df[id] + 1)));
  }

  /** Unit TF-IDF vector with sublinear term frequency (1 + ln tf). */
  vector(counted: { ids: Int32Array; tf: Int32Array }): TermVector {
    const { ids, tf } = counted;
    const weights = new Float64Array(ids.length);
    let sq = 0;
    for (let i = 0; i < ids.length; i++) {
      let w = (1 + Math.log(tf[i])) * this.idf(ids[i]);
      if (isNameToken(this.terms[ids[i]])) w *= NAME_WEIGHT;
      weights[i] = w;
      sq += w * w;
    }
    if (sq > 0) {
      const inv = 1 / Math.sqrt(sq);
      for (let i = 0; i < weights.length; i++) weights[i] *= inv;
    }
    return { ids, weights };
  }

  term(id: number): string {
    return this.terms[id];
  }

  /** The vector as stem → weight (for callers outside the hot path). */
  toSparse(v: TermVector): SparseVector {
    const out: SparseVector = new Map();
    for (let i = 0; i < v.ids.length; i++) out.set(this.terms[v.ids[i]], v.weights[i]);
    return out;
  }

  private intern(s: string): number {
    let id = this.idOf.get(s);
    if (id !== undefined) return id;
    id = this.free.pop() ?? this.terms.length;
    if (id >= this.df.length) {
      const grown = new Int32Array(this.df.length * 2);
      grown.set(this.df);
      this.df = grown;
    }
    this.idOf.set(s, id);
    this.terms[id] = s;
    return id;
  }
}

/** Dense scratch of one query vector: dot products against it cost one array read per term. */
export class QueryScratch {
  private dense = new Float64Array(1024);
  private loaded: Int32Array | null = null;

  load(v: TermVector, capacity: number): void {
    if (this.dense.length < capacity) this.dense = new Float64Array(capacity);
    this.clear();
    for (let i = 0; i < v.ids.length; i++) this.dense[v.ids[i]] = v.weights[i];
    this.loaded = v.ids;
  }

  dot(v: TermVector): number {
    const d = this.dense;
    const { ids, weights } = v;
    let sum = 0;
    for (let i = 0; i < ids.length; i++) sum += d[ids[i]] * weights[i];
    return sum;
  }

  clear(): void {
    if (!this.loaded) return;
    for (let i = 0; i < this.loaded.length; i++) this.dense[this.loaded[i]] = 0;
    this.loaded = null;
  }
}
