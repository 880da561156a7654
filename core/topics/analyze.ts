// One post's text → what the index compares: content stems (TF-IDF), word shingles (MinHash),
// language and a display line for titles.
import { detectLanguage, type Language } from '../text/language';
import { normalizeStripped, stripMarkup } from '../text/markup';
import { stemSpans, wordSpans } from '../text/tokenize';
import { spanSignature } from './minhash';
import { nameKeys, type NameKeys } from './names';
import { titleOfStripped } from './title';

export interface AnalyzedPost {
  language: Language;
  /** Content stems, without name tokens (the index adds those: see names.ts). */
  stems: string[];
  names: NameKeys;
  minhash: Uint32Array | null;
  title: string;
}

export function analyzePost(cleanText: string): AnalyzedPost {
  const stripped = stripMarkup(cleanText);
  const normalized = normalizeStripped(stripped);
  const spans = wordSpans(normalized); // (reused by the next call: used up here)
  return {
    language: detectLanguage(normalized),
    stems: stemSpans(spans),
    names: nameKeys(stripped),
    minhash: spanSignature(spans),
    title: titleOfStripped(stripped),
  };
}

