// Snowball stemming per language, with a small cache: news vocabulary repeats a lot and the
// Russian stemmer is the hot spot of tokenising.
import snowballFactory, { type Stemmer } from 'snowball-stemmers';
import type { Language } from './language';

const stemmers: Partial<Record<Language, Stemmer>> = {
  ru: snowballFactory.newStemmer('russian'),
  en: snowballFactory.newStemmer('english'),
};
const CACHE_LIMIT = 200_000;
const cache = new Map<string, string>();

/** Stem of a lower-case word in `lang`; words of other languages come back unchanged. */
export function stem(word: string, lang: Language): string {
  const stemmer = stemmers[lang];
  if (!stemmer) return word;
  const key = lang + word;
  let out = cache.get(key);
  if (out === undefined) {
    out = stemmer.stem(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, out);
  }
  return out;
}
