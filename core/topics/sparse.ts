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

/** Sum of unit vectors over term ids; cosine against it equals cosine against the mean direction.
 *  Kept in an open-addressing table of typed arrays: the join test looks a post's terms up in every
 *  candidate topic's centroid, the hottest loop of the index after the candidate scan. */
export class Centroid {
  private keys: Int32Array;
  private values: Float64Array;
  private mask = 15;
  /** Occupied slots, zero sums included (dropped when the table grows). */
  private used = 0;
  private sq = 0;

  constructor() {
    [this.keys, this.values] = tables.take(16);
  }

  add(v: TermVector, sign: 1 | -1 = 1): void {
    const { ids, weights } = v;
    for (let i = 0; i < ids.length; i++) {
      if ((this.used + 1) * 2 > this.mask + 1) this.grow();
      const slot = this.slotFor(ids[i]);
      const old = this.values[slot];
      let next = old + sign * weights[i];
      if (Math.abs(next) < 1e-12) next = 0;
      this.sq += next * next - old * old;
      this.values[slot] = next;
    }
    if (this.sq < 1e-12) this.sq = 0;
  }

  /** Hands the table back for new centroids to start from (its topic is gone); reads as empty
   *  afterwards, and added to starts over like a new centroid. */
  release(): void {
    tables.give(this.keys, this.values);
    [this.keys, this.values] = [RELEASED_KEYS, RELEASED_VALUES];
    this.mask = 0;
    this.used = 0;
    this.sq = 0;
  }

  /** Cosine between two centroids' mean directions. */
  similarity(other: Centroid): number {
    if (this.sq === 0 || other.sq === 0) return 0;
    const [small, large] = this.used <= other.used ? [this, other] : [other, this];
    let dotSum = 0;
    for (let slot = 0; slot <= small.mask; slot++) {
      const w = small.values[slot];
      if (w !== 0) dotSum += w * large.get(small.keys[slot]);
    }
    return dotSum / Math.sqrt(this.sq * other.sq);
  }

  cosine(unit: TermVector): number {
    if (this.sq === 0) return 0;
    const { ids, weights } = unit;
    let dotSum = 0;
    for (let i = 0; i < ids.length; i++) dotSum += weights[i] * this.get(ids[i]);
    return dotSum / Math.sqrt(this.sq);
  }

  private get(id: number): number {
    const { keys, mask } = this;
    for (let slot = hash(id) & mask; ; slot = (slot + 1) & mask) {
      const k = keys[slot];
      if (k === id) return this.values[slot];
      if (k === EMPTY) return 0;
    }
  }

  /** The slot holding `id`, claimed for it if absent. */
  private slotFor(id: number): number {
    const { keys, mask } = this;
    for (let slot = hash(id) & mask; ; slot = (slot + 1) & mask) {
      const k = keys[slot];
      if (k === id) return slot;
      if (k === EMPTY) {
        keys[slot] = id;
        this.values[slot] = 0;
        this.used++;
        return slot;
      }
    }
  }

  private grow(): void {
    const { keys, values } = this;
    let live = 0;
    for (let slot = 0; slot < values.length; slot++) if (values[slot] !== 0) live++;
    let size = 16;
    while (size < (live + 1) * 4) size *= 2;
    [this.keys, this.values] = tables.take(size);
    this.mask = size - 1;
    this.used = 0;
    for (let slot = 0; slot < values.length; slot++) if (values[slot] !== 0) this.values[this.slotFor(keys[slot])] = values[slot];
    tables.give(keys, values);
  }
}

const EMPTY = -1;

/** The one-slot table of a released centroid, never written: its first `add` grows out of it. */
const RELEASED_KEYS = Int32Array.of(EMPTY);
const RELEASED_VALUES = Float64Array.of(0);

/**
 * Small tables that centroids outgrew or left behind, for the next centroids to start from: most
 * topics are new, and each grows its table two or three times as its first post goes in (16 → 64
 * → 256 slots), so without reuse every post would create several typed arrays, costly to make and
 * to collect. A table taken is wiped, so a centroid cannot tell it from a new one.
 */
class TablePool {
  private static readonly SMALLEST = 16;
  private static readonly LARGEST = 1024;
  private static readonly KEPT_PER_SIZE = 32;
  private readonly free = new Map<number, { keys: Int32Array; values: Float64Array }[]>();

  take(size: number): [Int32Array, Float64Array] {
    const table = this.free.get(size)?.pop();
    if (!table) return [new Int32Array(size).fill(EMPTY), new Float64Array(size)];
    table.keys.fill(EMPTY);
    table.values.fill(0);
    return [table.keys, table.values];
  }

  give(keys: Int32Array, values: Float64Array): void {
    if (keys.length < TablePool.SMALLEST || keys.length > TablePool.LARGEST) return;
    let list = this.free.get(keys.length);
    if (!list) this.free.set(keys.length, (list = []));
    if (list.length < TablePool.KEPT_PER_SIZE) list.push({ keys, values });
  }
}

const tables = new TablePool();

function hash(id: number): number {
  const h = Math.imul(id, 0x9e3779b1);
  return (h ^ (h >>> 16)) >>> 0;
}
