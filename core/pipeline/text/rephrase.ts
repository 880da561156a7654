// The offline rephraser's first pass over an extracted sentence: word swaps from the lexicon,
// number words as digits, units spelled out, and a trailing attribution ("…, сообщил ТАСС")
// moved to the front. Every change keeps the facts; quoted speech is never touched.
import { stem } from '../../text/stem';
import { ENGLISH_STOPWORDS, RUSSIAN_STOPWORDS } from '../../text/stopwords';
import { NUMBER_WORDS, SENTENCE_OPENERS, SWAPS, type Swap } from './lexicon';
import { QUALIFYING_CLAUSE, hasVerbWord } from './verb-forms';
import { foldWord, wordSpans } from './word-spans';

export type TextLang = 'ru' | 'en';

export interface RephraseContext {
  lang: TextLang;
  /** Words seen in lower case inside sentences: a capital on them is only the sentence's start. */
  lowerWords: Set<string>;
  /** Words seen capitalised inside sentences: names, which keep their capital anywhere. */
  nameWords: Set<string>;
  /** Stems of `lowerWords`: "Момент" is common when "моментом" was seen. */
  lowerStems?: Set<string>;
}

export function rephrase(sentence: string, ctx: RephraseContext): string {
  const moved = moveAttributionToFront(sentence, ctx).replace(CHATTER_ASIDE, '');
  return tidy(spellUnits(applySwaps(moved, ctx.lang), ctx.lang));
}

// The channel chatting inside a sentence ("Катюша, к слову, быстро учится"): the fact goes without it.
const CHATTER_ASIDE = /,\s(?:к слову|кстати|by the way),(?=\s)/giu;

/** Character ranges inside quotes, where words are someone's own and stay as they are. */
export function quotedRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/«[^»]*»|"[^"]*"|“[^”]*”/g)) out.push([m.index, m.index + m[0].length]);
  return out;
}

export function inRanges(at: number, ranges: [number, number][]): boolean {
  return ranges.some(([a, b]) => at >= a && at < b);
}

const swapIndex = new Map<TextLang, Map<string, { swap: Swap; re: RegExp }[]>>();

function indexFor(lang: TextLang): Map<string, { swap: Swap; re: RegExp }[]> {
  let index = swapIndex.get(lang);
  if (index) return index;
  index = new Map();
  for (const swap of SWAPS[lang]) {
    const parts = swap.from.split(/\s+/);
    const pattern = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/е/g, '[её]')).join('\\s+');
    const tail =
      swap.when === 'beforeDigit' ? '(?=\\s+\\d)' : swap.when === 'notBeforeDigit' ? '(?![\\p{L}\\p{N}])(?!\\s+\\d)' : '(?![\\p{L}\\p{N}])';
    const re = new RegExp(pattern + tail, 'iuy');
    const first = parts[0].replace(/,$/, '');
    const list = index.get(first) ?? [];
    list.push({ swap, re });
    list.sort((a, b) => b.swap.from.length - a.swap.from.length);
    index.set(first, list);
  }
  swapIndex.set(lang, index);
  return index;
}

// "сорок шесть" is one number: its last word alone as a digit would read "сорок 6".
const TENS =
  /^(?:двадцат|тридцат|сорок|пятьдесят|пятидесят|шестьдесят|шестидесят|семьдесят|семидесят|восемьдесят|восьмидесят|девяност|сто|ста|двест|двухсот|трист|трехсот|трёхсот|четырест|пятьсот|пятисот|шестьсот|семьсот|восемьсот|девятьсот|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)/iu;

/** One left-to-right pass: each place is swapped at most once, so pairs never undo each other. */
export function applySwaps(text: string, lang: TextLang): string {
  const index = indexFor(lang);
  const quoted = quotedRanges(text);
  const numbers = NUMBER_WORDS[lang];
  let out = '';
  let at = 0;
  let prevWord = '';
  for (const span of wordSpans(text)) {
    if (span.start < at) continue;
    if (inRanges(span.start, quoted)) {
      prevWord = span.word;
      continue;
    }
    const hit = (index.get(span.word) ?? []).find(({ swap, re }) => {
      if (!fits(swap, text, span.start, prevWord)) return false;
      re.lastIndex = span.start;
      return re.test(text);
    });
    if (hit) {
      hit.re.lastIndex = span.start;
      const matched = hit.re.exec(text)![0];
      out += text.slice(at, span.start);
      if (hit.swap.to) out += matchCase(matched, hit.swap.to);
      else out = out.replace(/\s+$/, '');
      at = span.start + matched.length;
    } else if (numbers[span.word] && !/-/.test(text.slice(span.end, span.end + 1)) && !TENS.test(prevWord)) {
      out += text.slice(at, span.start) + numbers[span.word];
      at = span.end;
    }
    prevWord = span.word;
  }
  return out + text.slice(at);
}

function fits(swap: Swap, text: string, start: number, prevWord: string): boolean {
  const before = text.slice(0, start);
  switch (swap.when) {
    case 'atStart':
      return /^[\s«"—–-]*$/.test(before);
    case 'notAtStart':
      return !/^[\s«"—–-]*$/.test(before);
    case 'notAfterNe':
      return prevWord !== 'не' && prevWord !== 'not';
    case 'afterComma':
      return /,\s*$/.test(before);
    case 'afterTime':
      return /\d\s*$/u.test(before);
    case 'reporting':
      // Before what is said ("отметил, что", "отметил:") or after it ("…, — отметил он").
      return /^[,:]/u.test(text.slice(start + swap.from.length)) || /[,—–-]\s*$/u.test(before);
    default:
      return true;
  }
}

function matchCase(original: string, replacement: string): string {
  if (/^\p{Lu}(\P{Lu}|$)/u.test(original)) return replacement[0].toUpperCase() + replacement.slice(1);
  return replacement;
}

/** "7%" → "7 процентов", "5 млн" → "5 миллионов" where the form is the same in every common case. */
export function spellUnits(text: string, lang: TextLang): string {
  if (lang === 'en') return text.replace(/(\d)\s?%/g, '$1 percent');
  return text
    .replace(/(?<![\p{N}])(\d{1,2}) час(?:ов|а)? (\d{2}) минут[ыу]?/gu, '$1:$2')
    .replace(/(\d+(?:,\d+)?)\s?%/g, (m, n: string) => withUnit(m, n, ['процента', 'процентов']))
    .replace(/(\d+(?:,\d+)?)\s(млн|млрд|тыс)\.?(?![\p{L}])/gu, (m, n: string, unit: string) =>
      withUnit(m, n, unit === 'млн' ? ['миллиона', 'миллионов'] : unit === 'млрд' ? ['миллиарда', 'миллиардов'] : ['тысячи', 'тысяч']),
    );
}

function withUnit(original: string, number: string, [fraction, many]: [string, string]): string {
  if (number.includes(',')) return `${number} ${fraction}`;
  const n = Number(number);
  const ones = n % 10;
  const tens = n % 100;
  // 1 and 2–4 change with the case ("до 21 процента", "21 процент"): leave those as written.
  if ((tens >= 11 && tens <= 14) || ones === 0 || ones >= 5) return `${number} ${many}`;
  return original;
}

const RU_SPEECH =
  'сообщил[аио]?|сказал[аио]?|добавил[аио]?|признал[аио]?|напомнил[аио]?|предупредил[аио]?|заявил[аио]?|рассказал[аио]?|отметил[аио]?|уточнил[аио]?|подчеркнул[аио]?|пояснил[аио]?|написал[аио]?|передал[аио]?|пишет|пишут|сообщает|сообщают|передает|передают|заявляет|заявляют|говорится в|следует из|считает|считают|полагает|утверждает|утверждают';
const RU_TAIL = new RegExp(`^(.{12,}?)(?:,\\s*[—–-]?|\\s[—–-])\\s*(${RU_SPEECH})\\s+([^«»"]{2,100}?)[.!]?$`, 'iu');
const EN_TAIL = /^(.{12,}?),\s*(?:[—–-]\s*)?(?:said\s+([^,]{2,80}?)|([^,]{2,80}?)\s+(?:said|reported|reports|says)(?:\s(?:in|on)\s[^,]{2,40})?)[.!]?$/iu;
const REPORTERS = ['синоптики', 'очевидцы', 'свидетели', 'ученые', 'учёные', 'эксперты', 'власти', 'медики', 'врачи', 'спасатели', 'силовики', 'журналисты', 'местные жители', 'астрономы']
  .map((w) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1)}`)
  .concat(['СМИ'])
  .join('|');
// Officials who speak alone, named by their post ("Под Москвой сбит второй дрон — мэр").
const OFFICIALS = ['мэр', 'губернатор', 'глава региона', 'министр', 'премьер', 'посол', 'пресс-секретарь', 'прокуратура', 'полиция']
  .map((w) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1)}`)
  .join('|');
const BARE_TAIL = new RegExp(
  `^(.{12,}?)(?:,\\s*[—–-]|\\s[—–-])\\s*(\\p{Lu}[^,.!?«»"—–]{1,50}?|[\\p{L} ]{2,30}со ссылкой на [^.!?]{2,60}?|(?:${REPORTERS}|${OFFICIALS})(?:\\s[^,.!?«»"]{1,30})?)[.!]?$`,
  'u',
);
// After ", —" a short tail with no verb names the source even in lower case or in quotes
// ("…, — замглавы МВД Дарахвелидзе", "…, — данные торгов", "…, — «Код Дурова»").
const COMMA_DASH_TAIL = /^(.{12,}?),\s*[—–]\s*(«[^«»]{1,40}»|\p{Ll}[^,.!?«»"—–:]{1,80}?)[.!]?$/u;
// (At a word's start: "Патриарх" holds "риа".)
const MEDIA = /(?<![\p{L}])(news|агентств|издани|сми|медиа|газет|times|post|reuters|afp|bloomberg|тасс|риа|интерфакс|рбк|fox|cnn|bbc|sanomat|journal|axios|politico|monde|guardian|telegraph|рёнхап|ренхап|yonhap|ведомост|коммерсант|известия)/iu;

// Nouns for a person as a sentence's subject names them.
const PERSON_NOUN = new Set(
  'беглец беглянка заключённый заключенный осуждённый осужденный школьник школьница участник участница водитель житель жительница пенсионер пенсионерка мужчина женщина девушка парень подросток мальчик девочка ребёнок ребенок студент студентка блогер блогерша бизнесмен стрелок убийца пассажир пассажирка преступник нападавший подозреваемый задержанный погибший пострадавший модель актёр актер актриса певец певица спортсмен футболист хоккеист победитель победительница'.split(' '),
);

/** "Задержан последний беглец из колонии — Тургун Абдуллаев": after a clause about a person, a
 *  person's name (two or three capitalised words, no outlet) after the dash says who that is, not
 *  who reports it. */
export function namesItsPerson(clause: string, tail: string): boolean {
  const words = tail.trim().replace(/[.!]$/u, '').split(/\s+/u);
  if (words.length < 2 || words.length > 3 || !words.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w)) || MEDIA.test(tail)) return false;
  return wordSpans(clause).some((w) => PERSON_NOUN.has(w.word.toLowerCase()));
}

/** What a dash after `before` does.
 *  - `copula`: it stands for "is". The clause before it is one or two words ("Доллар — 107", ", а евро
 *    — 113", ', "скуф" — 229 голосов', "из них 32 — над Брянской"), or qualifies a noun that has no
 *    verb yet ("Капитан судна, которое загорелось, — Владимир Чернов", "Водитель, сбивший людей, — бизнесмен").
 *  - `apposition`: it names again the noun a qualifying clause ends on, after the sentence's verb
 *    ("Путин подписал указ, утверждающий доктрину - Основы госполитики…").
 *  - `open`: anything else; it may set off a credit or a remark. A dash inside the qualifying clause
 *    already said what the noun is ("Женщины, желающие сделать аборт, – чучела, — депутат"). */
export function dashReading(before: string): 'copula' | 'apposition' | 'open' {
  // ", —" closes what came before: after a list's last items ("«Прибой» и «Мурман-рыба», — Известия")
  // it credits; only a qualifying clause makes it a copula.
  const afterComma = /,\s*$/u.test(before);
  const clauses = before.trim().replace(/,$/u, '').split(/[,;:]\s+/u);
  const clause = clauses.pop() ?? before;
  const words = wordSpans(clause).filter((s) => !/^(?:а|и|но|из|них|по|and|but|of)$/iu.test(s.word));
  if (words.length <= 2 && !afterComma) return 'copula';
  if (!QUALIFYING_CLAUSE.test(clause) || /\s[—–-]\s/u.test(clause)) return 'open';
  return hasVerbWord(clauses.join(', ')) ? 'apposition' : 'copula';
}

/** "А потом…", "Однако, …": a conjunction tying a sentence to the one before it in its post. */
export const OPENING_CONJUNCTION = /^(?:но|а|и|однако|but|and),?\s+(?=\p{L})/iu;
// Once a lead-in stands first, the conjunction would sit after it ("Как сообщил X, однако, …").
const withoutConjunction = (text: string) => text.trim().replace(OPENING_CONJUNCTION, '');

/** "X, сообщил ТАСС" → "Как сообщил ТАСС, x": the source leads, the fact follows. */
export function moveAttributionToFront(sentence: string, ctx: RephraseContext): string {
  const s = sentence.trim();
  if (ctx.lang === 'ru') {
    const speech = RU_TAIL.exec(s);
    // A first word that may be a name would keep its capital after the comma: leave the order.
    // Without a verb before it, the speech verb is the sentence's own ("И все же суд, после долгих
    // раздумий, признал Блиновскую банкротом"), not a credit.
    if (speech && !/[,:]$/.test(speech[1]) && firstWordOf(speech[1].trim(), ctx) !== 'unknown' && hasVerbWord(speech[1])) {
      return `Как ${speech[2].toLowerCase()} ${speech[3].trim()}, ${lowerFirst(withoutConjunction(speech[1]), ctx)}.`;
    }
    const dashed = COMMA_DASH_TAIL.exec(s);
    const bare = BARE_TAIL.exec(s) ?? dashed;
    // A tail with a verb is a clause of its own ("— цены растут", "Магистраль Москва — Санкт-Петербург
    // запустят в 2028 году"), not a credit; nor is a tail after a dash that stands for "is".
    const commaBefore = s.slice(bare?.[1].length ?? 0).startsWith(',') ? ',' : '';
    if (bare && (dashReading(bare[1] + commaBefore) !== 'open' || hasVerbWord(bare[2]) || namesItsPerson(bare[1], bare[2]))) return s;
    if (bare && wordsIn(bare[2]) <= 8) {
      const who = bare[2].trim();
      const lead = /(сми|медиа|издания|агентства)/iu.test(who) || new RegExp(`^(${REPORTERS})`, 'u').test(who)
        ? `Как пишут ${who},`
        : MEDIA.test(who)
          ? `Как сообщает ${who},`
          : `${upperFirst(who)}:`;
      if (lead.endsWith(',') && firstWordOf(bare[1].trim(), ctx) === 'unknown') return s;
      return `${lead} ${lowerFirst(withoutConjunction(bare[1]), ctx)}.`;
    }
    return s;
  }
  const said = EN_TAIL.exec(s);
  if (said) {
    const who = (said[2] ?? said[3]).trim();
    if (!/^(he|she|they|it|we)$/i.test(who) && wordsIn(who) <= 8) return `According to ${who}, ${lowerFirst(said[1].trim(), ctx)}.`;
  }
  const bare = BARE_TAIL.exec(s);
  if (bare && wordsIn(bare[2]) <= 6) return `According to ${bare[2].trim()}, ${lowerFirst(bare[1].trim(), ctx)}.`;
  return s;
}

function wordsIn(text: string): number {
  return wordSpans(text).length;
}

// Words the swap dictionary puts in or takes out are common words ("Прежде"), except those it
// writes with a capital: "Госдума", "Минобороны" are names, and keep their capital after a lead-in.
const swapWords = (capital: boolean) =>
  Object.values(SWAPS).flatMap((swaps) => swaps.flatMap((s) => [s.from, s.to].flatMap((w) => w.match(/\p{L}+/gu) ?? [])))
    .filter((w) => /^\p{Lu}/u.test(w) === capital)
    .map(foldWord);
const SWAP_NAMES = new Set(swapWords(true));
const SWAP_WORDS = new Set(swapWords(false).filter((w) => !SWAP_NAMES.has(w)));

/** How the first word of a text is spelt mid-sentence: `common` (in lower case), `name` (a name or an
 *  abbreviation: as written), `unknown` (capitalised, never seen otherwise: it may be a name that
 *  only ever opens sentences), `none` (no word first: a quote, a figure). */
export type FirstWord = 'common' | 'name' | 'unknown' | 'none';

export function firstWordOf(text: string, ctx: RephraseContext): FirstWord {
  const first = wordSpans(text)[0];
  if (!first || first.start !== 0) return 'none';
  const raw = text.slice(first.start, first.end);
  if (!/^\p{Lu}/u.test(raw)) return 'common';
  if (raw.length > 1 && raw === raw.toUpperCase()) return 'name';
  const word = foldWord(raw);
  if ((ctx.nameWords.has(word) || SWAP_NAMES.has(word)) && !ctx.lowerWords.has(word)) return 'name';
  const common =
    ctx.lowerWords.has(word) ||
    ctx.lowerStems?.has(wordStem(word)) ||
    STOPWORDS.has(word) ||
    SWAP_WORDS.has(word) ||
    SENTENCE_OPENERS.has(word) ||
    ADJECTIVE.test(word) ||
    COMMON_NOUN.test(word);
  return common ? 'common' : 'unknown';
}

/** Lower-cases the first letter unless the first word is a name, an abbreviation or a quote. */
export function lowerFirst(text: string, ctx: RephraseContext): string {
  return firstWordOf(text, ctx) === 'common' ? text[0].toLowerCase() + text.slice(1) : text;
}

function wordStem(word: string): string {
  return stem(word, /\p{Script=Cyrillic}/u.test(word) ? 'ru' : 'en');
}

// Abstract nouns ("Работоспособность", "Применение", "Руководство") are never names; "-ания" and
// "-ения" are left out ("Германия", "Армения").
const COMMON_NOUN = /\p{Script=Cyrillic}{4,}(?:ость|ости|остью|ение|ание|ению|ством|ство|ства)$/u;
// An adjective that is not a known name ("Южной" is one) opens a sentence only by position; before
// a word ending like a verb, it marks that word as the noun it qualifies (repairs.ts).
export const ADJECTIVE = /\p{Script=Cyrillic}{3,}(ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ую|юю|ыми|ими)$/u;
const STOPWORDS = new Set([...RUSSIAN_STOPWORDS, ...ENGLISH_STOPWORDS]);

/** Capitalises the first letter, unless a figure comes first ("23-летний", "30 ноября" stay as written). */
export function upperFirst(text: string): string {
  const i = text.search(/[\p{L}\p{N}]/u);
  return i < 0 || !/\p{L}/u.test(text[i]) ? text : text.slice(0, i) + text[i].toUpperCase() + text.slice(i + 1);
}

/** Spaces and punctuation left clean after words were moved or dropped. */
export function tidy(text: string): string {
  return upperFirst(
    text
      .replace(/\s+/g, ' ')
      .replace(/\s+([,.;:!?…»)])/g, '$1')
      .replace(/([«(])\s+/g, '$1')
      .replace(/,\s*,/g, ',')
      .replace(/,\s*\./g, '.')
      .replace(/^[\s,;:—–-]+/u, '')
      .replace(/(?<!\.)\.\.(?!\.)/g, '.')
      // A subordinate clause the swaps brought in keeps the comma Russian needs before it.
      .replace(/(\p{L})\s+(поскольку|так как|потому что)\s/gu, '$1, $2 ')
      // So does "когда" opening one ("…вместо прав когда его остановили"), unless a word holds it ("и когда", "даже когда").
      .replace(/(?<![\p{L}])(?!(?:и|а|но|или|да|только|даже|лишь|именно|особенно|вот|тогда)\s)(\p{L}+)\s+когда\s/giu, '$1, когда ')
      .trim(),
  );
}
