// Language of a post: 'ru' | 'en' | 'other'. Telegram news posts are short and full of things that
// are not words: link targets, @mentions, t.me invites, code. Those go first; then the letters that
// are left decide by script. Cyrillic is Russian unless the text clearly is another Cyrillic language:
// letters Russian lacks (Ukrainian і ї є ґ, Belarusian ў, Serbian/Macedonian ј љ њ ђ ћ џ ѓ ќ ѕ,
// Kazakh and other Turkic ә ғ қ ң ө ұ ү һ …), or Bulgarian words and spellings that outnumber the
// Russian ones. franc-min is asked only about long Latin text, restricted to a short list (unrestricted
// it calls short Russian "srp" and English "nld").
// Figures: `npm run bench -- language` over tests/fixtures/language (real posts, labelled by hand).
import { franc } from 'franc-min';

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
const NOT_WORD_HINTS = [/```/, /`/, /\]\(/, /https?:\/\/|www\./i, /@/, /\//, /@/];

const NON_RUSSIAN_CYRILLIC = /[іїєґўђјљњћџѓќѕәғқңөұүһҗӣӯҳҷӊ]/giu;
const FOREIGN_WORD = /\p{L}*[іїєґўђјљњћџѓќѕәғқңөұүһҗӣӯҳҷӊ]\p{L}*/giu;
// Russian spellings: ы э ё, adjective and reflexive endings Bulgarian doesn't have, common words
// Bulgarian doesn't use.
const RUSSIAN_EVIDENCE =
  /[ыэё]|\p{L}+(?:ого|его|ться|тся)(?!\p{L})|(?<!\p{L})(?:что|это|как|для|его|был|была|были|или|уже|только|когда|чтобы|также)(?!\p{L})/giu;
// Bulgarian: ъ before a consonant or at a word's end (Russian writes it only before е ё ю я), and
// words Russian doesn't have.
const BULGARIAN_EVIDENCE =
  /ъ(?=[бвгджзйклмнпрстфхцчшщ]|(?!\p{L}))|(?<!\p{L})(?:че|ще|са|се|във|със|към|това|този|тази|които|който|която|беше|няма|някой|защото|обаче|сега|днес)(?!\p{L})/giu;

export function detectLanguage(text: string): Language {
  let words = text;
  for (let i = 0; i < NOT_WORDS.length; i++) if (NOT_WORD_HINTS[i].test(words)) words = words.replace(NOT_WORDS[i], ' ');
  let cyrillic = 0;
  let latin = 0;
  let other = 0;
  for (let i = 0; i < words.length; i++) {
    const code = words.charCodeAt(i);
    const folded = code | 0x20; // fold ASCII case
    if (folded >= 0x61 && folded <= 0x7a) latin++;
    else if (code >= 0x400 && code <= 0x52f) cyrillic++;
    else if (code >= 0xc0 && code <= 0x24f) latin++;
    else if (code > 0x24f && /\p{L}/u.test(words[i])) other++;
  }
  const total = cyrillic + latin + other;
  if (total < 2) return 'other';
  // Russian posts about software are full of Latin names ("Kubernetes", "ClusterIP"): a quarter of
  // the letters in Cyrillic, or two Cyrillic words, make the post Cyrillic.
  const cyrillicWords = (words.match(/\p{Script=Cyrillic}{2,}/gu) ?? []).length;
  if (cyrillic >= 2 && (cyrillic / total >= 0.25 || cyrillicWords >= 2)) return cyrillicLanguage(words, cyrillic);
  if (latin / total >= 0.5) {
    if (latin < FRANC_MIN_LETTERS) return looksEnglish(words) ? 'en' : 'other';
    const guess = franc(words.slice(0, FRANC_SAMPLE), { only: LATIN_PEERS, minLength: 10 });
    return guess === 'eng' || guess === 'und' ? 'en' : 'other';
  }
  return 'other';
}

/** Cyrillic text: Russian unless another Cyrillic language shows clearly. */
function cyrillicLanguage(words: string, cyrillic: number): Language {
  const foreign = (words.match(NON_RUSSIAN_CYRILLIC) ?? []).length;
  // Such letters in two words at least, and 1.5% of the letters: one "Києві" quoted in a Russian
  // post is not enough.
  const foreignWords = foreign === 0 ? 0 : (words.match(FOREIGN_WORD) ?? []).length;
  if (foreignWords >= 2 && foreign / cyrillic >= 0.015) return 'other';
  const bulgarian = (words.match(BULGARIAN_EVIDENCE) ?? []).length;
  if (bulgarian >= 2) {
    const russian = (words.match(RUSSIAN_EVIDENCE) ?? []).length;
    if (bulgarian > russian) return 'other';
  }
  return 'ru';
}

// Short Latin text: English if it uses one of the commonest English function words, or has no
// diacritics at all (headlines often have no function words).
const ENGLISH_MARKERS = new Set(['the', 'a', 'an', 'of', 'to', 'in', 'and', 'is', 'for', 'on', 'with', 'says', 'after', 'by']);
function looksEnglish(text: string): boolean {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.some((w) => ENGLISH_MARKERS.has(w))) return true;
  return !/[à-ÿœßğşı]/iu.test(text);
}
