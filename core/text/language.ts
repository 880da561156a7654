// Language of a post: 'ru' | 'en' | 'other'. Letter counts by script and a few letters unique to
// neighbouring languages decide almost every case cheaply; franc-min is consulted only when the
// script alone cannot tell (long Latin text, or Cyrillic without Russian-only letters), and then
// restricted to a short list, because unrestricted it calls short Russian "srp" and English "nld".
import { franc } from 'franc-min';

export type Language = 'ru' | 'en' | 'other';

const CYRILLIC_PEERS = ['rus', 'ukr', 'bel', 'bul', 'srp', 'mkd'];
const LATIN_PEERS = ['eng', 'deu', 'fra', 'spa', 'ita', 'por', 'nld', 'pol', 'tur'];
// Below this many letters franc's trigrams are noise: trust the script alone.
const FRANC_MIN_LETTERS = 60;
const FRANC_SAMPLE = 400; // characters: enough for franc, keeps long posts cheap
// Cyrillic letters absent from Russian (Ukrainian, Belarusian, Serbian, Macedonian).
const NON_RUSSIAN_CYRILLIC = /[іїєґўђјљњћџѓќѕ]/giu;
// Letters Russian uses often and Bulgarian never does.
const RUSSIAN_ONLY = /[ыэё]/iu;

export function detectLanguage(text: string): Language {
  let cyrillic = 0;
  let latin = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20; // fold ASCII case
    if (c >= 0x61 && c <= 0x7a) latin++;
    else if (text.charCodeAt(i) >= 0x400 && text.charCodeAt(i) <= 0x4ff) cyrillic++;
    else if (text.charCodeAt(i) >= 0xc0 && text.charCodeAt(i) <= 0x24f) latin++;
    else if (text.charCodeAt(i) > 0x24f && /\p{L}/u.test(text[i])) other++;
  }
  const total = cyrillic + latin + other;
  if (total < 3) return 'other';
  if (cyrillic >= latin && cyrillic / total >= 0.4) {
    const foreign = (text.match(NON_RUSSIAN_CYRILLIC) ?? []).length;
    if (foreign / cyrillic > 0.02) return 'other';
    if (cyrillic < FRANC_MIN_LETTERS || RUSSIAN_ONLY.test(text)) return 'ru';
    const guess = franc(text.slice(0, FRANC_SAMPLE), { only: CYRILLIC_PEERS, minLength: 10 });
    return guess === 'rus' || guess === 'und' ? 'ru' : 'other';
  }
  if (latin / total >= 0.5) {
    if (latin < FRANC_MIN_LETTERS) return looksEnglish(text) ? 'en' : 'other';
    const guess = franc(text.slice(0, FRANC_SAMPLE), { only: LATIN_PEERS, minLength: 10 });
    return guess === 'eng' || guess === 'und' ? 'en' : 'other';
  }
  return 'other';
}

// Short Latin text: English if it uses one of the commonest English function words, or has no
// diacritics at all (headlines often have no function words).
const ENGLISH_MARKERS = new Set(['the', 'a', 'an', 'of', 'to', 'in', 'and', 'is', 'for', 'on', 'with', 'says', 'after', 'by']);
function looksEnglish(text: string): boolean {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.some((w) => ENGLISH_MARKERS.has(w))) return true;
  return !/[à-ÿœßğşı]/iu.test(text);
}
