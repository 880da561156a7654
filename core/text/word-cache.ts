// A cache of what is worked out from a word (its stem, its name token), looked up from the text
// the word is in.
import { grown } from '../typed-arrays';

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a of text[start, end) continued from `h` (int32; `h >>> 0` is `fnv1a` of the slice when h
 *  is FNV_OFFSET). */
export function fnvContinue(h: number, text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** WordCache.find's answer for a word whose value is '' (a stopword, for stems). */
export const DROPPED = -2;
/** WordCache.find's answer for a word too long to keep (its value is worked out each time). */
const TOO_LONG = -1;

/**
 * Word → what a function makes of it ('' for nothing), worked out once per word: an open-addressing
 * table over the words' characters (kept in one pool), so a word is looked up from the text it is
 * in, without making a string of it; a probe reads one line of the table and the pooled characters,
 * fewer scattered reads than a Map of strings. Cleared when full.
 */
export class WordCache {
  private static readonly LIMIT = 200_000;
  /** Longer "words" (base64, hashes) are worked out each time: they seldom repeat, and would fill the pool. */
  private static readonly LONGEST = 64;
  /** Per slot: the word's hash, its start in `chars`, its length, and its entry + 1, negated for a
   *  word whose value is '' (0: empty). At most half the slots are taken (the table doubles). */
  private table = new Int32Array(4 * 1024);
  private mask = 1023;
  private chars = new Uint16Array(16 * 1024);
  private charsUsed = 0;
  private values: string[] = [];

  constructor(private readonly workOut: (word: string) => string) {}

  valueOf(text: string, start: number, end: number): string {
    const key = this.find(text, start, end, fnvContinue(FNV_OFFSET, text, start, end));
    return key >= 0 ? this.values[key] : key === DROPPED ? '' : this.workOut(text.slice(start, end));
  }

  /** The key (entry number) of the word text[start, end), whose FNV-1a state is `fnv` (see
   *  wordSpans), working out its value and keeping it when new; DROPPED for a word whose value is
   *  '', TOO_LONG for a word too long to keep. A key stays with its word until the cache is
   *  cleared: whoever keeps figures per key checks them against the value. */
  find(text: string, start: number, end: number, fnv: number): number {
    const h = Math.imul(fnv ^ (fnv >>> 16), 0x45d9f3b) ^ (fnv >>> 13);
    const { table, mask } = this;
    const length = end - start;
    let slot = h & mask;
    for (; table[slot * 4 + 3] !== 0; slot = (slot + 1) & mask) {
      const at = slot * 4;
      if (table[at] === h && table[at + 2] === length && this.holds(table[at + 1], text, start, length)) return keyOfEntry(table[at + 3]);
    }
    if (length > WordCache.LONGEST) return TOO_LONG;
    const value = this.workOut(text.slice(start, end));
    if (this.values.length >= WordCache.LIMIT) this.clear();
    if ((this.values.length + 1) * 2 > this.mask + 1) this.grow();
    this.remember(h, text, start, length, value);
    return value ? this.values.length - 1 : DROPPED;
  }

  /** The value of a key `find` returned (never ''). */
  valueAt(key: number): string {
    return this.values[key];
  }

  private holds(from: number, text: string, start: number, length: number): boolean {
    const { chars } = this;
    for (let i = 0; i < length; i++) if (chars[from + i] !== text.charCodeAt(start + i)) return false;
    return true;
  }

  private remember(h: number, text: string, start: number, length: number, value: string): void {
    if (this.charsUsed + length > this.chars.length) this.chars = grown(this.chars, this.charsUsed + length);
    for (let i = 0; i < length; i++) this.chars[this.charsUsed + i] = text.charCodeAt(start + i);
    this.values.push(value);
    this.place(h, this.charsUsed, length, value ? this.values.length : -this.values.length);
    this.charsUsed += length;
  }

  private place(h: number, from: number, length: number, entry: number): void {
    const { table, mask } = this;
    let slot = h & mask;
    while (table[slot * 4 + 3] !== 0) slot = (slot + 1) & mask;
    const at = slot * 4;
    table[at] = h;
    table[at + 1] = from;
    table[at + 2] = length;
    table[at + 3] = entry;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let at = 0; at < old.length; at += 4) if (old[at + 3] !== 0) this.place(old[at], old[at + 1], old[at + 2], old[at + 3]);
  }

  private clear(): void {
    this.table.fill(0);
    this.charsUsed = 0;
    this.values = [];
  }
}

/** The key of a table slot's entry number (see WordCache.table). */
function keyOfEntry(entry: number): number {
  return entry > 0 ? entry - 1 : DROPPED;
}
