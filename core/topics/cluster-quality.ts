// Clustering quality measures over parallel label arrays (item i: predicted[i], gold[i]).

export interface PrfScores {
  precision: number;
  recall: number;
  f1: number;
}

export interface BinaryScores extends PrfScores {
  accuracy: number;
  total: number;
}

const f1Of = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const pairs = (n: number) => (n * (n - 1)) / 2;

function counts<T>(labels: readonly T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}

/** Pairwise: of all item pairs put together, how many belong together (P), and vice versa (R). */
export function pairwiseScores<P, G>(predicted: readonly P[], gold: readonly G[]): PrfScores {
  const joint = counts(predicted.map((p, i) => `${String(p)}\u0000${String(gold[i])}`));
  let together = 0;
  for (const n of joint.values()) together += pairs(n);
  let predPairs = 0;
  for (const n of counts(predicted).values()) predPairs += pairs(n);
  let goldPairs = 0;
  for (const n of counts(gold).values()) goldPairs += pairs(n);
  const precision = predPairs === 0 ? 1 : together / predPairs;
  const recall = goldPairs === 0 ? 1 : together / goldPairs;
  return { precision, recall, f1: f1Of(precision, recall) };
}

/** B-cubed (Bagga & Baldwin): per-item precision/recall of its cluster, averaged over items. */
export function bcubedScores<P, G>(predicted: readonly P[], gold: readonly G[]): PrfScores {
  const joint = counts(predicted.map((p, i) => `${String(p)}\u0000${String(gold[i])}`));
  const predSize = counts(predicted);
  const goldSize = counts(gold);
  let p = 0;
  let r = 0;
  predicted.forEach((label, i) => {
    const both = joint.get(`${String(label)}\u0000${String(gold[i])}`) ?? 0;
    p += both / (predSize.get(label) ?? 1);
    r += both / (goldSize.get(gold[i]) ?? 1);
  });
  const n = Math.max(1, predicted.length);
  return { precision: p / n, recall: r / n, f1: f1Of(p / n, r / n) };
}

export function binaryScores(predicted: readonly boolean[], gold: readonly boolean[]): BinaryScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  predicted.forEach((p, i) => {
    if (p && gold[i]) tp++;
    else if (p) fp++;
    else if (gold[i]) fn++;
    else tn++;
  });
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { accuracy: (tp + tn) / Math.max(1, predicted.length), precision, recall, f1: f1Of(precision, recall), total: predicted.length };
}
