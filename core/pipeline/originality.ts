// Anti-copy-paste: how much of a written body is lifted word for word from the posts it was written
// from. Three figures per body: the longest run of words shared with one post, the share of the
// body's word 8-grams found in any post, and ROUGE-L F1 against the closest post.
import { stripMarkup } from '../text/markup';
import { wordSpans } from './text/word-spans';
import type { OriginalityScore } from './types';

export const ORIGINALITY_LIMITS = { maxSharedRun: 12, maxSharedNgramShare: 0.05, ngram: 8 } as const;

const { ngram: N } = ORIGINALITY_LIMITS;

export function scoreOriginality(body: string, sources: string[]): OriginalityScore {
  const vocab = new Map<string, number>();
  const bodyIds = toIds(wordSpans(body).map((s) => s.word), vocab);
  const sourceIds = sources.map((s) => toIds(sourceWords(s), vocab));

  let longestSharedRun = 0;
  let rougeL = 0;
  for (const src of sourceIds) {
    const { longestRun, lcs } = compare(bodyIds, src);
    longestSharedRun = Math.max(longestSharedRun, longestRun);
    if (lcs > 0) {
      const p = lcs / bodyIds.length;
      const r = lcs / src.length;
      rougeL = Math.max(rougeL, (2 * p * r) / (p + r));
    }
  }

  const grams = ngramSet(sourceIds);
  const total = bodyIds.length - N + 1;
  let shared = 0;
  for (let i = 0; i < total; i++) if (grams.has(gramKey(bodyIds, i))) shared++;
  const sharedNgramShare = total > 0 ? shared / total : 0;

  return {
    longestSharedRun,
    sharedNgramShare,
    rougeL,
    tooClose: longestSharedRun > ORIGINALITY_LIMITS.maxSharedRun || sharedNgramShare > ORIGINALITY_LIMITS.maxSharedNgramShare,
  };
}

/**
 * The body's passages, as they read in the body, that share a run of at least 8 words with some
 * source post: overlapping runs merged, each passage once. Fed back as the rewrite instruction.
 */
export function copiedPassages(body: string, sources: string[]): string[] {
  const spans = wordSpans(body);
  const vocab = new Map<string, number>();
  const bodyIds = toIds(spans.map((s) => s.word), vocab);
  const grams = ngramSet(sources.map((s) => toIds(sourceWords(s), vocab)));

  const passages: string[] = [];
  let runStart = -1;
  let runEnd = -1; // last covered word index
  const flush = () => {
    if (runStart < 0) return;
    const text = body.slice(spans[runStart].start, spans[runEnd].end).replace(/\s+/g, ' ');
    if (!passages.includes(text)) passages.push(text);
    runStart = runEnd = -1;
  };
  for (let i = 0; i + N <= bodyIds.length; i++) {
    if (!grams.has(gramKey(bodyIds, i))) continue;
    if (runStart >= 0 && i > runEnd + 1) flush();
    if (runStart < 0) runStart = i;
    runEnd = i + N - 1;
  }
  flush();
  return passages;
}

function sourceWords(text: string): string[] {
  // Markup out first: a Markdown link's URL inside a sentence would otherwise cut a copied run.
  return wordSpans(stripMarkup(text)).map((s) => s.word);
}

function toIds(list: string[], vocab: Map<string, number>): Int32Array {
  const ids = new Int32Array(list.length);
  list.forEach((w, i) => {
    let id = vocab.get(w);
    if (id === undefined) vocab.set(w, (id = vocab.size));
    ids[i] = id;
  });
  return ids;
}

function gramKey(ids: Int32Array, at: number): string {
  let key = '';
  for (let k = 0; k < N; k++) key += `${ids[at + k]},`;
  return key;
}

function ngramSet(sources: Int32Array[]): Set<string> {
  const set = new Set<string>();
  for (const ids of sources) for (let i = 0; i + N <= ids.length; i++) set.add(gramKey(ids, i));
  return set;
}

/** Longest common run (substring) and longest common subsequence, in one pass over two rows. */
function compare(a: Int32Array, b: Int32Array): { longestRun: number; lcs: number } {
  let runPrev = new Int32Array(b.length + 1);
  let runCur = new Int32Array(b.length + 1);
  let lcsPrev = new Int32Array(b.length + 1);
  let lcsCur = new Int32Array(b.length + 1);
  let longestRun = 0;
  for (let i = 1; i <= a.length; i++) {
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      if (ai === b[j - 1]) {
        const run = runPrev[j - 1] + 1;
        runCur[j] = run;
        if (run > longestRun) longestRun = run;
        lcsCur[j] = lcsPrev[j - 1] + 1;
      } else {
        runCur[j] = 0;
        lcsCur[j] = lcsPrev[j] > lcsCur[j - 1] ? lcsPrev[j] : lcsCur[j - 1];
      }
    }
    [runPrev, runCur] = [runCur, runPrev];
    [lcsPrev, lcsCur] = [lcsCur, lcsPrev];
  }
  return { longestRun, lcs: lcsPrev[b.length] };
}
