// Repairs the copy guard may make to a sentence that still shares a run of words with a source.
// Each keeps the facts and the grammar; each has a cost, so word order changes come before
// dropping detail, and dropping a clause comes last. Quoted speech is left alone.
import { DROPPABLE } from './lexicon';
import { ADJECTIVE, OPENING_CONJUNCTION, dashReading, firstWordOf, inRanges, lowerFirst, quotedRanges, tidy, upperFirst, type RephraseContext } from './rephrase';
import { RU_RELATIVE_WORD, RU_VERB, RU_VERB_ENDINGS, RU_VERB_LAST, isNounLikeVerb } from './verb-forms';
import { wordSpans, type WordSpan } from './word-spans';

export interface Variant {
  text: string;
  cost: number;
}

const SENSE_WITH_ZHE = /(?:^|[^\p{L}])(?:все|всё|тот|та|то|те|того|тем|той|том|тех|так|там|тогда|тут|туда|такой|такая|такое|такие|одно|один|одна)\s+$/iu;

export function repairVariants(text: string, ctx: RephraseContext, strong: boolean): Variant[] {
  const quoted = quotedRanges(text);
  const free = (at: number) => !inRanges(at, quoted);
  const out: Variant[] = [];
  const add = (candidate: string | null, cost: number) => {
    if (candidate === null) return;
    const clean = tidy(candidate);
    if (clean !== text && wordSpans(clean).length >= 4) out.push({ text: clean, cost });
  };

  for (const span of wordSpans(text)) {
    // "со своей супругой" without "своей" would read "со супругой".
    const afterVowelForm = /(?:^|\s)(?:со|во|ко|обо|изо)\s$/iu.test(text.slice(0, span.start));
    // "И все же", "тот же", "там же": there "же" carries the sense.
    const heldParticle = span.word === 'же' && SENSE_WITH_ZHE.test(text.slice(0, span.start));
    if (DROPPABLE[ctx.lang].has(span.word) && free(span.start) && !afterVowelForm && !heldParticle) add(text.slice(0, span.start) + text.slice(span.end), 1);
  }
  for (const v of asides(text, ctx, free)) add(v, 3);
  const rules = ctx.lang === 'ru' ? RU_RULES : EN_RULES;
  for (const rule of rules) {
    for (const m of text.matchAll(rule.re)) {
      if (!free(m.index)) continue;
      add(rule.apply(text, m, ctx), strong ? rule.strongCost ?? rule.cost : rule.cost);
    }
  }
  return out;
}

interface Rule {
  re: RegExp;
  cost: number;
  strongCost?: number;
  apply(text: string, m: RegExpExecArray | RegExpMatchArray, ctx: RephraseContext): string | null;
}

const RU_TIME =
  /(?<=\s)(сегодня(?:\s(?:утром|днем|днём|вечером|ночью))?|вчера(?:\s(?:утром|днем|днём|вечером|ночью))?|завтра(?:\s(?:утром|днем|днём|вечером))?|накануне(?:\s(?:вечером|утром))?|этой ночью|этим (?:утром|вечером)|в (?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)(?:\s(?:утром|днем|вечером|ночью))?|\d{1,2} (?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря))(?=[\s,.!?])/giu;
// A place that heads a list ("в Тбилиси, Кутаиси и Батуми", "в Одессе и Кировограде", "в Москве и
// области") or takes an apposition ("в Алеппо, второй по величине город") stays with it: moved
// alone, it would leave the rest stranded, and so would a place followed by where its name comes
// from ("на Sukhoi Superjet из Сочи"). After a comma only a new clause may follow; a capital
// next may be the rest of the name ("в Великом Устюге").
const RU_PLACE = new RegExp(
  String.raw`(?<=\s)((?:в|во|на|под)\s(?:\p{Lu}[\p{Ll}-]+\s)?\p{Lu}[\p{Ll}-]+(?:\s(?:области|крае|районе|республике|проспекте|улице|шоссе|набережной|площади|море))?)` +
    String.raw`(?=,\s(?:а|но|и|что|чтобы|где|куда|когда|пока|если|хотя|поскольку|однако|причем|как|котор\p{L}*)\s|,\s\p{Ll}+(?:${RU_VERB_ENDINGS})[,.\s]|[.!?;:]|$|` +
    String.raw`\s(?:а|но|на|в|во|по|после|между|где|когда|у|за|при|для|—|–)\s|\s(?:с|со|до|из|от)\s(?!\p{Lu})|\s(?:и\s)?\p{L}+(?:${RU_VERB_ENDINGS})(?!\p{L}))`,
  'gu',
);
const RU_PAIR = /(?<=\s)(\p{Lu}[\p{Ll}-]+) и (\p{Lu}[\p{Ll}-]+)(?=[\s,.!?])/gu;
const RU_SPEECH_THAT =
  /(заявил|сообщил|рассказал|отметил|подчеркнул|уточнил|пояснил|сказал|добавил|признал|напомнил)([аои]?),\s+что\s+/giu;
// Clause text: anything but a clause mark or a parenthesis (a clause never ends inside one), though
// "19:17" and "2.5" keep their colon and point.
const CLAUSE = String.raw`(?:[^,.;:!?«»()]|(?<=\d)[.:,](?=\d))*`;
const RU_RELATIVE = new RegExp(
  String.raw`,\s${RU_RELATIVE_WORD}${CLAUSE}(?:,|(?=[.;:!?]|$))`,
  'gu',
);
// ", а вот …": the "вот" leans on the "а" and goes with it ("При этом в кассах…", not "При этом вот в кассах…").
const RU_CONTRAST = /,\s(а|но|однако)\s(?:вот\s)?/giu;
const RU_TAIL_CLAUSE = /,\s(?=(?:а|но|однако|причем|при этом|где|когда|после чего|что привело)\s)/giu;
const PARENS = /\s*\([^()]{2,80}\)/g;
// A remark set off by two dashes ("на встрече — первой под председательством Рютте — министры").
const DASHED = /\s[—–-]\s[^—–.!?«»]{3,90}\s[—–-]\s/gu;
// Asides that comment rather than inform ("К счастью,", "Напомним,").
const RU_ASIDE = /(?:^|(?<=,)\s)(к счастью|к сожалению|кстати|к слову|напомним|отметим|как известно|в свою очередь|между тем|тем временем|при этом|в частности)(?:,\s*|\s+(?=\p{Lu}))/giu;

/** "до 16 декабря", "12 и 16 декабря": the text before the phrase ends on a word that holds it. */
function heldByBefore(before: string): boolean {
  if (/\d\s*[,–—-]?\s+$/u.test(before)) return true;
  const last = wordSpans(before).at(-1)?.word;
  return !!last && /\s$/u.test(before) && (PREPOSITIONS.has(last) || CONJUNCTIONS.has(last) || DAY_NOUN.test(last));
}
// "сделать субботу 28 декабря выходным": the date says which day; moved, it would date the news.
const DAY_NOUN = /^(?:понедельник|вторник|сред|четверг|пятниц|суббот|воскресень|ночь|ночи|утр|вечер|день|дня|дню|выходн)\p{L}*$/u;
const CONJUNCTIONS = new Set(['и', 'или', 'а', 'and', 'or']);

/** Moves the phrase matched to the front of the sentence when it stands before the first comma. */
function front(text: string, m: RegExpExecArray | RegExpMatchArray, ctx: RephraseContext, comma = true): string | null {
  const at = m.index ?? 0;
  // Only a clause with a verb keeps its sense when a phrase moves to its front.
  if (ctx.lang === 'ru' && !hasRussianVerb(text.slice(0, at) + text.slice(at + m[0].length))) return null;
  // "визит президента в Астану": a place of direction ("в Астану", "в Москву") goes with a verb of
  // motion right before it ("прилетел в Москву"), else it belongs to a noun and stays.
  if (ctx.lang === 'ru' && /[ую]$/u.test(m[1]) && !RU_VERB_LAST.test(text.slice(0, at).trim())) return null;
  // A sentence opening with its own lead-in clause ("Как сообщили в …,") or a condition ("Если купить
  // однушку в Москве…") keeps its order.
  if (/^(как|по|согласно|если|когда|хотя|чтобы|пока|поскольку|according|as|if|when|while|although)\s/iu.test(text)) return null;
  // "Путин: Киев атаковал цели в Москве": the phrase belongs to the quoted words, not before the speaker.
  if (text.slice(0, at).includes(':')) return null;
  // "до 16 декабря", "12 и 16 декабря": the phrase is held by the word before it.
  if (heldByBefore(text.slice(0, at))) return null;
  const firstComma = text.indexOf(',');
  if (at === 0 || (firstComma >= 0 && at > firstComma)) return null;
  const before = text.slice(0, at).trim();
  const after = text.slice(at + m[0].length);
  if (wordSpans(before).length === 0 || wordSpans(after).length < 2) return null;
  // "в пятницу и субботу": the list goes on after the phrase (unless a verb follows "и").
  const listed = /^\s+(?:и|или|and|or)\s+(\p{L}+)/u.exec(after);
  if (listed && !hasRussianVerb(listed[1]) && !EN_PREDICATE.test(listed[1])) return null;
  // A conjunction tying the sentence to the one before stays first ("А в пятницу в Питере…").
  const conjunction = OPENING_CONJUNCTION.exec(before);
  const rest = conjunction ? before.slice(conjunction[0].length) : before;
  // A first word that may be a name keeps its capital, and mid-sentence that reads as a typo.
  if (firstWordOf(rest, ctx) === 'unknown') return null;
  const moved = `${conjunction ? m[1] : upperFirst(m[1])}${comma && ctx.lang === 'en' ? ',' : ''} ${lowerFirst(rest, ctx)}${after}`;
  return conjunction ? `${upperFirst(conjunction[0].trimEnd().toLowerCase())} ${moved}` : moved;
}

/** A word that ends like a verb and is not one of the nouns that do ("визит", "бюджет"). */
function hasRussianVerb(text: string): boolean {
  return wordSpans(text).some((s) => RU_VERB.test(s.word) && !isNounLikeVerb(s.word));
}

// Two names keep their grammar when swapped only if they share the case ending.
function sameCase(a: string, b: string): boolean {
  const ending = /(ом|ем|ём|ой|ей|ым|им|ами|ями|ах|ях|[аяуюеиыо])$/u;
  const ea = ending.exec(a)?.[0];
  const eb = ending.exec(b)?.[0];
  return ea === eb || (!ea && !eb) || a.slice(-2) === b.slice(-2);
}

const RU_RULES: Rule[] = [
  { re: RU_ASIDE, cost: 1, apply: (t, m) => t.slice(0, m.index) + ' ' + t.slice((m.index ?? 0) + m[0].length) },
  { re: RU_TIME, cost: 2, apply: (t, m, ctx) => front(t, m, ctx) },
  { re: RU_PLACE, cost: 2, apply: (t, m, ctx) => front(t, m, ctx) },
  {
    re: RU_PAIR,
    cost: 2,
    apply: (t, m) => (sameCase(m[1], m[2]) ? swapPair(t, m, 'и') : null),
  },
  { re: RU_SPEECH_THAT, cost: 2, apply: (t, m) => t.slice(0, m.index) + `${m[1]}${m[2]}: ` + t.slice((m.index ?? 0) + m[0].length) },
  {
    re: RU_CONTRAST,
    cost: 3,
    apply: (t, m) => {
      const rest = t.slice((m.index ?? 0) + m[0].length);
      if (wordSpans(rest).length < 4 || !hasPredicate(rest, 'ru')) return null;
      const link = m[1].toLowerCase() === 'а' ? 'При этом' : m[1].toLowerCase() === 'но' ? 'Однако' : 'Но';
      return `${t.slice(0, m.index)}. ${link} ${rest}`;
    },
  },
  { re: PARENS, cost: 3, strongCost: 2, apply: (t, m) => t.slice(0, m.index) + t.slice((m.index ?? 0) + m[0].length) },
  { re: DASHED, cost: 3, strongCost: 2, apply: (t, m) => dropDashed(t, m) },
  // A clause without its verb is only a piece of one ("которое законодательство, как сообщается,
  // предоставляет"): dropped, it would leave the rest stranded.
  { re: RU_RELATIVE, cost: 5, strongCost: 3, apply: (t, m) => (hasPredicate(m[0], 'ru') ? dropClause(t, m) : null) },
  { re: RU_TAIL_CLAUSE, cost: 6, strongCost: 4, apply: (t, m) => cutAt(t, m.index ?? 0) },
];

const EN_TIME =
  /(?<=\s)(on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|today|tonight|on (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2})(?=[\s,.!?])/gu;
const EN_PAIR = /(?<=\s)(\p{Lu}[\p{Ll}-]+) and (\p{Lu}[\p{Ll}-]+)(?=[\s,.!?])/gu;
const EN_SAID_THAT = /\b(said|says|told \w+|stated|added|noted) that\s+/giu;
const EN_RELATIVE = new RegExp(String.raw`,\s(?:which|who)\s${CLAUSE}(?:,|(?=[.;:!?]|$))`, 'gu');
const EN_TAIL_CLAUSE = /,\s(?=(?:but|while|which|where|when|as|after)\s)/giu;

const EN_RULES: Rule[] = [
  { re: EN_TIME, cost: 2, apply: (t, m, ctx) => front(t, m, ctx) },
  { re: EN_PAIR, cost: 2, apply: (t, m) => swapPair(t, m, 'and') },
  { re: EN_SAID_THAT, cost: 1, apply: (t, m) => t.slice(0, m.index) + `${m[1]} ` + t.slice((m.index ?? 0) + m[0].length) },
  {
    re: /,\sbut\s/gu,
    cost: 3,
    apply: (t, m) => `${t.slice(0, m.index)}. However, ${t.slice((m.index ?? 0) + m[0].length)}`,
  },
  { re: PARENS, cost: 3, strongCost: 2, apply: (t, m) => t.slice(0, m.index) + t.slice((m.index ?? 0) + m[0].length) },
  { re: EN_RELATIVE, cost: 5, strongCost: 3, apply: (t, m) => dropClause(t, m) },
  { re: EN_TAIL_CLAUSE, cost: 6, strongCost: 4, apply: (t, m) => cutAt(t, m.index ?? 0) },
];

// Hedges that only say the sentence is reported, which it is: one may sit before the verb.
/** The hedges the rephraser puts in as asides ("как сообщается"), by language. */
export const ASIDES = {
  ru: ['как сообщается', 'по имеющимся данным', 'по сообщениям', 'судя по сообщениям'],
  en: ['reportedly', 'according to reports'],
} as const;
// A sentence that already says whose word it is needs no aside ("Как рассказал депутат, …").
const HEDGED = [
  'как утвержда', 'якобы', 'предположительно', 'по данным', 'по словам', 'как сообщ', 'по информации', 'как рассказ', 'как заяв', 'как пишет', 'как переда',
  'reportedly', 'according to', 'allegedly',
];
const betweenCommas = (phrases: readonly string[]) => new RegExp(`,\\s(?:${phrases.join('|')}),\\s`, 'giu');
const ASIDE_BETWEEN = { ru: betweenCommas(ASIDES.ru), en: betweenCommas(ASIDES.en) };

/** The sentence with its source named where its reporting aside stood, or null without one:
 *  "В Госдуме, как сообщается, предложили…" becomes "В Госдуме, как сообщает SHOT, предложили…",
 *  not "По данным SHOT, в Госдуме, как сообщается, …", which credits it twice. The aside stays a
 *  change against the source, which the copy guard may have counted on. `credit` is a lead-in
 *  ("Как сообщает SHOT"); any further aside goes. */
export function creditAtAside(text: string, lang: RephraseContext['lang'], credit: string): string | null {
  let first = true;
  const out = text.replace(ASIDE_BETWEEN[lang], () => {
    if (!first) return ' ';
    first = false;
    return `, ${credit.charAt(0).toLowerCase()}${credit.slice(1)}, `;
  });
  return first ? null : out;
}
// Words that hold on to the verb after them: an aside between reads as a break ("так и, по
// имеющимся данным, не осилил", "and, reportedly, left").
// An auxiliary or modal holds on to it too ("будут, по имеющимся данным, направлены").
const BOUND_TO_VERB = new Set(
  'не и а но или так уже ещё еще бы же ли лишь только даже вновь снова будет будут был была было были должен должна должно должны может могут стал стала стали not and or but to will would has have had'.split(' '),
);
const PREPOSITIONS = new Set(
  'в во на с со из от для о об по при у к ко за под над между через без до после перед около против of to in on at by for with from about into over'.split(' '),
);
// Verb endings (past, present, short participles); "-ат" only after a hushing consonant ("лежат").
// A past tense has a vowel before its "л" ("сказали"), or a stem consonant ("несли", "пришли",
// "умерли"): "торговли", "ловли" are nouns, and so are most words in -оли ("опухоли", "роли").
const RU_PREDICATE = /([аеёиоуыюязсгкбрштдч](л|ла|ло)|[аеёиуыюязсгкбрштдч]ли|лся|лась|лось|лись|ется|ются|ится|ятся|атся|утся|[жчшщ]ат)$|^\p{L}{3,}(ет|ёт|ют|ит|ят|ут)$|^\p{L}{4,}(ан|ен|ана|ена|ано|ено|аны|ены)$/u;
const EN_PREDICATE =
  /^(is|are|was|were|has|have|had|will|would|could|can|may|might|\w{3,}ed|spent|said|told|made|took|went|came|left|found|gave|kept|held|brought|began|ran|saw|became|lost|won|fell|hit|put|cut|shot|led|met|paid|sent|built|rose|flew|drove|broke|struck|sold|bought|thought|caught|fought|stood|spoke|wrote|knew|grew|threw|chose|froze|fled|meant|felt)$/u;

/** The sentence with a reporting aside before a verb (each place where one fits), if it has none yet. */
function asides(text: string, ctx: RephraseContext, free: (at: number) => boolean): string[] {
  const phrases = ASIDES[ctx.lang];
  const lower = text.toLowerCase();
  if ([...phrases, ...HEDGED].some((p) => lower.includes(p))) return [];
  const spans = wordSpans(text);
  const out: string[] = [];
  const phrase = phrases[text.length % phrases.length];
  for (let i = 1; i < spans.length - 2; i++) {
    if (!predicateAt(text, spans, i, ctx.lang) || !free(spans[i].start)) continue;
    if (text.slice(spans[i - 1].end, spans[i].start) !== ' ') continue;
    if (BOUND_TO_VERB.has(spans[i - 1].word)) continue;
    out.push(`${text.slice(0, spans[i - 1].end)}, ${phrase}, ${text.slice(spans[i].start)}`);
  }
  return out;
}

/** The word at `i` reads as the verb of its clause (or its "не"), by its ending and its neighbour. */
function predicateAt(text: string, spans: WordSpan[], i: number, lang: RephraseContext['lang']): boolean {
  const word = spans[i].word;
  const before = i > 0 ? spans[i - 1].word : '';
  // "тем не менее", "не менее 5": no verb follows that "не".
  const ne = (word === 'не' || word === 'not') && !/^\s+(?:менее|более|только|раз)(?![\p{L}])/iu.test(text.slice(spans[i].end));
  const looksLike = ne || (lang === 'ru' ? RU_PREDICATE.test(word) && !isNounLikeVerb(word) : EN_PREDICATE.test(word));
  if (!looksLike || PREPOSITIONS.has(before)) return false;
  // A capital mid-sentence is a name ("Урсула"), however verb-like its ending.
  if (i > 0 && /^\p{Lu}/u.test(text.slice(spans[i].start))) return false;
  if (lang !== 'ru') return true;
  // After an adjective a word in -л(а/о/и) is the noun it qualifies ("чистой прибыли", "большая
  // сила", "уголовного дела"), not a past tense; a present tense stays a verb ("Полицейские разыскивают").
  if (/л[аои]?$/u.test(word) && ADJECTIVE.test(before)) return false;
  // After a figure or a plural adjective in -ых/-их comes a noun ("10 ракет", "баллистических ракет").
  return !/(?:\d|\p{L}ых|\p{L}их)$/u.test(before);
}

/** The clause has a word that reads as its verb. */
function hasPredicate(text: string, lang: RephraseContext['lang']): boolean {
  const spans = wordSpans(text);
  return spans.some((_, i) => predicateAt(text, spans, i, lang));
}

/** "X и Y" → "Y и X", when X and Y are whole names: "Андрей Клишас и Дмитрий Вяткин" swapped
 *  word by word would give each man the other's first name. An acronym before is no part of a name
 *  ("МИД России и Китая"). */
function swapPair(text: string, m: RegExpExecArray | RegExpMatchArray, conjunction: string): string | null {
  const at = m.index ?? 0;
  const end = at + m[0].length;
  if (/\p{Lu}\p{Ll}[\p{L}-]*\s$/u.test(text.slice(0, at)) || /^\s\p{Lu}/u.test(text.slice(end))) return null;
  return `${text.slice(0, at)}${m[2]} ${conjunction} ${m[1]}${text.slice(end)}`;
}

/** Drops a remark between two dashes, unless a dash there stands for a verb: in '"прилет" набрал 124
 *  голоса, "скуф" — 229 голосов, "вайб" — 256' the "remark" holds two of the three results. */
function dropDashed(text: string, m: RegExpExecArray | RegExpMatchArray): string | null {
  const at = m.index ?? 0;
  const inside = m[0].replace(/^\s[—–-]\s|\s[—–-]\s$/gu, '');
  if (dashReading(text.slice(0, at)) !== 'open' || (/[,;]\s/u.test(inside) && dashReading(inside) !== 'open')) return null;
  return text.slice(0, at) + ' ' + text.slice(at + m[0].length);
}

/** Drops a non-restrictive clause between commas (or up to the end): "X, который Y, Z" → "X Z". */
function dropClause(text: string, m: RegExpExecArray | RegExpMatchArray): string {
  const at = m.index ?? 0;
  const closed = m[0].endsWith(',');
  return text.slice(0, at) + (closed ? ' ' : '') + text.slice(at + m[0].length);
}

/** Keeps the main clause before `at` when it can stand alone. */
function cutAt(text: string, at: number): string | null {
  const head = text.slice(0, at).trim();
  if (wordSpans(head).length < 6) return null;
  return `${head}.`;
}
