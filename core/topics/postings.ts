// The inverted index of the window: term id → the posts carrying it, oldest first. Posts are
// numbered in insertion order and leave in that order (the window's queue), so "alive" is a single
// comparison with the oldest live number, and the per-post scratch of a query lives in typed arrays
// indexed by that number modulo a ring: the hot loop touches numbers, not objects.
import type { TermVector } from './terms';

// Most recent postings scanned per query term: bounds the work for very common words (which are
// still scanned: the key words of the day's biggest story are common *because* of it).
const MAX_POSTINGS_SCAN = 200;

interface Postings {
  seqs: number[];
  weights: number[];
}

export class PostingIndex<T extends { seq: number }> {
  private readonly lists: (Postings | undefined)[] = [];
  private ring: (T | undefined)[] = new Array(1024);
  private mask = 1023;
  private acc = new Float64Array(1024);
  private stamp = new Int32Array(1024);
  private query = 0;
  private nextSeq = 0;
  /** Number of the oldest live post; everything below it has left the window. */
  private liveFrom = 0;

  add(item: T, vector: TermVector): void {
    if (this.nextSeq - this.liveFrom > this.mask) this.grow();
    item.seq = this.nextSeq++;
    this.ring[item.seq & this.mask] = item;
    for (let i = 0; i < vector.ids.length; i++) {
      const id = vector.ids[i];
      const list = this.lists[id];
      if (list) list.seqs.push(item.seq), list.weights.push(vector.weights[i]);
      else this.lists[id] = { seqs: [item.seq], weights: [vector.weights[i]] };
    }
  }

  /** The oldest live post left (posts leave in insertion order). */
  remove(item: T): void {
    this.liveFrom = item.seq + 1;
    this.ring[item.seq & this.mask] = undefined;
  }

  /** Up to `limit` live posts sharing the most weight with the query's `terms` heaviest terms,
   *  highest first (ties: the most recent first). */
  search(vector: TermVector, terms: number, limit: number): T[] {
    const order = Array.from(vector.ids.keys()).sort((a, b) => vector.weights[b] - vector.weights[a]);
    const q = ++this.query;
    const { acc, stamp, mask, liveFrom } = this;
    const touched: number[] = [];
    for (let k = 0; k < order.length && k < terms; k++) {
      const list = this.lists[vector.ids[order[k]]];
      if (!list) continue;
      const w = vector.weights[order[k]];
      const { seqs, weights } = list;
      const stop = Math.max(0, seqs.length - MAX_POSTINGS_SCAN);
      for (let i = seqs.length - 1; i >= stop; i--) {
        const s = seqs[i];
        if (s < liveFrom) break; // older ones are gone too
        const slot = s & mask;
        if (stamp[slot] !== q) {
          stamp[slot] = q;
          acc[slot] = 0;
          touched.push(s);
        }
        acc[slot] += w * weights[i];
      }
    }
    return this.top(touched, limit).map((s) => this.ring[s & mask] as T);
  }

  /** Drops the postings of posts that left (amortised: call when many have). */
  compact(): void {
    for (let id = 0; id < this.lists.length; id++) {
      const list = this.lists[id];
      if (!list) continue;
      let start = 0;
      while (start < list.seqs.length && list.seqs[start] < this.liveFrom) start++;
      if (start === list.seqs.length) this.lists[id] = undefined;
      else if (start > 0) list.seqs.splice(0, start), list.weights.splice(0, start);
    }
  }

  /** The `n` touched posts of highest score without sorting them all: the n-th score is found on a
   *  typed copy, then only those at or above it are ordered. */
  private top(touched: number[], n: number): number[] {
    const { acc, mask } = this;
    let kept = touched;
    if (touched.length > n * 2) {
      const scores = new Float64Array(touched.length);
      for (let i = 0; i < touched.length; i++) scores[i] = acc[touched[i] & mask];
      scores.sort();
      const cut = scores[touched.length - n];
      kept = touched.filter((s) => acc[s & mask] >= cut);
    }
    return kept.sort((a, b) => acc[b & mask] - acc[a & mask]).slice(0, n);
  }

  private grow(): void {
    const size = (this.mask + 1) * 2;
    const ring: (T | undefined)[] = new Array(size);
    for (let s = this.liveFrom; s < this.nextSeq; s++) ring[s & (size - 1)] = this.ring[s & this.mask];
    this.ring = ring;
    this.mask = size - 1;
    this.acc = new Float64Array(size);
    this.stamp = new Int32Array(size); // stamps restart: the next query's number is always new
  }
}
