// What a Russian and an English post of one story have in common: names (Песков / Peskov, Асад /
// Assad, Тбилиси / Tbilisi) and numbers, rarely anything else. Each capitalised word gets a
// language-neutral key: transliterated to Latin, then cut to its first letter and a consonant
// skeleton in sound classes, so that spellings across scripts meet (Шольц → sholz → s42, Scholz →
// s42). Numbers of two digits or more are keys as they are. The index (topic-index.ts) compares a
// post's keys only with posts in another language, so clustering within one language never changes.
import type { Language } from '../text/language';
import type { WordSpans } from '../text/tokenize';
import { ENGLISH_STOPWORDS, RUSSIAN_STOPWORDS } from '../text/stopwords';
import { WordCache } from '../text/word-cache';
import { nameBase } from './names';

const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'z', ч: 'ch', ш: 'sh', щ: 'sh',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u', ј: 'y',
};
// Spellings of one sound, longest first: German "sch", Russian "zh"/"kh" transliterated, "ts"/"tz" as ц.
const DIGRAPH = /sch|sh|dzh|zh|tch|ch|kh|gh|ph|th|ck|ts|tz/g;
const SOUND_OF: Record<string, string> = { sch: 's', sh: 's', dzh: 'z', zh: 'z', tch: 'c', ch: 'c', kh: 'h', gh: 'h', ph: 'f', th: 't', ck: 'k', ts: 'z', tz: 'z' };
const soundOf = (digraph: string) => SOUND_OF[digraph];
// Sound classes of consonants (as Soundex groups them); vowels, y and h carry none.
const CLASS_OF: Record<string, string> = {
  b: '1', p: '1', f: '1', v: '1', w: '1',
  c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2',
  d: '3', t: '3',
  l: '4',
  m: '5', n: '5',
  r: '6',
};
const LONGEST_KEY = 5;
const CYRILLIC_WORD = /[а-яёіїєґўј]/;
const NOT_ASCII = /[^\x00-\x7f]/;
const NOT_LATIN_LETTER = /[^a-z]+/g;
const MARK = '~';
const NUMBER_MARK = '#';

/** The neutral key of one capitalised word ('' when it has none: too short, or no letters left). */
export function neutralKeyOf(word: string): string {
  const lower = word.toLowerCase();
  // A capitalised stopword opens a sentence ("The", "Это"): it names nothing.
  if (ENGLISH_STOPWORDS.has(lower) || RUSSIAN_STOPWORDS.has(lower)) return '';
  let latin = '';
  if (CYRILLIC_WORD.test(lower)) {
    const base = nameBase(lower.replace(/ё/g, 'е'));
    for (let i = 0; i < base.length; i++) latin += CYRILLIC_TO_LATIN[base[i]] ?? base[i];
  } else latin = NOT_ASCII.test(lower) ? lower.normalize('NFD') : lower; // é → e + accent (dropped below)
  latin = latin.replace(NOT_LATIN_LETTER, '').replace(DIGRAPH, soundOf);
  if (latin.length < 3) return '';
  // The first letter as it is (a vowel as 0), as Soundex keeps it: Putin p-35 is not Biden b-35.
  // A "c" is the k or s it sounds like (Canada / Канада, Cyrus / Сайрус).
  const first = latin[0] === 'c' ? (/[eiy]/.test(latin[1]) ? 's' : 'k') : latin[0];
  let last = CLASS_OF[first];
  let key = last === undefined ? '0' : first;
  for (let i = 1; i < latin.length && key.length < LONGEST_KEY; i++) {
    const sound = CLASS_OF[latin[i]];
    if (sound === undefined) continue;
    if (sound !== last) key += sound;
    last = sound;
  }
  return key.length >= 2 ? MARK + key : '';
}

const keysOfWords = new WordCache(neutralKeyOf);

/** The neutral key of text[start, end), a capitalised word (worked out once per word). */
export function neutralKeyAt(text: string, start: number, end: number): string {
  return keysOfWords.valueOf(text, start, end);
}

/** A post's neutral keys, each once: those of its capitalised words, and its numbers of two
 *  digits or more ("34 человека" / "34 people", "51-м штатом" / "51st state", "19:17"), read off
 *  its words (a number is a word: tokenize.ts). */
export function neutralKeys(wordKeys: string[], words: WordSpans): string[] {
  const keys: string[] = [];
  for (const key of wordKeys) if (!keys.includes(key)) keys.push(key); // (a few: no Set)
  const { text, starts, ends, count } = words;
  for (let k = 0; k < count; k++) {
    let i = starts[k];
    if (!isDigit(text.charCodeAt(i))) continue;
    while (i < ends[k] && text.charCodeAt(i) === 48) i++; // leading zeros: "007" is 7
    const from = i;
    while (i < ends[k] && isDigit(text.charCodeAt(i))) i++;
    if (i - starts[k] < 2 || i === from) continue;
    const key = NUMBER_MARK + text.slice(from, i);
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Languages compared with each other: Russian and English, told apart by script. ('other' is every
 *  other language and also short or mixed texts of these two, which would meet their own kind.) */
export function comparedAcross(language: Language): boolean {
  return language === 'ru' || language === 'en';
}

export function isNumberKey(key: string): boolean {
  return key.charCodeAt(0) === 35; // NUMBER_MARK
}

/** What the index needs of a post to compare it across languages. */
export interface NeutralPost<T> {
  item: T;
  language: Language;
  keys: readonly string[];
  /** Set while it is in the index; cleared when it leaves (the lists drop it lazily). */
  live: boolean;
}

/** One language's live posts with one key: an append-only list, compacted once half of it left. */
interface KeyList<T> {
  posts: NeutralPost<T>[];
  live: number;
}

/**
 * Live posts by language and neutral key, with each key's document frequency over all languages
 * (rare keys weigh more: a name in two posts says more than "Россия" / "Russia"). Lists, not sets,
 * and the frequencies summed from them when asked: every post of the window goes in and out, few
 * are ever looked up.
 */
export class NeutralIndex<T> {
  private readonly byLanguage = new Map<Language, Map<string, KeyList<T>>>();
  private readonly postsOf = new Map<Language, number>();
  private live = 0;

  add(post: NeutralPost<T>): void {
    let lists = this.byLanguage.get(post.language);
    if (!lists) this.byLanguage.set(post.language, (lists = new Map()));
    post.live = true;
    for (const key of post.keys) {
      const list = lists.get(key);
      if (list) {
        list.posts.push(post);
        list.live++;
      } else lists.set(key, { posts: [post], live: 1 });
    }
    this.postsOf.set(post.language, (this.postsOf.get(post.language) ?? 0) + 1);
    this.live++;
  }

  remove(post: NeutralPost<T>): void {
    if (!post.live) return;
    post.live = false;
    const lists = this.byLanguage.get(post.language)!;
    for (const key of post.keys) {
      const list = lists.get(key)!;
      if (--list.live === 0) lists.delete(key);
      else if (list.live * 2 < list.posts.length) list.posts = list.posts.filter((p) => p.live);
    }
    this.postsOf.set(post.language, this.postsOf.get(post.language)! - 1);
    this.live--;
  }

  /** Whether any live post is in a language other than `language` (else there is nothing to compare). */
  hasOtherThan(language: Language): boolean {
    return (this.postsOf.get(language) ?? 0) < this.live;
  }

  /** How much a shared key says, from 0 (in every post) to 1 (in one): ln(posts / posts with the
   *  key) / ln(posts), so the same evidence weighs the same in a quiet hour and a busy window. */
  weight(key: string): number {
    if (this.live < 2) return 0;
    let df = 0;
    for (const lists of this.byLanguage.values()) df += lists.get(key)?.live ?? 0;
    return Math.log(this.live / Math.max(1, df)) / Math.log(this.live);
  }

  /**
   * Posts in other languages than `language` that share at least `minShared` of `keys`, one of them
   * a word's key, with the summed weights of what they share.
   */
  matches(language: Language, keys: readonly string[], minShared: number): { post: NeutralPost<T>; weight: number }[] {
    const found = new Map<NeutralPost<T>, { weight: number; shared: number; words: number }>();
    for (const [other, lists] of this.byLanguage) {
      if (other === language) continue;
      for (const key of keys) {
        const list = lists.get(key);
        if (!list) continue;
        const weight = this.weight(key);
        const word = isNumberKey(key) ? 0 : 1;
        for (const post of list.posts) {
          if (!post.live) continue;
          const sum = found.get(post);
          if (sum) {
            sum.weight += weight;
            sum.shared++;
            sum.words += word;
          } else found.set(post, { weight, shared: 1, words: word });
        }
      }
    }
    const out: { post: NeutralPost<T>; weight: number }[] = [];
    for (const [post, sum] of found) if (sum.shared >= minShared && sum.words >= 1) out.push({ post, weight: sum.weight });
    return out;
  }
}
