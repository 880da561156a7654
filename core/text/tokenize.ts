// Words → stems for matching. Each word is stemmed by its own script (Russian posts quote English
// names and vice versa), so "Trump"/"трамп" stay stable whatever the post's language.
import { CYRILLIC, LETTER_OR_NUMBER } from './chars';
import { ENGLISH_STOPWORDS, RUSSIAN_STOPWORDS } from './stopwords';
import { stemOnce } from './stem';
import { normalizeText } from './markup';

const HYPHEN = 0x2d;
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;

/**
 * Lower-case words of a normalised text (no stemming, stopwords kept): the matches of
 * /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*\/gu, found by a scanner (a regex match per word is slow).
 */
export function words(normalized: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < normalized.length) {
    if (!LETTER_OR_NUMBER.at(normalized, i)) {
      i++;
      continue;
    }
    const start = i;
    i = wordEnd(normalized, i);
    out.push(normalized.slice(start, i));
  }
  return out;
}

/** End of the word that starts at i. */
function wordEnd(text: string, i: number): number {
  for (;;) {
    const width = LETTER_OR_NUMBER.at(text, i);
    if (width) i += width;
    // Joined parts: "из-за", "o'neill", "it’s".
    else if (isJoiner(text.charCodeAt(i)) && LETTER_OR_NUMBER.at(text, i + 1)) i++;
    else return i;
  }
}

function isJoiner(code: number): boolean {
  return code === HYPHEN || code === APOSTROPHE || code === RIGHT_QUOTE;
}

/** Content stems of a raw text: normalised, stopwords and 1-letter words dropped, stemmed. */
export function contentStems(text: string): string[] {
  return stemWords(words(normalizeText(text)));
}

// Word → its content stem ('' when dropped): news vocabulary repeats, so most words are looked up once.
const WORD_CACHE_LIMIT = 200_000;
const wordCache = new Map<string, string>();
// A third of a post's words are one letter long or stopwords: they are answered from this small
// set, sparing lookups in the large cache (which cost most of stemming). Each list is of one script,
// so a word in it is dropped by contentStem too.
const STOPWORDS = new Set([...RUSSIAN_STOPWORDS, ...ENGLISH_STOPWORDS]);

export function stemWords(list: string[]): string[] {
  const out: string[] = [];
  for (const raw of list) {
    if (raw.length < 2 || STOPWORDS.has(raw)) continue;
    let s = wordCache.get(raw);
    if (s === undefined) {
      s = contentStem(raw);
      if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
      wordCache.set(raw, s);
    }
    if (s) out.push(s);
  }
  return out;
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
