// Where a search query matches a post's text, as ranges the reader's UI can mark. The keys mirror
// the database's search keys (migration 0005): a Cyrillic word is Snowball-stemmed twice (so every
// case of a surname meets: Песков / Пескова / Пескову), a Latin one once with the English stemmer.
// The database decides which posts match; this only says where, so a rare disagreement between the
// two Snowball builds costs a missing mark, never a wrong result.
import { stem } from '../text/stem';
import { ENGLISH_STOPWORDS, RUSSIAN_STOPWORDS } from '../text/stopwords';

/** A match in `text`: UTF-16 offsets as JavaScript strings index them, `end` exclusive. */
export interface HighlightRange {
  start: number;
  end: number;
}

/** The parts of a query that mark text: single words and quoted phrases (negated ones mark nothing). */
export interface SearchTerms {
  words: string[];
  phrases: string[][];
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** The search key of one word (lower-cased inside). */
export function searchKey(word: string): string {
  const w = word.toLowerCase().replace(/ё/g, 'е').replace(/’/g, "'");
  if (CYRILLIC.test(w)) return stem(stem(w, 'ru'), 'ru');
  return stem(w.replace(/'s$/, ''), 'en');
}

const isStopword = (w: string) => {
  const lower = w.toLowerCase();
  return RUSSIAN_STOPWORDS.has(lower) || ENGLISH_STOPWORDS.has(lower);
};

/** Words of the query as keys: `"a b"` is a phrase, `-word` is left out, `or` is an operator. */
export function searchTerms(query: string): SearchTerms {
  const words: string[] = [];
  const phrases: string[][] = [];
  const keysOf = (s: string) => (s.match(WORD) ?? []).filter((w) => !isStopword(w)).map(searchKey);
  const rest = query.replace(/(-?)"([^"]*)"?/g, (_, neg: string, inner: string) => {
    const keys = keysOf(inner);
    if (!neg && keys.length > 1) phrases.push(keys);
    else if (!neg && keys.length === 1) words.push(keys[0]);
    return ' ';
  });
  for (const token of rest.split(/\s+/)) {
    if (!token || token.startsWith('-') || token.toLowerCase() === 'or') continue;
    words.push(...keysOf(token));
  }
  return { words: [...new Set(words)], phrases };
}

/** Ranges of `text` that the query's words and phrases match, in order, never overlapping. */
export function highlightRanges(text: string, terms: SearchTerms): HighlightRange[] {
  if (!terms.words.length && !terms.phrases.length) return [];
  const tokens: { start: number; end: number; key: string }[] = [];
  for (const m of text.matchAll(WORD)) {
    if (isStopword(m[0])) continue;
    tokens.push({ start: m.index, end: m.index + m[0].length, key: searchKey(m[0]) });
  }
  const wanted = new Set(terms.words);
  const ranges: HighlightRange[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const phrase = terms.phrases.find((p) => p.every((k, j) => tokens[i + j]?.key === k));
    if (phrase) {
      ranges.push({ start: tokens[i].start, end: tokens[i + phrase.length - 1].end });
      i += phrase.length - 1;
    } else if (wanted.has(tokens[i].key)) {
      ranges.push({ start: tokens[i].start, end: tokens[i].end });
    }
  }
  return ranges;
}
