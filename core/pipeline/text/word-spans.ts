// Words with their place in the text, so a passage found by word matching can be quoted as it
// reads. Same word shape as core/text (letters/digits, inner hyphens), lower case, ё→е.
const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

export interface WordSpan {
  word: string;
  start: number;
  end: number;
}

export function wordSpans(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  for (const m of text.matchAll(WORD)) {
    out.push({ word: foldWord(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export function foldWord(word: string): string {
  return word.toLowerCase().replace(/ё/g, 'е').replace(/’/g, "'");
}
