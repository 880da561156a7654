// Document frequencies over the posts currently in the window, learned as posts arrive and
// forgotten as they leave, so IDF reflects what is common *now*.
import { NAME_WEIGHT, isNameToken } from './names';
import { normalize, type SparseVector } from './sparse';

// Pseudo-documents added to N: with few posts seen, every word would otherwise look rare.
const PRIOR_DOCS = 10;

export class DocumentFrequency {
  private readonly df = new Map<string, number>();
  docs = 0;

  add(terms: Iterable<string>): void {
    this.docs++;
    for (const t of new Set(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  remove(terms: Iterable<string>): void {
    this.docs = Math.max(0, this.docs - 1);
    for (const t of new Set(terms)) {
      const n = (this.df.get(t) ?? 0) - 1;
      if (n <= 0) this.df.delete(t);
      else this.df.set(t, n);
    }
  }

  count(term: string): number {
    return this.df.get(term) ?? 0;
  }

  /** Smoothed IDF: log((N + prior) / (df + 1)), never below a small floor. */
  idf(term: string): number {
    return Math.max(0.05, Math.log((this.docs + PRIOR_DOCS) / (this.count(term) + 1)));
  }

  /** Unit TF-IDF vector with sublinear term frequency (1 + ln tf). */
  vector(stems: readonly string[]): SparseVector {
    const tf = new Map<string, number>();
    for (const s of stems) tf.set(s, (tf.get(s) ?? 0) + 1);
    const v: SparseVector = new Map();
    for (const [t, n] of tf) v.set(t, (1 + Math.log(n)) * this.idf(t) * (isNameToken(t) ? NAME_WEIGHT : 1));
    return normalize(v);
  }
}
