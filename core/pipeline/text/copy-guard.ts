// Keeps a sentence from copying its sources: counts the sentence's word 8-grams found in any
// source post and, while some remain, applies the cheapest repair that removes some of them.
import { ORIGINALITY_LIMITS } from '../originality';
import { stripMarkup } from '../../text/markup';
import { repairVariants } from './repairs';
import type { RephraseContext } from './rephrase';
import { wordSpans } from './word-spans';

const N = ORIGINALITY_LIMITS.ngram;

export class SourceGrams {
  private readonly grams = new Set<string>();

  constructor(sources: string[]) {
    for (const source of sources) {
      const words = wordSpans(stripMarkup(source)).map((s) => s.word);
      for (let i = 0; i + N <= words.length; i++) this.grams.add(words.slice(i, i + N).join(' '));
    }
  }

  /** The word 8-grams of `text` found in a source, and the longest run of words they cover. */
  measure(text: string): { shared: number; longestRun: number; windows: number } {
    const words = wordSpans(text).map((s) => s.word);
    let shared = 0;
    let streak = 0;
    let longestRun = 0;
    for (let i = 0; i + N <= words.length; i++) {
      if (this.grams.has(words.slice(i, i + N).join(' '))) {
        shared++;
        streak++;
        longestRun = Math.max(longestRun, streak + N - 1);
      } else streak = 0;
    }
    return { shared, longestRun, windows: Math.max(0, words.length - N + 1) };
  }
}

export interface Guarded {
  text: string;
  shared: number;
  longestRun: number;
  windows: number;
}

const MAX_REPAIRS = 10;

/** The sentence with as few copied 8-grams as the repairs can reach, cheapest repairs first. */
export function guardSentence(sentence: string, grams: SourceGrams, ctx: RephraseContext, strong: boolean): Guarded {
  let text = sentence;
  let score = grams.measure(text);
  for (let round = 0; round < MAX_REPAIRS && score.shared > 0; round++) {
    let best: { text: string; shared: number; cost: number } | null = null;
    // A stray 8-gram in a long sentence is tolerable; it is not worth an aside or a dropped clause.
    const cheapOnly =
      !strong && score.longestRun <= ORIGINALITY_LIMITS.ngram && score.shared <= ORIGINALITY_LIMITS.maxSharedNgramShare * score.windows;
    for (const v of repairVariants(text, ctx, strong)) {
      if (cheapOnly && v.cost >= 3) continue;
      const m = grams.measure(v.text);
      if (m.shared >= score.shared) continue;
      // Cost per removed 8-gram: a cheap edit that fixes a little loses to a dearer one that fixes all.
      const value = v.cost / (score.shared - m.shared);
      if (!best || value < best.cost || (value === best.cost && m.shared < best.shared)) best = { text: v.text, shared: m.shared, cost: value };
    }
    if (!best) break;
    text = best.text;
    score = grams.measure(text);
  }
  return { text, ...score };
}
