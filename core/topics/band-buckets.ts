// The LSH buckets of the window (minhash.ts): per band, band hash → the posts in that bucket, by
// post number (PostingIndex's insertion numbers). Posts leave in number order, so a bucket is a
// chain from its newest post back through older ones that ends at the first post gone: nothing is
// ever removed from a bucket, and the lookups are typed-array reads, not Map lookups (16 per post,
// and as many Map entries per post for the collector).
import { grown } from '../typed-arrays';
import { BANDS } from './minhash';

export class BandBuckets {
  /** Per band, an open-addressing table of (band hash, the bucket's newest post number + 1) pairs,
   *  side by side (one cache line per probe); 0 for a free slot's head. Slots of buckets whose
   *  posts are all gone stay until the table is rebuilt. */
  private tables: Int32Array[] = Array.from({ length: BANDS }, () => new Int32Array(2 * 1024));
  private used = new Int32Array(BANDS);
  /** Per post (its number modulo the ring) and band: its band hash, and the previous post of its
   *  bucket + 1 (0: none). A post without a signature has no bands (hasBands 0). */
  private bandHash = new Int32Array(1024 * BANDS);
  private previous = new Int32Array(1024 * BANDS);
  private hasBands = new Uint8Array(1024);
  private mask = 1023;
  private nextSeq = 0;
  private liveFrom = 0;
  /** Scratch of `bucket`: the live posts of the last bucket read, oldest first. */
  private found: Int32Array = new Int32Array(64);

  /** Files post `seq` (numbers are given in increasing order) under its band hashes, or under
   *  none when it has no signature. */
  add(seq: number, bands: Int32Array | null): void {
    if (seq - this.liveFrom >= this.mask) this.grow(seq - this.liveFrom + 1);
    const at = seq & this.mask;
    this.hasBands[at] = bands ? 1 : 0;
    if (bands) {
      for (let b = 0; b < BANDS; b++) {
        if ((this.used[b] + 1) * 4 > this.tables[b].length) this.rebuild(b); // (from the posts before this one)
        this.bandHash[at * BANDS + b] = bands[b];
        this.link(b, bands[b], seq);
      }
    }
    this.nextSeq = seq + 1;
  }

  /** Post `seq`, the oldest live one, left the window. */
  remove(seq: number): void {
    this.liveFrom = seq + 1;
  }

  /** The live posts of band `b`'s bucket `hash`, oldest first, as `found[0, count)` (see `found`,
   *  valid until the next call); returns the count. */
  bucket(b: number, hash: number): number {
    const table = this.tables[b];
    const at = this.slotOf(table, hash);
    let count = 0;
    for (let s = table[at + 1] - 1; s >= this.liveFrom; s = this.previous[(s & this.mask) * BANDS + b] - 1) {
      if (count === this.found.length) this.found = grown(this.found);
      this.found[count++] = s;
    }
    const found = this.found;
    for (let i = 0, j = count - 1; i < j; i++, j--) {
      const newer = found[i];
      found[i] = found[j];
      found[j] = newer;
    }
    return count;
  }

  /** The posts of the last `bucket`, oldest first. */
  get posts(): Int32Array {
    return this.found;
  }

  /** Puts `seq` at the head of band b's bucket `hash`. */
  private link(b: number, hash: number, seq: number): void {
    const table = this.tables[b];
    const at = this.slotOf(table, hash);
    const head = table[at + 1] - 1;
    if (head < 0) {
      table[at] = hash;
      this.used[b]++;
    }
    this.previous[(seq & this.mask) * BANDS + b] = head >= this.liveFrom ? head + 1 : 0;
    table[at + 1] = seq + 1;
  }

  /** Where in `table` the pair of `hash` is, or the free slot where it would go. */
  private slotOf(table: Int32Array, hash: number): number {
    const mask = table.length / 2 - 1;
    let slot = (hash ^ (hash >>> 15)) & mask;
    while (table[2 * slot + 1] !== 0 && table[2 * slot] !== hash) slot = (slot + 1) & mask;
    return 2 * slot;
  }

  /** Band b's table again from its live posts only (sized for them), in their order. */
  private rebuild(b: number): void {
    let live = 0;
    for (let s = this.liveFrom; s < this.nextSeq; s++) live += this.hasBands[s & this.mask];
    let size = 1024;
    while (size < (live + 1) * 4) size *= 2;
    this.tables[b] = new Int32Array(2 * size);
    this.used[b] = 0;
    for (let s = this.liveFrom; s < this.nextSeq; s++) if (this.hasBands[s & this.mask]) this.link(b, this.bandHash[(s & this.mask) * BANDS + b], s);
  }

  /** A ring for at least `live` posts, the live ones kept. */
  private grow(live: number): void {
    let size = this.mask + 1;
    while (size <= live) size *= 2;
    const [bandHash, previous, hasBands] = [new Int32Array(size * BANDS), new Int32Array(size * BANDS), new Uint8Array(size)];
    for (let s = this.liveFrom; s < this.nextSeq; s++) {
      const [from, to] = [s & this.mask, s & (size - 1)];
      hasBands[to] = this.hasBands[from];
      bandHash.set(this.bandHash.subarray(from * BANDS, (from + 1) * BANDS), to * BANDS);
      previous.set(this.previous.subarray(from * BANDS, (from + 1) * BANDS), to * BANDS);
    }
    [this.bandHash, this.previous, this.hasBands, this.mask] = [bandHash, previous, hasBands, size - 1];
  }
}
