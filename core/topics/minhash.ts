// MinHash signatures of word shingles and LSH banding: near-copies (estimated Jaccard ≳ 0.5)
// share at least one band bucket with high probability, so only bucket-mates are compared.
import type { WordSpans } from '../text/tokenize';
import { FNV_PRIME, fnvContinue } from '../text/word-cache';
import { SIMD_CHUNK, simdMinima, type SimdMinima } from './minhash-simd';
import { slabs } from './slab';

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
  const k = shingleLength(wordList.length);
  const out = new Set<string>();
  for (let i = 0; i + k <= wordList.length; i++) out.add(wordList.slice(i, i + k).join(' '));
  return out;
}

function shingleLength(wordCount: number): number {
  return wordCount >= 12 ? 3 : wordCount >= 4 ? 2 : 1;
}

/** The MinHash signature of a shingle set (what `spanSignature` computes faster). */
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

const simd: SimdMinima | null = simdMinima(SEEDS);

/**
 * `signature(shingles(words))` of the words at `spans`, the hot path of analysis: shingles are
 * hashed straight from the text (a shingle's hash goes on from its first word's, which the scanner
 * computed), never joined and not deduplicated (a repeated hash cannot change a minimum); the 64
 * minima come from the SIMD kernel where the engine has one. `engine` is for tests.
 */
export function spanSignature(spans: WordSpans, engine: 'simd' | 'scalar' = simd ? 'simd' : 'scalar'): Uint32Array | null {
  const k = shingleLength(spans.count);
  const count = spans.count - k + 1;
  if (count <= 0) return null;
  const hashes = spanShingleHashes(spans, k, count);
  return engine === 'simd' && simd ? simdSignature(simd, hashes, count) : scalarSignature(hashes, count);
}

const SPACE = 0x20;
let hashBuffer = new Int32Array(1024);

/** fnv1a of each shingle (its words joined by spaces), from the words at `spans`. */
function spanShingleHashes({ text, starts, ends, hashes }: WordSpans, k: number, count: number): Int32Array {
  if (hashBuffer.length < count) hashBuffer = new Int32Array(count * 2);
  for (let i = 0; i < count; i++) {
    let h = hashes[i];
    for (let w = i + 1; w < i + k; w++) h = fnvContinue(Math.imul(h ^ SPACE, FNV_PRIME), text, starts[w], ends[w]);
    hashBuffer[i] = h;
  }
  return hashBuffer;
}

function simdSignature(kernel: SimdMinima, hashes: Int32Array, count: number): Uint32Array {
  kernel.minima.fill(0xffffffff);
  for (let from = 0; from < count; from += SIMD_CHUNK) {
    const n = Math.min(SIMD_CHUNK, count - from);
    kernel.hashes.set(hashes.subarray(from, from + n));
    kernel.fold(n);
  }
  const sig = slabs.uint32(SIGNATURE_SIZE);
  sig.set(kernel.minima);
  return sig;
}

// One seed at a time over all hashes keeps the running minimum in a register. Values are compared
// as signed after flipping the top bit, which orders them as unsigned (and stays in int32).
function scalarSignature(hashes: Int32Array, count: number): Uint32Array {
  const sig = slabs.uint32(SIGNATURE_SIZE);
  for (let s = 0; s < SIGNATURE_SIZE; s++) {
    const seed = SEEDS[s] | 0;
    let min = 0x7fffffff;
    for (let j = 0; j < count; j++) {
      const v = mix(hashes[j] ^ seed) ^ 0x80000000;
      if (v < min) min = v;
    }
    sig[s] = min ^ 0x80000000;
  }
  return sig;
}

export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

/** One hash per band of the signature, as int32, into `hashes` (a new array by default). */
export function bandHashes(sig: Uint32Array, hashes = new Int32Array(BANDS)): Int32Array {
  for (let b = 0; b < BANDS; b++) {
    let h = b + 1;
    for (let r = 0; r < ROWS; r++) h = mix(h ^ sig[b * ROWS + r]);
    hashes[b] = h;
  }
  return hashes;
}
