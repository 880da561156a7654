// Character classes as tables over UTF-16 code units, for the hand-written text scanners: reading a
// table is far cheaper than a Unicode regex test per character. Each table is filled once by the
// very regex it stands for, so both agree by construction; characters outside the BMP (a surrogate
// pair) are asked of the regex, once per code point.

/** text.charCodeAt(i), NaN past either end as well, but without reading there: a read out of a
 *  string's bounds deoptimises the scanner it is in (seen in the emoji and word scans), which is then
 *  compiled again for such reads. */
export function unitAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : NaN;
}

// Every BMP code unit that is not a surrogate, in order; `codeAt` maps an index back.
const BMP = (() => {
  const units: string[] = [];
  for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) units.push(String.fromCharCode(c));
  return units.join('');
})();
const codeAt = (index: number) => (index < 0xd800 ? index : index + 0x800);

const IN = 1; // (0: not in the class)
const PAIR = 2; // a high surrogate: decode the pair and ask the regex

/** The code points one single-character regex matches. */
export class CharClass {
  private readonly table = new Uint8Array(0x10000);
  private readonly astral = new Map<number, boolean>();

  constructor(readonly pattern: RegExp) {
    for (const m of BMP.matchAll(new RegExp(pattern.source, `${pattern.flags}g`))) this.table[codeAt(m.index)] = IN;
    this.table.fill(PAIR, 0xd800, 0xdc00);
  }

  /** Whether a BMP code unit is in the class (a surrogate half never is). */
  has(code: number): boolean {
    return this.table[code] === IN;
  }

  /** The BMP code units in the class, each as a string. */
  units(): string[] {
    const out: string[] = [];
    for (let code = 0; code < 0x10000; code++) if (this.table[code] === IN) out.push(String.fromCharCode(code));
    return out;
  }

  /** Length (1 or 2) of the code point at i when it is in the class, else 0 (also past the end). */
  at(text: string, i: number): number {
    if (i >= text.length) return 0; // (a NaN index would also send the table read down a slow path)
    const entry = this.table[text.charCodeAt(i)];
    return entry === PAIR ? this.pairAt(text, i) : entry;
  }

  /** Index after the run of class members that starts at i. (`at` unrolled into the loop: runs
   *  of letters are what the scanners spend their time in.) */
  end(text: string, i: number): number {
    const { table } = this;
    while (i < text.length) {
      const entry = table[text.charCodeAt(i)];
      if (entry === IN) i++;
      else if (entry === PAIR && this.pairAt(text, i)) i += 2;
      else break;
    }
    return i;
  }

  private pairAt(text: string, i: number): number {
    const low = unitAt(text, i + 1);
    if (!(low >= 0xdc00 && low <= 0xdfff)) return 0; // a lone surrogate matches nothing
    const codePoint = (text.charCodeAt(i) - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
    let hit = this.astral.get(codePoint);
    if (hit === undefined) this.astral.set(codePoint, (hit = this.pattern.test(String.fromCodePoint(codePoint))));
    return hit ? 2 : 0;
  }
}

export const LETTER = new CharClass(/\p{L}/u);
export const LETTER_OR_NUMBER = new CharClass(/[\p{L}\p{N}]/u);
/** JavaScript's \s, which is also what String.prototype.trim removes. */
export const SPACE = new CharClass(/\s/u);
/** The emoji stripMarkup removes (pictographs, skin tones, VS16, ZWJ, keycap, flag letters). */
export const EMOJI = new CharClass(/[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}\u{200D}\u{20E3}\u{1F1E6}-\u{1F1FF}]/u);
export const CYRILLIC = new CharClass(/\p{Script=Cyrillic}/u);

// Lower case by table: toLowerCase is a runtime call per string, slow for non-Latin text, and most
// texts are made of units whose lower case is one unit whatever surrounds them. The table is filled
// by toLowerCase itself; Σ (whose lower case depends on what follows) and units that lower to two
// (İ) are not in it, nor are surrogates (see caseFreeAt).
export const NO_LOWER_BY_TABLE = 0xffff;
const SIGMA = 0x3a3;
export const LOWER = (() => {
  const table = new Uint16Array(0x10000).fill(NO_LOWER_BY_TABLE);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const lower = String.fromCharCode(c).toLowerCase();
    if (lower.length === 1 && c !== SIGMA) table[c] = lower.charCodeAt(0);
  }
  return table;
})();
const astralCaseFree = new Map<number, boolean>();

/** Whether the code point at i (a high surrogate) is its own lower case (lone surrogates are). */
export function caseFreeAt(text: string, i: number): boolean {
  const low = unitAt(text, i + 1);
  if (!(low >= 0xdc00 && low <= 0xdfff)) return true;
  const codePoint = (text.charCodeAt(i) - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  let free = astralCaseFree.get(codePoint);
  if (free === undefined) {
    const char = String.fromCodePoint(codePoint);
    astralCaseFree.set(codePoint, (free = char.toLowerCase() === char));
  }
  return free;
}

// A decoder call is cheaper than String.fromCharCode over the units, but it would turn a lone
// surrogate into U+FFFD, and it reads bytes, so it needs a little-endian machine for Uint16Array.
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The string of units[0, length); `noSurrogates`: none of them is half of a pair (or a lone half). */
export function codeUnitsToString(units: Uint16Array, length: number, noSurrogates = false): string {
  if (length === 0) return '';
  if (noSurrogates && LITTLE_ENDIAN) return UTF16.decode(units.subarray(0, length));
  const CHUNK = 4096; // (apply's argument count is bounded)
  let out = '';
  for (let from = 0; from < length; from += CHUNK) {
    const chunk = units.subarray(from, Math.min(length, from + CHUNK));
    out += String.fromCharCode.apply(null, chunk as unknown as number[]); // (apply takes array-likes; spreading one is slow)
  }
  return out;
}
