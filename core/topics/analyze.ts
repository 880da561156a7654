// One post's text → what the index compares: content stems (TF-IDF), word shingles (MinHash),
// language and a display line for titles.
import { withoutAttribution } from '../text/attribution';
import { isDigest } from '../text/digest';
import { detectLanguage, type Language } from '../text/language';
import { normalizeStripped, stripMarkup } from '../text/markup';
import { stemSpansWithKeys, wordSpans } from '../text/tokenize';
import { neutralKeyAt, neutralKeys } from './cross-language';
import { spanSignature } from './minhash';
import { nameKeys, type NameKeys } from './names';
import { titleOfStripped } from './title';

export interface AnalyzedPost {
  language: Language;
  /** Content stems, without name tokens (the index adds those: see names.ts). */
  stems: string[];
  /** The stem cache's keys of the first stems (the content stems; see stemSpansWithKeys): a hint
   *  that spares the term table a lookup by string, in scratch memory that the next analysis
   *  overwrites (a stale hint costs a lookup, never a wrong id). Null once used, or unknown. */
  stemKeys: Int32Array | null;
  names: NameKeys;
  /** Keys of its names and numbers across languages (cross-language.ts). */
  neutral: string[];
  minhash: Uint32Array | null;
  title: string;
  /** A digest of several stories (../text/digest.ts): joins only other digests. */
  digest: boolean;
}

export function analyzePost(cleanText: string): AnalyzedPost {
  const stripped = stripMarkup(cleanText);
  const content = withoutAttribution(stripped);
  const normalized = normalizeStripped(content);
  const spans = wordSpans(normalized); // (reused by the next call: used up here)
  const { stems, keys } = stemSpansWithKeys(spans);
  const wordKeys: string[] = [];
  const names = nameKeys(content, (text, start, end) => {
    const key = neutralKeyAt(text, start, end);
    if (key) wordKeys.push(key);
  });
  return {
    language: detectLanguage(normalized),
    stems,
    stemKeys: keys,
    names,
    neutral: neutralKeys(wordKeys, spans),
    minhash: spanSignature(spans),
    title: titleOfStripped(stripped),
    digest: isDigest(stripped),
  };
}

