// Snowball stemming per language, with a small cache: news vocabulary repeats a lot. The stemmers
// are our own copies of Snowball's Russian and English ones (russian-stem.ts, english-stem.ts),
// ~10× faster than snowball-stemmers' generated code, which tests check them against.
import { stemEnglish } from './english-stem';
import type { Language } from './language';
import { stemRussian } from './russian-stem';

const stemmers: Partial<Record<Language, (word: string) => string>> = {
  ru: stemRussian,
  en: stemEnglish,
};
const CACHE_LIMIT = 200_000;
const cache = new Map<string, string>();

/** `stem` without the cache, for callers that keep their own (stemWords caches whole words). */
export function stemOnce(word: string, lang: Language): string {
  const stemmer = stemmers[lang];
  return stemmer ? stemmer(word) : word;
}

/** Stem of a lower-case word in `lang`; words of other languages come back unchanged. */
export function stem(word: string, lang: Language): string {
  const stemmer = stemmers[lang];
  if (!stemmer) return word;
  const key = lang + word;
  let out = cache.get(key);
  if (out === undefined) {
    out = stemmer(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, out);
  }
  return out;
}
