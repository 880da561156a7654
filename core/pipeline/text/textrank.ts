// TextRank over sentences: a sentence is central when many others share its stems. Edge weights
// are scaled by the caller (e.g. up for a sentence in another channel's post, which confirms it);
// `prior` biases the random jumps (e.g. towards ledes).

const DAMPING = 0.85;
const ITERATIONS = 40;

/** Similarity of two stem sets: shared stems over the log of their sizes (the TextRank measure). */
export function stemSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size < 2 || b.size < 2) return 0;
  let shared = 0;
  for (const s of a) if (b.has(s)) shared++;
  return shared / (Math.log(a.size) + Math.log(b.size));
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const s of a) if (b.has(s)) shared++;
  return shared / (a.size + b.size - shared);
}

export function textRank(stems: Set<string>[], edgeScale: (i: number, j: number) => number, prior?: number[]): number[] {
  const n = stems.length;
  if (n === 0) return [];
  const weights: Float64Array[] = stems.map(() => new Float64Array(n));
  const outSum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const w = stemSimilarity(stems[i], stems[j]);
      if (w <= 0) continue;
      weights[i][j] = w * edgeScale(i, j);
      weights[j][i] = w * edgeScale(j, i);
      outSum[i] += weights[i][j];
      outSum[j] += weights[j][i];
    }
  }
  const jump = normalise(prior ?? stems.map(() => 1));
  let rank = Float64Array.from(jump);
  for (let it = 0; it < ITERATIONS; it++) {
    const next = new Float64Array(n);
    let dangling = 0;
    for (let j = 0; j < n; j++) if (outSum[j] === 0) dangling += rank[j];
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) if (weights[j][i] > 0) sum += (weights[j][i] / outSum[j]) * rank[j];
      next[i] = (1 - DAMPING) * jump[i] + DAMPING * (sum + dangling * jump[i]);
    }
    rank = next;
  }
  return [...rank];
}

function normalise(values: number[]): number[] {
  const total = values.reduce((a, b) => a + b, 0) || 1;
  return values.map((v) => v / total);
}
