// Language of a post: 'ru' | 'en' | 'other'. Telegram news posts are short and full of things that
// are not words: link targets, @mentions, t.me invites, code. Those go first; then the letters that
// are left decide by script. Cyrillic is Russian unless the text clearly is another Cyrillic language:
// letters Russian lacks (Ukrainian і ї є ґ, Belarusian ў, Serbian/Macedonian ј љ њ ђ ћ џ ѓ ќ ѕ,
// Kazakh and other Turkic ә ғ қ ң ө ұ ү һ …), or Bulgarian words and spellings that outnumber the
// Russian ones. franc-min is asked only about long Latin text, restricted to a short list (unrestricted
// it calls short Russian "srp" and English "nld").
// Figures: `npm run bench -- language` over tests/fixtures/language (real posts, labelled by hand).
import { franc } from 'franc-min';
import { CharClass, LETTER } from './chars';

export type Language = 'ru' | 'en' | 'other';

const LATIN_PEERS = ['eng', 'deu', 'fra', 'spa', 'ita', 'por', 'nld', 'pol', 'tur'];
// Below this many letters franc's trigrams are noise: trust the script alone.
const FRANC_MIN_LETTERS = 60;
const FRANC_SAMPLE = 400; // characters: enough for franc, keeps long posts cheap

/** Not language: code, markdown link targets, URLs (with or without a scheme), e-mails, @mentions. */
const NOT_WORDS = [
  /```[\s\S]*?```/g,
  /`[^`\n]*`/g,
  /\]\([^)\s]*\)/g,
  /\b(?:https?:\/\/|www\.)\S+/gi,
  /\b[\w.-]+@[\w-]+(?:\.[\w-]+)+/g,
  /\b(?:[a-z0-9-]+\.)+(?:ru|com|org|net|io|me|ly|ge|ua|by|kz|su|рф|info|dev|co|app|tv)\/\S*/gi,
  /@\w+/g,
];

// A cheap test per pattern: a text without the hint cannot match it (so the replace is skipped).
const NOT_WORD_HINTS: ((text: string) => boolean)[] = [
  (t) => t.includes('```'),
  (t) => t.includes('`'),
  (t) => t.includes(']('),
  (t) => /https?:\/\/|www\./i.test(t),
  (t) => t.includes('@'),
  (t) => t.includes('/'),
  (t) => t.includes('@'),
];

const NON_RUSSIAN_CYRILLIC = /[іїєґўђјљњћџѓќѕәғқңөұүһҗӣӯҳҷӊ]/iu;
// All in the BMP, so counting code units counts them as the regex would.
const NON_RUSSIAN_LETTER = new CharClass(NON_RUSSIAN_CYRILLIC);
const FOREIGN_WORD = /\p{L}*[іїєґўђјљњћџѓќѕәғқңөұүһҗӣӯҳҷӊ]\p{L}*/giu;
// Russian spellings: ы э ё, adjective and reflexive endings Bulgarian doesn't have, common words
// Bulgarian doesn't use.
const RUSSIAN_EVIDENCE =
  /[ыэё]|\p{L}+(?:ого|его|ться|тся)(?!\p{L})|(?<!\p{L})(?:что|это|как|для|его|был|была|были|или|уже|только|когда|чтобы|также)(?!\p{L})/giu;
// Bulgarian: ъ before a consonant or at a word's end (Russian writes it only before е ё ю я), and
// words Russian doesn't have. Counted as the matches of
//   /ъ(?=[бвгджзйклмнпрстфхцчшщ]|(?!\p{L}))|(?<!\p{L})(?:че|ще|…|днес)(?!\p{L})/giu
// by a scan over runs of letters (that regex tries its lookbehind at every position).
const BULGARIAN_WORDS = 'че ще са се във със към това този тази които който която беше няма някой защото обаче сега днес'.split(' ');
const BULGARIAN_WORD = new RegExp(`^(?:${BULGARIAN_WORDS.join('|')})$`, 'iu');
const LONGEST_BULGARIAN_WORD = Math.max(...BULGARIAN_WORDS.map((w) => w.length));
// Most runs are made of а…я and А…Я only: those are compared as numbers (base 33, one digit per
// letter, case folded), anything else by the regex, which knows the rarer case-insensitive equivalents.
const BULGARIAN_WORD_CODES = new Set(BULGARIAN_WORDS.map((w) => russianLettersCode(w, 0, w.length)));
const BULGARIAN_WORD_START = new CharClass(new RegExp(`[${BULGARIAN_WORDS.map((w) => w[0]).join('')}]`, 'iu'));
const HARD_SIGN = new CharClass(/ъ/iu);
const HARD_SIGN_UNITS = HARD_SIGN.units();
const BULGARIAN_CONSONANT = new CharClass(/[бвгджзйклмнпрстфхцчшщ]/iu);

// How each code unit counts, by a table read instead of a branch per range (a text switches script
// and between letters and spaces too often for branches to be predicted).
const LATIN_LETTER = 1; // (0: no letter)
const CYRILLIC_LETTER = 2;
const OTHER_LETTER = 3;
const SCRIPT_OF = new Uint8Array(0x10000);
/** 1 for a letter Russian lacks (see NON_RUSSIAN_CYRILLIC), else 0. */
const FOREIGN = new Uint8Array(0x10000);
for (let code = 0; code < 0x10000; code++) {
  const folded = code | 0x20; // fold ASCII case
  if ((folded >= 0x61 && folded <= 0x7a) || (code >= 0xc0 && code <= 0x24f)) SCRIPT_OF[code] = LATIN_LETTER;
  else if (code >= 0x400 && code <= 0x52f) SCRIPT_OF[code] = CYRILLIC_LETTER;
  else if (code > 0x24f && LETTER.has(code)) SCRIPT_OF[code] = OTHER_LETTER; // (a surrogate half is no letter, as in a regex test of one unit)
  FOREIGN[code] = code > 0x24f && NON_RUSSIAN_LETTER.has(code) ? 1 : 0;
}
const scriptCounts = new Int32Array(4);

export function detectLanguage(text: string): Language {
  let words = text;
  for (let i = 0; i < NOT_WORDS.length; i++) if (NOT_WORD_HINTS[i](words)) words = words.replace(NOT_WORDS[i], ' ');
  const counts = scriptCounts.fill(0);
  let foreign = 0;
  for (let i = 0; i < words.length; i++) {
    const code = words.charCodeAt(i);
    counts[SCRIPT_OF[code]]++;
    foreign += FOREIGN[code];
  }
  const cyrillic = counts[CYRILLIC_LETTER];
  const latin = counts[LATIN_LETTER];
  const other = counts[OTHER_LETTER];
  const total = cyrillic + latin + other;
  if (total < 2) return 'other';
  // Russian posts about software are full of Latin names ("Kubernetes", "ClusterIP"): a quarter of
  // the letters in Cyrillic, or two Cyrillic words, make the post Cyrillic.
  const isCyrillic = cyrillic >= 2 && (cyrillic / total >= 0.25 || (words.match(/\p{Script=Cyrillic}{2,}/gu) ?? []).length >= 2);
  if (isCyrillic) return cyrillicLanguage(words, cyrillic, foreign);
  if (latin / total >= 0.5) {
    if (latin < FRANC_MIN_LETTERS) return looksEnglish(words) ? 'en' : 'other';
    const guess = franc(words.slice(0, FRANC_SAMPLE), { only: LATIN_PEERS, minLength: 10 });
    return guess === 'eng' || guess === 'und' ? 'en' : 'other';
  }
  return 'other';
}

/** Cyrillic text (with `foreign` letters Russian lacks): Russian unless another language shows clearly. */
function cyrillicLanguage(words: string, cyrillic: number, foreign: number): Language {
  // Such letters in two words at least, and 1.5% of the letters: one "Києві" quoted in a Russian
  // post is not enough.
  const foreignWords = foreign === 0 ? 0 : (words.match(FOREIGN_WORD) ?? []).length;
  if (foreignWords >= 2 && foreign / cyrillic >= 0.015) return 'other';
  const bulgarian = bulgarianEvidence(words);
  if (bulgarian >= 2) {
    const russian = (words.match(RUSSIAN_EVIDENCE) ?? []).length;
    if (bulgarian > russian) return 'other';
  }
  return 'ru';
}

/** text[start, end) (at most 6 letters) as a number, when it is made of а…я / А…Я only; else -1. */
function russianLettersCode(text: string, start: number, end: number): number {
  let code = 0;
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    const letter = unit >= 0x430 ? unit - 0x42f : unit - 0x40f; // а or А = 1 … я or Я = 32
    if (letter < 1 || letter > 32) return -1;
    code = code * 33 + letter;
  }
  return code;
}

/** Matches of the Bulgarian evidence regex above (exported for tests). */
export function bulgarianEvidence(text: string): number {
  // Nine posts in ten have no ъ at all: their runs of letters need no look at each letter.
  const anyHardSign = HARD_SIGN_UNITS.some((unit) => text.includes(unit));
  let count = 0;
  for (let i = 0; i < text.length; ) {
    if (!LETTER.at(text, i)) {
      i++;
      continue;
    }
    const start = i;
    i = LETTER.end(text, i);
    const hardSign = anyHardSign && hasHardSign(text, start, i);
    if (hardSign || i - start <= LONGEST_BULGARIAN_WORD) count += bulgarianEvidenceInWord(text, start, i, hardSign);
  }
  return count;
}

/** Whether text[start, end) holds a ъ (neither half of a surrogate pair is one). */
function hasHardSign(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (HARD_SIGN.has(text.charCodeAt(i))) return true;
  return false;
}

/** Evidence in the letter run text[start, end): the whole run as a word, or else each telling ъ. */
function bulgarianEvidenceInWord(text: string, start: number, end: number, hardSign: boolean): number {
  // No listed word starts with ъ, so the ъ alternative never takes a listed word's first letter.
  // (Most runs are told apart by their first letter, before any look at the others.)
  if (end - start <= LONGEST_BULGARIAN_WORD && BULGARIAN_WORD_START.has(text.charCodeAt(start))) {
    const code = russianLettersCode(text, start, end);
    const isWord = code >= 0 ? BULGARIAN_WORD_CODES.has(code) : BULGARIAN_WORD.test(text.slice(start, end));
    if (isWord) return 1;
  }
  if (!hardSign) return 0;
  let count = 0;
  for (let i = start; i < end; i++) {
    if (HARD_SIGN.has(text.charCodeAt(i)) && (i + 1 === end || BULGARIAN_CONSONANT.has(text.charCodeAt(i + 1)))) count++;
  }
  return count;
}

// Short Latin text: English if it uses one of the commonest English function words, or has no
// diacritics at all (headlines often have no function words).
const ENGLISH_MARKERS = new Set(['the', 'a', 'an', 'of', 'to', 'in', 'and', 'is', 'for', 'on', 'with', 'says', 'after', 'by']);
function looksEnglish(text: string): boolean {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.some((w) => ENGLISH_MARKERS.has(w))) return true;
  return !/[à-ÿœßğşı]/iu.test(text);
}
