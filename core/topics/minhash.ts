// MinHash signatures of word shingles and LSH banding: near-copies (estimated Jaccard ≳ 0.5)
// share at least one band bucket with high probability, so only bucket-mates are compared.

export const SIGNATURE_SIZE = 64;
export const BANDS = 16; // 16 bands × 4 rows: P(candidate) ≈ 1 − (1 − J⁴)¹⁶ → 0.63 at J=0.5, 0.96 at J=0.7
const ROWS = SIGNATURE_SIZE / BANDS;

export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix(0x9e3779b9 * (i + 1)));

/** Shingles of `k` consecutive words (k shrinks for short texts so they still get a signature). */
export function shingles(wordList: readonly string[]): Set<string> {
  const k = wordList.length >= 12 ? 3 : wordList.length >= 4 ? 2 : 1;
  const out = new Set<string>();
  for (let i = 0; i + k <= wordList.length; i++) out.add(wordList.slice(i, i + k).join(' '));
  return out;
}

export function signature(shingleSet: ReadonlySet<string>): Uint32Array | null {
  if (shingleSet.size === 0) return null;
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const s of shingleSet) {
    const h = fnv1a(s);
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const v = mix(h ^ SEEDS[i]);
      if (v < sig[i]) sig[i] = v;
    }
  }
  return sig;
}

export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

export function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = b + 1;
    for (let r = 0; r < ROWS; r++) h = mix(h ^ sig[b * ROWS + r]);
    keys.push(`${b}:${h.toString(36)}`);
  }
  return keys;
}
