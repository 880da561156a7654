// The inverted index of the window: term id → the posts carrying it, oldest first. Posts are
// numbered in insertion order and leave in that order (the window's queue), so "alive" is a single
// comparison with the oldest live number, and the per-post scratch of a query lives in typed arrays
// indexed by that number modulo a ring: the hot loop touches numbers, not objects.
import { grown } from '../typed-arrays';
import type { QueryScratch, TermVector } from './terms';

// Most recent postings scanned per query term: bounds the work for very common words (which are
// still scanned: the key words of the day's biggest story are common *because* of it).
const MAX_POSTINGS_SCAN = 200;

/** A term's postings: (post number, term weight) pairs, flat (one array, one cache line per read). */
type Postings = number[];

/** `G`: what a post belongs to (a topic), kept beside it: a search hands back the candidates'
 *  groups without a read of each candidate. */
export class PostingIndex<T extends { seq: number }, G = unknown> {
  private readonly lists: (Postings | undefined)[] = [];
  private ring: (T | undefined)[] = new Array(1024);
  private groups: (G | undefined)[] = new Array(1024);
  private mask = 1023;
  private acc = new Float64Array(1024);
  private stamp = new Int32Array(1024);
  private query = 0;
  /** Scratch of `search`: the posts a query touched, and its best ones so far with their scores. */
  private touched = new Int32Array(1024);
  private topSeqs = new Int32Array(64);
  private topScores = new Float64Array(64);
  /** The posts of the last search, best first: `found[0, count)` for the count it returned (the
   *  array is reused, and never shortened so as not to be grown again). */
  readonly found: T[] = [];
  /** The group of each of `found` (the same reuse). */
  readonly foundGroups: G[] = [];
  private nextSeq = 0;
  /** Number of the oldest live post; everything below it has left the window. */
  private liveFrom = 0;
  /** The live posts' vectors back to back in insertion order, in a ring (posts leave in that
   *  order): scoring a candidate reads adjacent memory instead of chasing its objects. Positions
   *  count up for ever; a position's slot is it modulo the ring's size. */
  private termIds = new Int32Array(1 << 14);
  private termWeights = new Float64Array(1 << 14);
  private vectorStart = new Float64Array(1024);
  private vectorLength = new Int32Array(1024);
  private termsEnd = 0;

  add(item: T, vector: TermVector, group?: G): void {
    if (this.nextSeq - this.liveFrom > this.mask) this.grow();
    this.keepVector(this.nextSeq, vector);
    item.seq = this.nextSeq++;
    this.ring[item.seq & this.mask] = item;
    this.groups[item.seq & this.mask] = group;
    for (let i = 0; i < vector.ids.length; i++) {
      const id = vector.ids[i];
      const list = this.lists[id];
      if (list) list.push(item.seq, vector.weights[i]);
      else this.lists[id] = [item.seq, vector.weights[i]];
    }
  }

  /** The dot product of a live post's vector with the loaded query. */
  dot(seq: number, query: QueryScratch): number {
    const slot = seq & this.mask;
    return query.dotInRing(this.termIds, this.termWeights, this.vectorStart[slot], this.vectorLength[slot]);
  }

  /** The live post numbered `seq`. */
  item(seq: number): T {
    return this.ring[seq & this.mask] as T;
  }

  /** A live post now belongs to `group`. */
  regroup(seq: number, group: G): void {
    this.groups[seq & this.mask] = group;
  }

  /** The oldest live post left (posts leave in insertion order). */
  remove(item: T): void {
    this.liveFrom = item.seq + 1;
    this.ring[item.seq & this.mask] = undefined;
    this.groups[item.seq & this.mask] = undefined;
  }

  /** Finds up to `limit` live posts sharing the most weight with the query's `terms` heaviest
   *  terms, highest first (ties: the most recent first), and returns how many (see `found`). */
  search(vector: TermVector, terms: number, limit: number): number {
    const order = vector.byWeight;
    const q = ++this.query;
    const { acc, stamp, mask, liveFrom } = this;
    let touched = this.touched;
    let count = 0;
    for (let k = 0; k < order.length && k < terms; k++) {
      const list = this.lists[vector.ids[order[k]]];
      if (!list) continue;
      const w = vector.weights[order[k]];
      const stop = Math.max(0, list.length - 2 * MAX_POSTINGS_SCAN);
      for (let i = list.length - 2; i >= stop; i -= 2) {
        const s = list[i];
        if (s < liveFrom) break; // older ones are gone too
        const slot = s & mask;
        if (stamp[slot] !== q) {
          stamp[slot] = q;
          acc[slot] = 0;
          if (count === touched.length) touched = this.touched = grown(touched);
          touched[count++] = s;
        }
        acc[slot] += w * list[i + 1];
      }
    }
    const found = this.top(touched, count, limit);
    for (let i = 0; i < found; i++) {
      this.found[i] = this.ring[this.topSeqs[i] & mask] as T;
      this.foundGroups[i] = this.groups[this.topSeqs[i] & mask] as G;
    }
    return found;
  }

  /** Drops the postings of posts that left (amortised: call when many have). */
  compact(): void {
    for (let id = 0; id < this.lists.length; id++) {
      const list = this.lists[id];
      if (!list) continue;
      let start = 0;
      while (start < list.length && list[start] < this.liveFrom) start += 2;
      if (start === list.length) this.lists[id] = undefined;
      else if (start > 0) dropFirst(list, start);
    }
  }

  /** The `n` touched posts of highest score, highest first, ties in touching order (what a stable
   *  sort of all of them would put first), left in topSeqs; returns how many. They are kept in a
   *  short sorted list that most posts never enter. */
  private top(touched: Int32Array, count: number, n: number): number {
    const { acc, mask } = this;
    if (this.topSeqs.length < n) [this.topSeqs, this.topScores] = [new Int32Array(n), new Float64Array(n)];
    const { topSeqs, topScores } = this;
    let size = 0;
    for (let i = 0; i < count; i++) {
      const s = touched[i];
      const score = acc[s & mask];
      if (size === n && !(score > topScores[n - 1])) continue;
      let j = size < n ? size++ : n - 1;
      for (; j > 0 && topScores[j - 1] < score; j--) {
        topSeqs[j] = topSeqs[j - 1];
        topScores[j] = topScores[j - 1];
      }
      topSeqs[j] = s;
      topScores[j] = score;
    }
    return size; // (in topSeqs)
  }

  private keepVector(seq: number, vector: TermVector): void {
    const n = vector.ids.length;
    const oldest = this.liveFrom < this.nextSeq ? this.vectorStart[this.liveFrom & this.mask] : this.termsEnd;
    while (this.termsEnd + n - oldest > this.termIds.length) this.growTerms(oldest);
    this.vectorStart[seq & this.mask] = this.termsEnd;
    this.vectorLength[seq & this.mask] = n;
    const { termIds, termWeights } = this;
    const termMask = termIds.length - 1;
    for (let i = 0; i < n; i++) {
      const at = (this.termsEnd + i) & termMask;
      termIds[at] = vector.ids[i];
      termWeights[at] = vector.weights[i];
    }
    this.termsEnd += n;
  }

  private growTerms(oldest: number): void {
    const size = this.termIds.length * 2;
    const [ids, weights] = [new Int32Array(size), new Float64Array(size)];
    const [from, to] = [this.termIds.length - 1, size - 1];
    for (let at = oldest; at < this.termsEnd; at++) {
      ids[at & to] = this.termIds[at & from];
      weights[at & to] = this.termWeights[at & from];
    }
    this.termIds = ids;
    this.termWeights = weights;
  }

  private grow(): void {
    const size = (this.mask + 1) * 2;
    const ring: (T | undefined)[] = new Array(size);
    const groups: (G | undefined)[] = new Array(size);
    const [start, length] = [new Float64Array(size), new Int32Array(size)];
    for (let s = this.liveFrom; s < this.nextSeq; s++) {
      ring[s & (size - 1)] = this.ring[s & this.mask];
      groups[s & (size - 1)] = this.groups[s & this.mask];
      start[s & (size - 1)] = this.vectorStart[s & this.mask];
      length[s & (size - 1)] = this.vectorLength[s & this.mask];
    }
    this.ring = ring;
    this.groups = groups;
    this.vectorStart = start;
    this.vectorLength = length;
    this.mask = size - 1;
    this.acc = new Float64Array(size);
    this.stamp = new Int32Array(size); // stamps restart: the next query's number is always new
  }
}

/** list.splice(0, n) without the array of removed items splice returns. */
function dropFirst(list: Postings, n: number): void {
  const kept = list.length - n;
  for (let i = 0; i < kept; i++) list[i] = list[i + n];
  list.length = kept;
}

