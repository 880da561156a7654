// Words → stems for matching. Each word is stemmed by its own script (Russian posts quote English
// names and vice versa), so "Trump"/"трамп" stay stable whatever the post's language.
import { CYRILLIC, LETTER_OR_NUMBER, unitAt } from './chars';
import { ENGLISH_STOPWORDS, RUSSIAN_STOPWORDS } from './stopwords';
import { stemOnce } from './stem';
import { normalizeText } from './markup';

const HYPHEN = 0x2d;
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const COMMA = 0x2c;
const FULL_STOP = 0x2e;
const DIGIT_ZERO = 0x30;
const DIGIT_NINE = 0x39;

/**
 * Lower-case words of a normalised text (no stemming, stopwords kept): the matches of
 * /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*\/gu, found by a scanner (a regex match per word is slow).
 */
export function words(normalized: string): string[] {
  const { starts, ends, count } = wordSpans(normalized);
  const out: string[] = new Array(count);
  for (let w = 0; w < count; w++) out[w] = normalized.slice(starts[w], ends[w]);
  return out;
}

/** Where the words of a text are: word w is text[starts[w], ends[w]). */
export interface WordSpans {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  /** FNV-1a state (int32, before any finishing mix) of each word's characters: the stem cache
   *  and the MinHash shingles both hash words this way, so each word is hashed once here. */
  hashes: Int32Array;
  count: number;
}

const spans: WordSpans = { text: '', starts: new Int32Array(256), ends: new Int32Array(256), hashes: new Int32Array(256), count: 0 };

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a of text[start, end) continued from `h` (int32; `h >>> 0` is `fnv1a` of the slice when h
 *  is FNV_OFFSET). */
export function fnvContinue(h: number, text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** The words of `words(normalized)` as spans, without a string each (the result is reused by the
 *  next call). */
export function wordSpans(normalized: string): WordSpans {
  spans.text = normalized;
  let count = 0;
  let i = 0;
  while (i < normalized.length) {
    if (!LETTER_OR_NUMBER.at(normalized, i)) {
      i++;
      continue;
    }
    if (count === spans.starts.length) [spans.starts, spans.ends, spans.hashes] = [grown(spans.starts), grown(spans.ends), grown(spans.hashes)];
    const start = i;
    i = wordEnd(normalized, i);
    spans.starts[count] = start;
    spans.ends[count] = i;
    spans.hashes[count++] = fnvContinue(FNV_OFFSET, normalized, start, i);
  }
  spans.count = count;
  return spans;
}

function grown(a: Int32Array) {
  const out = new Int32Array(a.length * 2);
  out.set(a);
  return out;
}

/** End of the word that starts at i. */
function wordEnd(text: string, i: number): number {
  for (;;) {
    i = LETTER_OR_NUMBER.end(text, i);
    // Joined parts: "из-за", "o'neill", "it’s"; decimals: "9,1 тысячи", "13.5%" (one figure, one word).
    if (isJoiner(unitAt(text, i)) && LETTER_OR_NUMBER.at(text, i + 1)) i++;
    else if (isDecimalPoint(unitAt(text, i)) && isDigit(unitAt(text, i - 1)) && isDigit(unitAt(text, i + 1))) i++;
    else return i;
  }
}

function isDecimalPoint(code: number): boolean {
  return code === COMMA || code === FULL_STOP;
}

function isDigit(code: number): boolean {
  return code >= DIGIT_ZERO && code <= DIGIT_NINE;
}

function isJoiner(code: number): boolean {
  return code === HYPHEN || code === APOSTROPHE || code === RIGHT_QUOTE;
}

/** Content stems of a raw text: normalised, stopwords and 1-letter words dropped, stemmed. */
export function contentStems(text: string): string[] {
  return stemWords(words(normalizeText(text)));
}

// A third of a post's words are one letter long or stopwords: each list is of one script, so a word
// in it is dropped by contentStem too.
const STOPWORDS = new Set([...RUSSIAN_STOPWORDS, ...ENGLISH_STOPWORDS]);

export function stemWords(list: string[]): string[] {
  const out: string[] = [];
  for (const raw of list) {
    if (raw.length < 2) continue;
    const s = stemCache.stemOf(raw, 0, raw.length);
    if (s) out.push(s);
  }
  return out;
}

/** `stemWords` of the words at `spans`, looked up straight from their text. */
export function stemSpans(spans: WordSpans): string[] {
  return stemSpansWithKeys(spans).stems;
}

/** Content stems with their keys (see StemCache.find). */
export interface KeyedStems {
  stems: string[];
  /** keys[i]: the stem cache's key for stems[i], or -1 (a word too long to be kept). */
  keys: Int32Array;
}

let keyBuffer = new Int32Array(256);

/**
 * `stemSpans` with each stem's key in the stem cache: a small integer that stays with the same
 * word until the cache is cleared, so a caller can keep figures per key (TermTable keeps term ids)
 * without hashing the stem again. A key can later stand for another word: whoever keeps figures
 * per key checks them against the stem. `keys` is reused by the next call.
 */
export function stemSpansWithKeys({ text, starts, ends, hashes, count }: WordSpans): KeyedStems {
  if (keyBuffer.length < count) keyBuffer = new Int32Array(count * 2);
  const stems: string[] = [];
  for (let w = 0; w < count; w++) {
    if (ends[w] - starts[w] < 2) continue;
    const key = stemCache.find(text, starts[w], ends[w], hashes[w]);
    const s = key >= 0 ? stemCache.stemAt(key) : wordStem(text.slice(starts[w], ends[w]));
    if (!s) continue;
    keyBuffer[stems.length] = key;
    stems.push(s);
  }
  return { stems, keys: keyBuffer.subarray(0, stems.length) };
}

/**
 * Word → its content stem ('' when dropped): news vocabulary repeats, so most words are stemmed
 * once. An open-addressing table over the words' characters (kept in one pool), so a word is looked
 * up from the text it is in, without making a string of it; a probe reads one line of the table
 * and the pooled characters, fewer scattered reads than a Map of strings. Cleared when full.
 */
class StemCache {
  private static readonly LIMIT = 200_000;
  /** Longer "words" (base64, hashes) are stemmed each time: they seldom repeat, and would fill the pool. */
  private static readonly LONGEST = 64;
  /** Per slot: the word's hash, its start in `chars`, its length, and its entry + 1 (0: empty).
   *  At most half the slots are taken (the table doubles). */
  private table = new Int32Array(4 * 1024);
  private mask = 1023;
  private chars = new Uint16Array(16 * 1024);
  private charsUsed = 0;
  private stems: string[] = [];

  stemOf(text: string, start: number, end: number): string {
    const key = this.find(text, start, end, fnvContinue(FNV_OFFSET, text, start, end));
    return key >= 0 ? this.stems[key] : wordStem(text.slice(start, end));
  }

  /** The key (entry number) of the word text[start, end), whose FNV-1a state is `fnv`, stemming
   *  and keeping it when new; -1 for a word too long to keep. */
  find(text: string, start: number, end: number, fnv: number): number {
    const h = Math.imul(fnv ^ (fnv >>> 16), 0x45d9f3b) ^ (fnv >>> 13);
    const { table, mask } = this;
    const length = end - start;
    let slot = h & mask;
    for (; table[slot * 4 + 3] !== 0; slot = (slot + 1) & mask) {
      const at = slot * 4;
      if (table[at] === h && table[at + 2] === length && this.holds(table[at + 1], text, start, length)) return table[at + 3] - 1;
    }
    if (length > StemCache.LONGEST) return -1;
    const stem = wordStem(text.slice(start, end));
    if (this.stems.length >= StemCache.LIMIT) this.clear();
    if ((this.stems.length + 1) * 2 > this.mask + 1) this.grow();
    this.remember(h, text, start, length, stem);
    return this.stems.length - 1;
  }

  stemAt(key: number): string {
    return this.stems[key];
  }

  private holds(from: number, text: string, start: number, length: number): boolean {
    const { chars } = this;
    for (let i = 0; i < length; i++) if (chars[from + i] !== text.charCodeAt(start + i)) return false;
    return true;
  }

  private remember(h: number, text: string, start: number, length: number, stem: string): void {
    if (this.charsUsed + length > this.chars.length) {
      const grown = new Uint16Array(this.chars.length * 2 + length);
      grown.set(this.chars);
      this.chars = grown;
    }
    for (let i = 0; i < length; i++) this.chars[this.charsUsed + i] = text.charCodeAt(start + i);
    this.stems.push(stem);
    this.place(h, this.charsUsed, length, this.stems.length);
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
    this.stems = [];
  }
}

const stemCache = new StemCache();

function wordStem(raw: string): string {
  return STOPWORDS.has(raw) ? '' : contentStem(raw);
}

/** One word's stem, or '' for stopwords, 1-letter words and small plain numbers. */
function contentStem(raw: string): string {
  const w = raw.includes('’') ? raw.replace(/’/g, "'") : raw;
  if (w.length < 2) return '';
  // Plain numbers are mostly dates and counts; keep the distinctive ones (years, big figures).
  if (isAsciiDigits(w)) return w.length >= 3 ? w : '';
  if (hasCyrillic(w)) return RUSSIAN_STOPWORDS.has(w) ? '' : stemOnce(w, 'ru');
  return ENGLISH_STOPWORDS.has(w) ? '' : stemOnce(w.endsWith("'s") ? w.slice(0, -2) : w, 'en');
}

function isAsciiDigits(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function hasCyrillic(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (CYRILLIC.at(w, i)) return true;
  return false;
}
