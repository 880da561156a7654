// Names carry a story (people, places, organisations), and Russian declines them: Песков, Пескова,
// Пескову. Snowball stems those inconsistently (песк / песков), so a name in two cases would never
// match on stems alone. Each capitalised Cyrillic word therefore adds one more token: the word
// without its case ending, cut to a few letters — the same in every case form — which also gives
// names a second vote. Latin words are left alone: English names do not decline, and headlines in
// Title Case would make every word a "name".
//
// A capital inside a sentence marks a name; at a sentence's start it marks nothing, so a word there
// counts as a name only when the corpus has seen it capitalised inside a sentence (NameLexicon).
import { CYRILLIC, CharClass, LETTER_OR_NUMBER } from '../text/chars';
import { RUSSIAN_STOPWORDS } from '../text/stopwords';
import { WordCache } from '../text/word-cache';

// Capitalised words: /(?<![\p{L}\p{N}])\p{Lu}\p{Ll}{2,}(?![\p{L}\p{N}])/gu, found by a scan that
// looks closer only where a capital may open a run of letters and digits (the regex, and then a
// scan stepping from run to run, each cost a third of the names' time).
const UPPER_CASE = new CharClass(/\p{Lu}/u);
const LOWER_CASE = new CharClass(/\p{Ll}/u);
// What the scan tells by one table read per code unit.
const NOT_IN_RUN = 0;
const IN_RUN = 1; // a letter or digit that is no capital
const CAPITAL = 2;
const SURROGATE = 3; // half of a pair: its code point decides
const RUN_UNITS = (() => {
  const table = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) table[code] = SURROGATE;
    else if (LETTER_OR_NUMBER.has(code)) table[code] = UPPER_CASE.has(code) ? CAPITAL : IN_RUN;
  }
  return table;
})();
// Noun and adjective case endings; only stripped when three letters remain. The one stripped is
// the longest the word ends with (what /(?:ыми|ими|…|ь)$/u, longest first, would match), found by
// the suffix's letters as a number in one set per length (an exec per name allocated its match).
const CASE_ENDINGS = 'ыми ими ями ами ого его ому ему ой ей ий ый ом ем ам ям ым им ах ях ую юю ая яя ое ее а я у ю е ы и о ь'.split(' ');
// Letters from U+0400 to U+047F, 7 bits each: every case ending's letters are among them.
const CODED_FROM = 0x400;
const CODED_UNITS = 0x80;
const LONGEST_CASE_ENDING = 3;
const CASE_ENDING_CODES = [1, 2, 3].map((n) => new Set(CASE_ENDINGS.filter((e) => e.length === n).map((e) => suffixCode(e, n))));
// Capitalised adjectives open the names of holidays and bodies ("Международный день", "Новый год",
// "Национальная гвардия"): they are not declined names. Only endings no name noun takes are listed
// (not -ой, -ым, -ая: Москвой, Путиным, Китая).
const ADJECTIVE = /(?:ый|ое|ые|ых|ная|ную|ного|ному)$/u;
const SENTENCE_BREAK = new CharClass(/[.!?…:;"«»„“”\n—–-]/u);
const KEPT_LETTERS = 5;
const MARK = '^';
/** A name's weight relative to a stem of the same TF-IDF: a second vote, a little lighter. */
export const NAME_WEIGHT = 0.85;

export interface NameKeys {
  /** Keys of names inside sentences. */
  inner: string[];
  /** Keys of capitalised words that open a sentence (names or not). */
  leading: string[];
}

/** The name keys of a stripped text; `onCapitalised` is also shown every capitalised word, Latin
 *  ones too (cross-language.ts keys them across scripts). */
export function nameKeys(stripped: string, onCapitalised?: (text: string, start: number, end: number) => void): NameKeys {
  const keys: NameKeys = { inner: [], leading: [] };
  let inRun = false; // the code point before i is a letter or digit
  for (let i = 0; i < stripped.length; i++) {
    const kind = RUN_UNITS[stripped.charCodeAt(i)];
    // Rare: a capital that may open a run, or a surrogate. (Few branches on the common path: a
    // scan that steps from run to run pays a mispredicted branch at each word's end.)
    if (kind === SURROGATE || (kind === CAPITAL && !inRun)) {
      const width = LETTER_OR_NUMBER.at(stripped, i);
      if (width && !inRun) {
        const end = LETTER_OR_NUMBER.end(stripped, i);
        if (isCapitalised(stripped, i, end)) {
          addName(keys, stripped, i, end);
          onCapitalised?.(stripped, i, end);
        }
        i = end - 1;
        inRun = true;
      } else {
        if (width === 2) i++; // past the pair's second half
        inRun = width > 0;
      }
      continue;
    }
    inRun = kind !== NOT_IN_RUN;
  }
  return keys;
}

/** Adds the name token of the capitalised word text[start, end), if it may be a name. */
function addName(keys: NameKeys, text: string, start: number, end: number): void {
  const token = nameTokens.valueOf(text, start, end);
  if (token) (opensSentence(text, start) ? keys.leading : keys.inner).push(token);
}

/** The name token of a capitalised word, or '' when it cannot be a name. */
function nameTokenOf(capitalised: string): string {
  const lower = capitalised.toLowerCase();
  const word = lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower;
  if (!isCyrillic(word) || RUSSIAN_STOPWORDS.has(word) || ADJECTIVE.test(word)) return '';
  return MARK + nameKey(word);
}

// Names repeat from post to post: each capitalised word's token is worked out once, and posts
// share its string.
const nameTokens = new WordCache(nameTokenOf);

/** /^\p{Script=Cyrillic}+$/u.test(word) of a word that is not empty. */
function isCyrillic(word: string): boolean {
  for (let i = 0; i < word.length; ) {
    const width = CYRILLIC.at(word, i);
    if (!width) return false;
    i += width;
  }
  return true;
}

/** Whether text[start, end) is one capital and two or more small letters. A run of letters and
 *  digits that is, is exactly a match of CAPITALISED (its lookarounds ask for a whole run). */
function isCapitalised(text: string, start: number, end: number): boolean {
  let i = start + UPPER_CASE.at(text, start);
  if (i === start) return false;
  let small = 0;
  for (let width = LOWER_CASE.at(text, i); width && i < end; width = LOWER_CASE.at(text, i)) {
    i += width;
    small++;
  }
  return i === end && small >= 2;
}

/** Where the name tokens that end a post's stems begin (content stems, made of letters and
 *  digits, never start with MARK): learning from there on spares a look at every content stem. */
export function namesStart(stems: readonly string[]): number {
  let i = stems.length;
  while (i > 0 && isNameToken(stems[i - 1])) i--;
  return i;
}

export function isNameToken(token: string): boolean {
  return token.charCodeAt(0) === 94; // MARK
}

/** A declined name's case-independent key: Пескова, Пескову → песко. */
export function nameKey(word: string): string {
  return nameBase(word).slice(0, KEPT_LETTERS);
}

/** A lower-case Cyrillic word without its case ending (when three letters remain): Пескова → песков. */
export function nameBase(word: string): string {
  const ending = caseEndingLength(word);
  return ending > 0 && word.length - ending >= 3 ? word.slice(0, word.length - ending) : word;
}

/** Length of the longest case ending the word ends with (0: none). */
function caseEndingLength(word: string): number {
  for (let n = Math.min(LONGEST_CASE_ENDING, word.length); n > 0; n--) if (CASE_ENDING_CODES[n - 1].has(suffixCode(word, n))) return n;
  return 0;
}

/** The word's last n (≤ 3) units as a number, unique per suffix of coded letters; -1 otherwise. */
function suffixCode(word: string, n: number): number {
  let code = 0;
  for (let i = word.length - n; i < word.length; i++) {
    const unit = word.charCodeAt(i) - CODED_FROM;
    if (unit < 0 || unit >= CODED_UNITS) return -1;
    code = code * CODED_UNITS + unit;
  }
  return code;
}

function opensSentence(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i--;
  return i < 0 || SENTENCE_BREAK.has(text.charCodeAt(i));
}

/** Name keys the corpus has seen (counted, so that forgetting a post forgets its names). */
export class NameLexicon {
  private readonly counts = new Map<string, number>();

  /** A post's name tokens: its inner names, and the leading words known as names. */
  tokens(keys: NameKeys): string[] {
    if (keys.leading.length === 0) return keys.inner;
    return [...keys.inner, ...keys.leading.filter((k) => this.counts.has(k) || keys.inner.includes(k))];
  }

  /** Counts the name tokens of tokens[from, …) (see namesStart). */
  learn(tokens: readonly string[], from = 0): void {
    for (let i = from; i < tokens.length; i++) {
      const t = tokens[i];
      if (isNameToken(t)) this.counts.set(t, (this.counts.get(t) ?? 0) + 1);
    }
  }

  forget(tokens: readonly string[], from = 0): void {
    for (let i = from; i < tokens.length; i++) {
      const t = tokens[i];
      if (!isNameToken(t)) continue;
      const n = (this.counts.get(t) ?? 0) - 1;
      if (n <= 0) this.counts.delete(t);
      else this.counts.set(t, n);
    }
  }
}
