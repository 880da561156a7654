// Words → stems for matching. Each word is stemmed by its own script (Russian posts quote English
// names and vice versa), so "Trump"/"трамп" stay stable whatever the post's language.
import { CYRILLIC, LETTER_OR_NUMBER, unitAt } from './chars';
import { ENGLISH_STOPWORDS, RUSSIAN_STOPWORDS } from './stopwords';
import { stemOnce } from './stem';
import { normalizeText } from './markup';
import { DROPPED, FNV_OFFSET, WordCache, fnvContinue } from './word-cache';
import { grown } from '../typed-arrays';

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
    const s = stemCache.valueOf(raw, 0, raw.length);
    if (s) out.push(s);
  }
  return out;
}

/** `stemWords` of the words at `spans`, looked up straight from their text. */
export function stemSpans(spans: WordSpans): string[] {
  return stemSpansWithKeys(spans).stems;
}

/** Content stems with their keys (see WordCache.find). */
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
    // A kept word's stem is never '': told by the key, with no look at the string.
    if (key === DROPPED) continue;
    const s = key >= 0 ? stemCache.valueAt(key) : wordStem(text.slice(starts[w], ends[w]));
    if (key < 0 && !s) continue;
    keyBuffer[stems.length] = key;
    stems.push(s);
  }
  return { stems, keys: keyBuffer.subarray(0, stems.length) };
}

// Word → its content stem ('' when dropped): news vocabulary repeats, so most words are stemmed once.
const stemCache = new WordCache(wordStem);

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
