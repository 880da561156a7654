// The index's vocabulary: each stem of the window gets a small integer id (recycled when the last
// post carrying it leaves), so vectors are typed arrays and hot loops index arrays instead of
// hashing strings. Document frequencies live here too, per id: IDF reflects the window, and a
// post's vector is computed once, when it arrives.
import { NAME_WEIGHT, isNameToken } from './names';
import { grown } from '../typed-arrays';
import { slabs } from './slab';
import type { SparseVector } from './sparse';

// Pseudo-documents added to N: with few posts seen, every word would otherwise look rare.
const PRIOR_DOCS = 10;
// A figure names a fact ("108 рублей", "9,1 тысячи", "13,5%"): a little more weight than a word of
// the same TF-IDF (measured on the labelled sets: 1.3 helps a little, 1.6 costs recall).
const FIGURE = /^[0-9][0-9.,]+$/;
const FIGURE_WEIGHT = 1.3;
/** What a term is, per id (TermTable.kindOf), and the weight each kind's TF-IDF is multiplied by. */
const WORD = 0;
const NAME = 1;
const FIGURE_KIND = 2;
const KIND_WEIGHT = [1, NAME_WEIGHT, FIGURE_WEIGHT];

/** A unit TF-IDF vector over term ids (ids distinct, in first-occurrence order). */
export interface TermVector {
  ids: Int32Array;
  weights: Float64Array;
  /** Positions in `ids`, heaviest first (ties: first occurrence first). */
  byWeight: Int32Array;
}

export class TermTable {
  private readonly idOf = new Map<string, number>();
  private terms: string[] = [];
  private df = new Int32Array(1024);
  /** Per id: WORD, NAME (a name token) or FIGURE_KIND ("108", "9,1"), set once from the term's text. */
  private kindOf = new Uint8Array(1024);
  /** Documents ever added (numbers them), the one that last counted each id, and the id's position there. */
  private added = 0;
  private countedIds = new Int32Array(256);
  private countedTf = new Int32Array(256);
  private lastDoc = new Int32Array(1024);
  private positionInDoc = new Int32Array(1024);
  private readonly free: number[] = [];
  /** Per stem cache key: the term id last found for it, + 1 (0: none). */
  private idOfKey = new Int32Array(1024);
  docs = 0;

  get capacity(): number {
    return this.df.length;
  }

  /** Counts a new document's distinct terms; returns their ids and term frequencies (scratch
   *  arrays, valid until the next call: `vector` copies what it keeps). */
  add(stems: readonly string[], stemKeys: Int32Array | null = null): { ids: Int32Array; tf: Int32Array } {
    this.docs++;
    const doc = ++this.added;
    if (this.countedIds.length < stems.length) [this.countedIds, this.countedTf] = [new Int32Array(stems.length * 2), new Int32Array(stems.length * 2)];
    const { countedIds: ids, countedTf: tf } = this;
    const keyed = stemKeys ? stemKeys.length : 0;
    let n = 0;
    for (let i = 0; i < stems.length; i++) {
      const s = stems[i];
      const id = i < keyed ? this.internByKey(s, stemKeys![i]) : this.intern(s);
      if (this.lastDoc[id] === doc) {
        tf[this.positionInDoc[id]]++;
        continue;
      }
      this.lastDoc[id] = doc;
      this.positionInDoc[id] = n;
      this.df[id]++;
      ids[n] = id;
      tf[n++] = 1;
    }
    return { ids: ids.subarray(0, n), tf: tf.subarray(0, n) };
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

  /** Whether the id's term is a name token (names.ts). */
  isNameId(id: number): boolean {
    return this.kindOf[id] === NAME;
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
    const { tf } = counted;
    const n = counted.ids.length;
    const weights = slabs.float64(n);
    const ids = slabs.int32(n);
    ids.set(counted.ids);
    let sq = 0;
    for (let i = 0; i < ids.length; i++) {
      const w = (1 + Math.log(tf[i])) * this.idf(ids[i]) * KIND_WEIGHT[this.kindOf[ids[i]]];
      weights[i] = w;
      sq += w * w;
    }
    if (sq > 0) {
      const inv = 1 / Math.sqrt(sq);
      for (let i = 0; i < weights.length; i++) weights[i] *= inv;
    }
    return { ids, weights, byWeight: heaviestFirst(weights, slabs.int32(n)) };
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

  /** `intern(s)` through the id last seen for the stem cache's key (see stemSpansWithKeys). A
   *  key can come to stand for another word, and an id for another term: the id is taken only
   *  while it still names this very stem, which is exactly when `intern` would return it. */
  private internByKey(s: string, key: number): number {
    if (key < 0) return this.intern(s);
    if (key >= this.idOfKey.length) this.idOfKey = grown(this.idOfKey, key + 1);
    const known = this.idOfKey[key] - 1;
    if (known >= 0 && this.terms[known] === s) return known;
    const id = this.intern(s);
    this.idOfKey[key] = id + 1;
    return id;
  }

  private intern(s: string): number {
    let id = this.idOf.get(s);
    if (id !== undefined) return id;
    id = this.free.pop() ?? this.terms.length;
    if (id >= this.df.length) {
      this.df = grown(this.df);
      this.lastDoc = grown(this.lastDoc);
      this.positionInDoc = grown(this.positionInDoc);
      this.kindOf = grown(this.kindOf);
    }
    this.idOf.set(s, id);
    this.terms[id] = s;
    this.kindOf[id] = isNameToken(s) ? NAME : FIGURE.test(s) ? FIGURE_KIND : WORD;
    return id;
  }
}


/** Positions of `weights`, heaviest first, equal weights in their order (a stable sort: insertion
 *  sort, as a post has a few dozen terms). */
function heaviestFirst(weights: Float64Array, order: Int32Array): Int32Array {
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    let j = i;
    for (; j > 0 && weights[order[j - 1]] < w; j--) order[j] = order[j - 1];
    order[j] = i;
  }
  return order;
}

/** Dense scratch of one query vector: dot products against it cost one array read per term, and
 *  mostly a read of a byte (whether the query has the term), from a table small enough to stay in
 *  cache. */
export class QueryScratch {
  private dense = new Float64Array(1024);
  private present = new Uint8Array(1024);
  private loaded: Int32Array | null = null;

  load(v: TermVector, capacity: number): void {
    if (this.dense.length < capacity) [this.dense, this.present] = [new Float64Array(capacity), new Uint8Array(capacity)];
    this.clear();
    for (let i = 0; i < v.ids.length; i++) {
      this.dense[v.ids[i]] = v.weights[i];
      this.present[v.ids[i]] = 1;
    }
    this.loaded = v.ids;
  }

  /** The dot product; terms the query lacks add exact zeros, so they are skipped. */
  dot(v: TermVector): number {
    const { dense, present } = this;
    const { ids, weights } = v;
    let sum = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (present[id]) sum += dense[id] * weights[i];
    }
    return sum;
  }

  /** `dot` of a vector kept in ring arrays (a power of two long) from position `from` on. */
  dotInRing(ids: Int32Array, weights: Float64Array, from: number, n: number): number {
    const { dense } = this;
    const mask = ids.length - 1;
    let sum = 0;
    // No branch on presence: an absent term's dense weight is 0 and adds +0 (all weights are
    // positive, so the sum is never −0): the same bits, without a branch the CPU mispredicts.
    for (let i = 0, at = from & mask; i < n; i++, at = (at + 1) & mask) sum += dense[ids[at]] * weights[at];
    return sum;
  }

  clear(): void {
    if (!this.loaded) return;
    for (let i = 0; i < this.loaded.length; i++) {
      this.dense[this.loaded[i]] = 0;
      this.present[this.loaded[i]] = 0;
    }
    this.loaded = null;
  }
}
