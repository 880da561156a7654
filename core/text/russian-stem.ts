// The Snowball Russian stemmer (snowballstem.org, "Russian stemming algorithm"), written out for
// speed: the generated JavaScript of snowball-stemmers spends ~7 µs a word in accessors and argument
// copying, and a post's new words are stemmed on the hot path of clustering. Same stems as
// snowball-stemmers 0.6 (checked over every word of the shared posts and the eval sets); like it,
// this works on UTF-16 code units and knows only а…я as vowels (no ё → е folding).

// Code units as offsets from а (U+0430): the vowels and endings all lie in а…я.
const FIRST = 0x430;
const LETTERS = 32;
const offset = (c: string) => c.charCodeAt(0) - FIRST;
const VOWEL = new Uint8Array(LETTERS);
for (const c of 'аеиоуыэюя') VOWEL[offset(c)] = 1;
const A = 'а'.charCodeAt(0);
const YA = 'я'.charCodeAt(0);
const N = 'н'.charCodeAt(0);
const I = 'и'.charCodeAt(0);
const SOFT_SIGN = 'ь'.charCodeAt(0);

/** A suffix list; `afterAOrYa` endings only count after а or я (which stay). */
interface Endings {
  plain: readonly string[];
  afterAOrYa?: readonly string[];
}

const endings = (list: string) => list.split(' ');

// The suffix lists of the algorithm, as they appear in its description.
const PERFECTIVE_GERUND: Endings = { afterAOrYa: endings('в вши вшись'), plain: endings('ив ивши ившись ыв ывши ывшись') };
const REFLEXIVE: Endings = { plain: endings('ся сь') };
const ADJECTIVE: Endings = { plain: endings('ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых ую юю ая яя ою ею') };
const PARTICIPLE: Endings = { afterAOrYa: endings('ем нн вш ющ щ'), plain: endings('ивш ывш ующ') };
const VERB: Endings = {
  afterAOrYa: endings('ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно'),
  plain: endings('ила ыла ена ейте уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт ены ить ыть ишь ую ю'),
};
const NOUN: Endings = {
  plain: endings('а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам ом о у ах иях ях ы ь ию ью ю ия ья я'),
};
const DERIVATIONAL: Endings = { plain: endings('ост ость') };
const SUPERLATIVE: Endings = { plain: endings('ейш ейше') };

const PLAIN = 1;
const AFTER_A_OR_YA = 2;

/** Endings in a trie read from a word's end backwards, one row of 32 letters per node. */
class SuffixTrie {
  private readonly next: number[] = [];
  private readonly kinds: number[] = [];

  constructor(endings: Endings) {
    this.node();
    for (const e of endings.plain) this.add(e, PLAIN);
    for (const e of endings.afterAOrYa ?? []) this.add(e, AFTER_A_OR_YA);
  }

  /** The longest ending of text[from, end) as length * 4 + kind; 0 when none. */
  longest(text: string, from: number, end: number): number {
    let node = 0;
    let best = 0;
    for (let i = end - 1; i >= from; i--) {
      const letter = text.charCodeAt(i) - FIRST;
      if (letter < 0 || letter >= LETTERS) break;
      node = this.next[node * LETTERS + letter];
      if (!node) break;
      if (this.kinds[node]) best = (end - i) * 4 + this.kinds[node];
    }
    return best;
  }

  private node(): number {
    for (let i = 0; i < LETTERS; i++) this.next.push(0);
    return this.kinds.push(0) - 1;
  }

  private add(ending: string, kind: number): void {
    let node = 0;
    for (let i = ending.length - 1; i >= 0; i--) {
      const slot = node * LETTERS + offset(ending[i]);
      if (!this.next[slot]) this.next[slot] = this.node();
      node = this.next[slot];
    }
    this.kinds[node] = kind;
  }
}

const TRIES = {
  perfectiveGerund: new SuffixTrie(PERFECTIVE_GERUND),
  reflexive: new SuffixTrie(REFLEXIVE),
  adjective: new SuffixTrie(ADJECTIVE),
  participle: new SuffixTrie(PARTICIPLE),
  verb: new SuffixTrie(VERB),
  noun: new SuffixTrie(NOUN),
  derivational: new SuffixTrie(DERIVATIONAL),
  superlative: new SuffixTrie(SUPERLATIVE),
};

/** The word being stemmed: endings are only ever cut from its end, and only inside RV. */
class Word {
  end: number;
  constructor(
    readonly text: string,
    /** Start of RV: after the first vowel. */
    readonly rv: number,
    /** Start of R2. */
    readonly r2: number,
  ) {
    this.end = text.length;
  }

  /** Length of the longest ending of `trie` inside RV (0 when none). */
  ending(trie: SuffixTrie): number {
    return trie.longest(this.text, this.rv, this.end) >> 2;
  }

  /** Cuts the longest ending of `trie` if its condition holds; Snowball never retries a shorter one. */
  cut(trie: SuffixTrie): boolean {
    const found = trie.longest(this.text, this.rv, this.end);
    if (!found) return false;
    const start = this.end - (found >> 2);
    if ((found & 3) === AFTER_A_OR_YA && !this.endsWith(A, start - 1) && !this.endsWith(YA, start - 1)) return false;
    this.end = start;
    return true;
  }

  endsWith(code: number, at = this.end - 1): boolean {
    return at >= this.rv && this.text.charCodeAt(at) === code;
  }
}

/** Stem of a lower-case Russian word. */
export function stemRussian(text: string): string {
  const { rv, r2 } = regions(text);
  const word = new Word(text, rv, r2);
  // Step 1: a perfective gerund, or else an optional reflexive then an adjectival, verb or noun ending.
  if (!word.cut(TRIES.perfectiveGerund)) {
    word.cut(TRIES.reflexive);
    if (word.cut(TRIES.adjective)) word.cut(TRIES.participle);
    else if (!word.cut(TRIES.verb)) word.cut(TRIES.noun);
  }
  // Step 2: a final и.
  if (word.endsWith(I)) word.end--;
  // Step 3: a derivational ending, wholly inside R2.
  const derivational = word.ending(TRIES.derivational);
  if (derivational && word.end - derivational >= word.r2) word.end -= derivational;
  tidyUp(word);
  return word.end === text.length ? text : text.slice(0, word.end);
}

/** Step 4: a superlative ending goes (and then нн → н), or нн → н, or a final ь goes. */
function tidyUp(word: Word): void {
  const superlative = word.ending(TRIES.superlative);
  if (superlative) {
    word.end -= superlative;
    if (word.endsWith(N) && word.endsWith(N, word.end - 2)) word.end--;
  } else if (word.endsWith(N)) {
    if (word.endsWith(N, word.end - 2)) word.end--;
  } else if (word.endsWith(SOFT_SIGN)) word.end--;
}

/** RV starts after the first vowel; R1 after the first non-vowel that follows a vowel; R2 likewise in R1. */
function regions(text: string): { rv: number; r2: number } {
  const n = text.length;
  const rv = pastNext(text, 0, true);
  if (rv < 0) return { rv: n, r2: n };
  const r1 = pastNext(text, rv, false);
  const inR1 = r1 < 0 ? -1 : pastNext(text, r1, true);
  const r2 = inR1 < 0 ? -1 : pastNext(text, inR1, false);
  return { rv, r2: r2 < 0 ? n : r2 };
}

/** Index after the first vowel (or non-vowel) at or after `from`, or -1. */
function pastNext(text: string, from: number, vowel: boolean): number {
  for (let i = from; i < text.length; i++) if (isVowel(text.charCodeAt(i)) === vowel) return i + 1;
  return -1;
}

function isVowel(code: number): boolean {
  const letter = code - FIRST;
  return letter >= 0 && letter < LETTERS && VOWEL[letter] === 1;
}
