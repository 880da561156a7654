// Words → stems for matching. Each word is stemmed by its own script (Russian posts quote English
// names and vice versa), so "Trump"/"трамп" stay stable whatever the post's language.
import { ENGLISH_STOPWORDS, RUSSIAN_STOPWORDS } from './stopwords';
import { stem } from './stem';
import { normalizeText } from './markup';

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** Lower-case words of a normalised text (no stemming, stopwords kept). */
export function words(normalized: string): string[] {
  return normalized.match(WORD) ?? [];
}

/** Content stems of a raw text: normalised, stopwords and 1-letter words dropped, stemmed. */
export function contentStems(text: string): string[] {
  return stemWords(words(normalizeText(text)));
}

// Word → its content stem ('' when dropped): news vocabulary repeats, so most words are looked up once.
const WORD_CACHE_LIMIT = 200_000;
const wordCache = new Map<string, string>();

export function stemWords(list: string[]): string[] {
  const out: string[] = [];
  for (const raw of list) {
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
  const w = raw.replace(/’/g, "'");
  if (w.length < 2) return '';
  // Plain numbers are mostly dates and counts; keep the distinctive ones (years, big figures).
  if (/^\d+$/.test(w)) return w.length >= 3 ? w : '';
  if (CYRILLIC.test(w)) return RUSSIAN_STOPWORDS.has(w) ? '' : stem(w, 'ru');
  return ENGLISH_STOPWORDS.has(w) ? '' : stem(w.replace(/'s$/, ''), 'en');
}
