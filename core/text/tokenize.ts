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

export function stemWords(list: string[]): string[] {
  const out: string[] = [];
  for (const raw of list) {
    const w = raw.replace(/’/g, "'");
    if (w.length < 2) continue;
    if (/^\d+$/.test(w)) {
      // Plain numbers are mostly dates and counts; keep the distinctive ones (years, big figures).
      if (w.length >= 3) out.push(w);
      continue;
    }
    if (CYRILLIC.test(w)) {
      if (RUSSIAN_STOPWORDS.has(w)) continue;
      out.push(stem(w, 'ru'));
    } else {
      if (ENGLISH_STOPWORDS.has(w)) continue;
      out.push(stem(w.replace(/'s$/, ''), 'en'));
    }
  }
  return out;
}
