// The Snowball English ("Porter2") stemmer (snowballstem.org, "The English (Porter2) stemming
// algorithm"), written out for speed like russian-stem.ts: snowball-stemmers' generated code takes
// ~10 µs a word. Same stems as snowball-stemmers 0.6 (checked over every word of the shared posts
// and the eval sets); like it, this works on UTF-16 code units, is case-sensitive and treats
// anything but a e i o u y as a consonant.

const APOSTROPHE = "'";
const VOWELS = 'aeiouy';
/** Consonants before which "li" is an ending. */
const LI_ENDING = 'cdeghkmnrt';

// Whole words with a fixed stem, looked up before anything else.
const EXCEPTIONS = new Map([
  ['skis', 'ski'], ['skies', 'sky'], ['dying', 'die'], ['lying', 'lie'], ['tying', 'tie'], ['idly', 'idl'], ['gently', 'gentl'],
  ['ugly', 'ugli'], ['early', 'earli'], ['only', 'onli'], ['singly', 'singl'],
  ...['sky', 'news', 'howe', 'atlas', 'cosmos', 'bias', 'andes'].map((w): [string, string] => [w, w]),
]);
// Words left as they are after step 1a.
const INVARIANT_AFTER_1A = new Set(['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed']);
// Prefixes after which R1 starts (instead of after the first vowel–consonant pair).
const R1_PREFIXES = ['gener', 'commun', 'arsen'];

const VOWEL_CODES = new Set([...VOWELS].map((c) => c.charCodeAt(0)));

function isVowel(w: string, i: number): boolean {
  return VOWEL_CODES.has(w.charCodeAt(i)); // (NaN outside the word: no vowel)
}

/** Stem of an English word (lower case expected, as for snowball-stemmers). */
export function stemEnglish(word: string): string {
  const exception = EXCEPTIONS.get(word);
  if (exception !== undefined) return exception;
  if (word.length < 3) return word;
  const { text, yFound } = prelude(word);
  const { r1, r2 } = regions(text);
  let w = step1a(text);
  if (!INVARIANT_AFTER_1A.has(w)) {
    w = step1b(w, r1);
    w = step1c(w);
    w = step2(w, r1);
    w = step3(w, r1, r2);
    w = step4(w, r2);
    w = step5(w, r1, r2);
  }
  return yFound ? w.replaceAll('Y', 'y') : w;
}

/** A leading apostrophe goes; an initial y, and a y after a vowel, become Y (a consonant). */
function prelude(word: string): { text: string; yFound: boolean } {
  const text = word.startsWith(APOSTROPHE) ? word.slice(1) : word;
  if (!text.includes('y')) return { text, yFound: false };
  const chars = [...text];
  let yFound = false;
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === 'y' && (i === 0 || VOWELS.includes(chars[i - 1]))) {
      chars[i] = 'Y';
      yFound = true;
    }
  }
  return { text: chars.join(''), yFound };
}

/** R1 starts after the first consonant that follows a vowel (or after a listed prefix); R2 likewise in R1. */
function regions(w: string): { r1: number; r2: number } {
  const prefix = R1_PREFIXES.find((p) => w.startsWith(p));
  const r1 = prefix ? prefix.length : afterVowelThenConsonant(w, 0);
  if (r1 < 0) return { r1: w.length, r2: w.length };
  const r2 = afterVowelThenConsonant(w, r1);
  return { r1, r2: r2 < 0 ? w.length : r2 };
}

function afterVowelThenConsonant(w: string, from: number): number {
  let i = from;
  while (i < w.length && !isVowel(w, i)) i++;
  i++;
  while (i < w.length && isVowel(w, i)) i++;
  return i < w.length ? i + 1 : -1;
}

/**
 * A short syllable ends at `end`: consonant–vowel–consonant where the last is not w, x or Y, or
 * vowel–consonant at the word's start.
 */
function shortSyllableEndsAt(w: string, end: number): boolean {
  const last = end - 1;
  if (last < 1 || isVowel(w, last) || !isVowel(w, last - 1)) return false;
  if (last === 1) return true;
  return !isVowel(w, last - 2) && !'wxY'.includes(w[last]);
}

/** Suffixes by their last letter, longest first: what `longestSuffix` searches. */
type SuffixIndex = ReadonlyMap<string, readonly string[]>;

function suffixIndex(suffixes: readonly string[]): SuffixIndex {
  const index = new Map<string, string[]>();
  for (const s of [...suffixes].sort((a, b) => b.length - a.length)) {
    const last = s[s.length - 1];
    index.set(last, [...(index.get(last) ?? []), s]);
  }
  return index;
}

/** The longest suffix of the index that `w` ends with, or ''. */
function longestSuffix(w: string, index: SuffixIndex): string {
  for (const s of index.get(w[w.length - 1]) ?? []) if (w.endsWith(s)) return s;
  return '';
}

function hasVowelBefore(w: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (isVowel(w, i)) return true;
  return false;
}

const STEP1A_APOSTROPHES = suffixIndex(["'", "'s", "'s'"]);
const STEP1A = suffixIndex(['sses', 'ied', 'ies', 's', 'ss', 'us']);

/** Possessive apostrophes, then plural s endings. */
function step1a(word: string): string {
  const apostrophe = longestSuffix(word, STEP1A_APOSTROPHES);
  const w = word.slice(0, word.length - apostrophe.length);
  const suffix = longestSuffix(w, STEP1A);
  const start = w.length - suffix.length;
  switch (suffix) {
    case 'sses':
      return `${w.slice(0, start)}ss`;
    case 'ied':
    case 'ies':
      return w.slice(0, start) + (start >= 2 ? 'i' : 'ie');
    case 's':
      // Only if a vowel comes before the letter just ahead of the s ("gaps", not "gas").
      return hasVowelBefore(w, start - 1) ? w.slice(0, start) : w;
    default:
      return w;
  }
}

const STEP1B = suffixIndex(['eed', 'eedly', 'ed', 'edly', 'ing', 'ingly']);
const STEP1B_STEM_END = suffixIndex(['at', 'bl', 'iz', 'bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt']);

function step1b(w: string, r1: number): string {
  const suffix = longestSuffix(w, STEP1B);
  if (!suffix) return w;
  const start = w.length - suffix.length;
  if (suffix === 'eed' || suffix === 'eedly') return start >= r1 ? `${w.slice(0, start)}ee` : w;
  if (!hasVowelBefore(w, start)) return w;
  const stem = w.slice(0, start);
  const end = longestSuffix(stem, STEP1B_STEM_END);
  if (end === 'at' || end === 'bl' || end === 'iz') return `${stem}e`;
  if (end) return stem.slice(0, -1); // a double consonant
  return stem.length === r1 && shortSyllableEndsAt(stem, stem.length) ? `${stem}e` : stem;
}

/** A final y after a consonant (not the first letter) becomes i. */
function step1c(w: string): string {
  const last = w.length - 1;
  const isY = w[last] === 'y' || w[last] === 'Y';
  return isY && last >= 2 && !isVowel(w, last - 1) ? `${w.slice(0, last)}i` : w;
}

const STEP2: Record<string, string> = {
  tional: 'tion', enci: 'ence', anci: 'ance', abli: 'able', entli: 'ent', izer: 'ize', ization: 'ize',
  ational: 'ate', ation: 'ate', ator: 'ate', alism: 'al', aliti: 'al', alli: 'al', fulness: 'ful',
  ousli: 'ous', ousness: 'ous', iveness: 'ive', iviti: 'ive', biliti: 'ble', bli: 'ble', ogi: 'og',
  fulli: 'ful', lessli: 'less', li: '',
};
const STEP2_SUFFIXES = suffixIndex(Object.keys(STEP2));

function step2(w: string, r1: number): string {
  const suffix = longestSuffix(w, STEP2_SUFFIXES);
  const start = w.length - suffix.length;
  if (!suffix || start < r1) return w;
  if (suffix === 'ogi' && w[start - 1] !== 'l') return w;
  if (suffix === 'li' && !(start >= 1 && LI_ENDING.includes(w[start - 1]))) return w;
  return w.slice(0, start) + STEP2[suffix];
}

const STEP3: Record<string, string> = {
  tional: 'tion', ational: 'ate', alize: 'al', icate: 'ic', iciti: 'ic', ical: 'ic', ful: '', ness: '', ative: '',
};
const STEP3_SUFFIXES = suffixIndex(Object.keys(STEP3));

function step3(w: string, r1: number, r2: number): string {
  const suffix = longestSuffix(w, STEP3_SUFFIXES);
  const start = w.length - suffix.length;
  if (!suffix || start < r1) return w;
  if (suffix === 'ative' && start < r2) return w;
  return w.slice(0, start) + STEP3[suffix];
}

const STEP4_SUFFIXES = suffixIndex('al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize ion'.split(' '));

function step4(w: string, r2: number): string {
  const suffix = longestSuffix(w, STEP4_SUFFIXES);
  const start = w.length - suffix.length;
  if (!suffix || start < r2) return w;
  if (suffix === 'ion' && w[start - 1] !== 's' && w[start - 1] !== 't') return w;
  return w.slice(0, start);
}

/** A final e in R2 (or in R1 after no short syllable) goes; so does the second l of a final ll in R2. */
function step5(w: string, r1: number, r2: number): string {
  const last = w.length - 1;
  if (w[last] === 'e') {
    const goes = last >= r2 || (last >= r1 && !shortSyllableEndsAt(w, last));
    return goes ? w.slice(0, last) : w;
  }
  if (w[last] === 'l' && last >= r2 && w[last - 1] === 'l') return w.slice(0, last);
  return w;
}
