// Character classes as tables over UTF-16 code units, for the hand-written text scanners: reading a
// table is far cheaper than a Unicode regex test per character. Each table is filled once by the
// very regex it stands for, so both agree by construction; characters outside the BMP (a surrogate
// pair) are asked of the regex, once per code point.

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
    const low = text.charCodeAt(i + 1);
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
