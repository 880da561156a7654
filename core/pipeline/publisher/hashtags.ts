// Hashtags from the story's own words, never invented: every tag is a word of the article, or two or
// three adjacent capitalised words joined in CamelCase ("Илон Маск" → #ИлонМаск). Terms score by
// where they occur (headline > dek, key points > body), how many of those texts use them, whether
// they read as names (capitalised mid-sentence, acronyms) and whether they carry a figure (G7,
// COVID-19). The source posts' own tags only raise terms the article uses: a channel's brand tag
// that the article never mentions stays out. Two tags sharing a stem are one topic and one tag.
import type { UiLanguage } from '../../settings';
import { stemWords, stripMarkup } from '../../text';
import type { Morphology } from '../../text/morphology';
import { FRAMING_WORDS } from '../editor/offline-phrases';
import type { Platform } from '../platforms';
import { dictionaryNameForm, dictionaryTagForm } from './dictionary-forms';
import { PLATFORM_RULES } from './rules';
import { CASE_ENDINGS, formPreference, isBaseOf, nameBaseForm, regionNames, shapePenalty } from './word-forms';

export interface HashtagInput {
  headline: string;
  dek?: string;
  keyPoints: string[];
  body: string;
  /** Tags the source posts carried, with or without '#'. */
  sourceHashtags?: string[];
  /** Names never to tag: the source channels' titles (a channel's name as a tag is its brand). */
  avoidTerms?: string[];
  /** The package's language: on equal scores its script goes first. */
  language: UiLanguage;
  /** A Russian dictionary: one-word tags in the nominative, and no verbs or adjectives as tags. Without
   *  it (or for words it does not know) the ending rules of word-forms.ts guess. */
  morphology?: Morphology;
}

export interface HashtagCandidate {
  /** Without '#'. */
  tag: string;
  /** Stems of its words. */
  stems: string[];
  score: number;
}

/** Letters, digits and underscores, starting with a letter: valid on every platform we post to. */
export const VALID_HASHTAG = /^\p{L}[\p{L}\p{N}_]*$/u;

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200D\uFE0F\u20E3]/gu;
// Headline first: it is weighed most and wins ties.
const FIELD_WEIGHTS = { headline: 3, dek: 2, keyPoints: 2, body: 1 } as const;
type Field = keyof typeof FIELD_WEIGHTS;
const NAME_BOOST = 2;
const FIGURE_BOOST = 1.5;
const SOURCE_TAG_BOOST = 1.5;
const PHRASE_BOOST = 1.2;
/** Each further text (of the four) that uses a term adds this share. */
const SPREAD_BONUS = 0.5;

// Frequent in news, useless as a tag.
const GENERIC_WORDS = `новость новости сегодня вчера завтра время человек люди день дни неделя месяц ранее
сейчас также очень первый новый стать сказать говорить процент часть данные news today yesterday
tomorrow time people day days week month year first new told according percent would could like get
make one two three срочно breaking
январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь января февраля марта
апреля мая июня июля августа сентября октября ноября декабря понедельник вторник среда четверг пятница
суббота воскресенье january february march april june july august september october november december
monday tuesday wednesday thursday friday saturday sunday сообщение сообщениям данным канал канала каналов
выше ниже против возможно вновь снова массово чаще реже более менее около свыше почти лет года году
годах тысяч тысячи будут будет может могут стали стало поскольку потому поэтому однако кроме помимо затем
трлн млрд млн тыс сам сама само сами свой своя своё свое свои ходе несколько вероятно дважды резко настоящее среднем весь вся всё все всей всех всем`;
let genericStems: Set<string> | null = null;
const isGeneric = (stem: string) => (genericStems ??= new Set(stemWords([...GENERIC_WORDS.split(/\s+/), ...FRAMING_WORDS]))).has(stem);

interface Token {
  raw: string;
  /** Stem, or '' for a word that is no tag (stopword, short, plain number, generic). */
  stem: string;
  capitalised: boolean;
  acronym: boolean;
  /** Starts a sentence, a line or a text: its capital letter says nothing. */
  initial: boolean;
  /** Only a space since the previous token: they may form a name. */
  joined: boolean;
}

interface Term {
  /** Two or three words ("Илон Маск"), not one. */
  phrase: boolean;
  /** Its stems (a word the stemmer split keeps both). */
  stems: string[];
  /** Occurrences per text kind. */
  counts: Map<Field, number>;
  /** Surface forms: how often each is seen, and how often not at a sentence start. */
  forms: Map<string, { seen: number; mid: number }>;
  named: number;
  plain: number;
  figure: boolean;
  order: number;
}

/** All candidate tags of a story, best first (platform-independent; `hashtagsFor` picks). */
export function rankHashtagCandidates(input: HashtagInput): HashtagCandidate[] {
  const texts: [Field, string][] = [
    ['headline', input.headline],
    ['dek', input.dek ?? ''],
    ...input.keyPoints.map((k): [Field, string] => ['keyPoints', k]),
    ['body', input.body],
  ];
  const tokenised = texts.map(([field, text]) => [field, tokenise(text, field === 'headline')] as const);
  const terms = new Map<string, Term>();
  let order = 0;
  for (const [field, tokens] of tokenised) {
    for (const t of tokens) {
      if (!t.stem) continue;
      const term = termFor(terms, t.stem, [t.stem], false, order++);
      count(term, field);
      if (t.acronym || (t.capitalised && !t.initial)) term.named++;
      else if (!t.capitalised) term.plain++;
      // A capital at a sentence start says nothing about how the word is spelt.
      bump(term.forms, t.raw, !(t.initial && t.capitalised && !t.acronym));
      term.figure ||= /\p{N}/u.test(t.raw);
    }
  }
  const termOf = mergeInflections(terms, tokenised.flatMap(([, tokens]) => tokens));
  // The source posts' tags vouch for a term the article uses, and a capitalised one ("#Fed") marks a name.
  const sourced = sourceWords(input.sourceHashtags ?? []);
  for (const [stem, capitalised] of sourced) {
    const term = termOf(stem);
    if (term && capitalised) term.named++;
  }
  const isName = (stem: string) => {
    const t = terms.get(stem);
    return !!t && t.named > t.plain;
  };
  for (const [field, tokens] of tokenised) addPhrases(terms, field, tokens, isName, () => order++);

  const script = input.language === 'ru' ? /\p{Script=Cyrillic}/u : /\p{Script=Latin}/u;
  const scores = new Map<Term, number>();
  // "в Брянской области" is tagged #БрянскаяОбласть: the region's name, not the adjective's case.
  const regions = regionNames(texts.map(([, text]) => text).join('\n'));
  const forms = new Map<Term, string>();
  const judged = new Map<Term, 'known' | 'notATag'>(); // (what the dictionary said, where it could)
  for (const term of terms.values()) {
    const best = bestForm(term);
    const region = !term.phrase && regions.get(foldCase(best));
    const verdict = !region && !term.phrase && input.morphology ? dictionaryTagForm(input.morphology, best, isNameTerm(term)) : null;
    if (verdict && 'notATag' in verdict) judged.set(term, 'notATag');
    else if (verdict) judged.set(term, 'known');
    const name = term.phrase && input.morphology ? dictionaryNameForm(input.morphology, best) : null;
    forms.set(term, region || name || (verdict && 'form' in verdict ? verdict.form : nameBaseForm(best)));
  }
  for (const term of terms.values()) scores.set(term, judged.get(term) === 'notATag' ? 0 : scoreOf(term, sourced, forms.get(term)!, judged.has(term)));
  // A name said in full at least half the times its words are ("Илон Маск", not "Маск") is tagged in full.
  for (const term of terms.values()) {
    if (!term.phrase) continue;
    const members = term.stems.map((s) => terms.get(s)).filter((m): m is Term => !!m);
    if (members.length && occurrences(term) >= 0.5 * Math.max(...members.map(occurrences))) {
      scores.set(term, Math.max(scores.get(term)!, PHRASE_BOOST * Math.max(...members.map((m) => scores.get(m)!))));
    }
  }
  // Both the words and their stems: acronyms ("РИА") are kept unstemmed as terms.
  const avoidWords = (input.avoidTerms ?? []).flatMap((t) => t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const avoided = new Set([...avoidWords, ...stemWords(avoidWords)]);
  const out = [...terms.values()].filter((term) => !term.stems.every((s) => avoided.has(s))).map((term) => {
    const form = forms.get(term)!;
    const tag = toTag(form, isNameTerm(term));
    // A region's tag covers its second word too ("#области" would say it again).
    const stems = form.includes(' ') && !term.phrase ? [...term.stems, ...stemWords(form.split(' ').slice(1).map(foldCase))] : term.stems;
    return { tag, stems, score: scores.get(term)!, order: term.order, native: script.test(tag) };
  });
  out.sort((a, b) => b.score - a.score || Number(b.native) - Number(a.native) || a.order - b.order);
  return out.map(({ tag, stems, score }) => ({ tag, stems, score }));
}

const isNameTerm = (term: Term) => term.phrase || term.named > term.plain;
const occurrences = (term: Term) => [...term.counts.values()].reduce((a, b) => a + b, 0);

/** `form`: the spelling it is tagged in (its best form, in the base form where that can be told);
 *  `known`: the dictionary chose it, so its ending says nothing more. */
function scoreOf(term: Term, sourced: Map<string, boolean>, form: string, known: boolean): number {
  const name = isNameTerm(term);
  let weight = 0;
  for (const [field, n] of term.counts) weight += FIELD_WEIGHTS[field] * Math.sqrt(n); // repetition saturates
  return (
    weight *
    (name ? NAME_BOOST : 1) *
    (term.phrase ? PHRASE_BOOST : 1) *
    (term.figure ? FIGURE_BOOST : 1) *
    (term.stems.some((s) => sourced.has(s)) ? SOURCE_TAG_BOOST : 1) *
    (1 + SPREAD_BONUS * (term.counts.size - 1)) *
    (known ? 1 : shapePenalty(form, name))
  );
}

/** Up to `count` (the platform's target, never past its cap) valid, distinct tags, with '#'. */
export function hashtagsFor(candidates: HashtagCandidate[], platform: Platform, count?: number): string[] {
  const rule = PLATFORM_RULES[platform].hashtags;
  const want = Math.min(count ?? rule.target, rule.max);
  const out: string[] = [];
  const seenStems = new Set<string>();
  const seenTags = new Set<string>();
  for (const c of candidates) {
    if (out.length >= want) break;
    const key = foldCase(c.tag);
    if (c.score <= 0 || c.tag.length > rule.maxLength || !VALID_HASHTAG.test(c.tag)) continue;
    if (seenTags.has(key) || c.stems.some((s) => seenStems.has(s))) continue;
    out.push(`#${c.tag}`);
    seenTags.add(key);
    for (const s of c.stems) seenStems.add(s);
  }
  return out;
}

export function pickHashtags(input: HashtagInput, platform: Platform): string[] {
  return hashtagsFor(rankHashtagCandidates(input), platform);
}

function tokenise(text: string, headline: boolean): Token[] {
  // Emoji become spaces first, so "Илон😀Маск" does not read as one word once markup goes.
  const clean = stripMarkup(text.replace(EMOJI, ' ')).replace(/(^|\s)@[\p{L}\p{N}_]+/gu, '$1');
  const matches = [...clean.matchAll(WORD)];
  // In a text mostly in capitals ("СРОЧНО: ВСЕ НА ВЫБОРЫ") capitals mark no acronyms.
  const shouting = matches.filter((m) => isUpperCase(m[0])).length > 0.5 * matches.length;
  const tokens: Token[] = [];
  const opensQuote: boolean[] = [];
  let prevEnd = 0;
  for (const m of matches) {
    const raw = m[0];
    const gap = clean.slice(prevEnd, m.index);
    opensQuote.push(/[«"“„]$/u.test(gap));
    prevEnd = m.index + raw.length;
    const letters = raw.replace(/[^\p{L}]/gu, '').length;
    const acronym = !shouting && letters >= 2 && letters <= 6 && isUpperCase(raw);
    tokens.push({
      raw,
      stem: stemOf(raw, acronym),
      capitalised: /^\p{Lu}/u.test(raw),
      acronym,
      initial: tokens.length === 0 || /[.!?…\n:]/u.test(gap), // (a capital after a colon says nothing either)
      joined: tokens.length > 0 && /^[ \u00A0]$/u.test(gap),
    });
  }
  // A title in quotes capitalises its first word only («Щедрый год», «Моя цена»): no evidence of a name.
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (opensQuote[i] && tokens[i + 1].joined && !tokens[i + 1].capitalised && !tokens[i + 1].acronym) tokens[i].initial = true;
  }
  // Title Case headlines ("Fed Raises Rates Again") capitalise everything: no evidence of names.
  if (headline) {
    const long = tokens.slice(1).filter((t) => t.raw.length >= 4 && !t.acronym);
    if (long.length >= 3 && long.filter((t) => t.capitalised).length >= 0.6 * long.length) {
      for (const t of tokens) if (!t.acronym) t.initial = true;
    }
  }
  return tokens;
}

function isUpperCase(word: string): boolean {
  return word !== word.toLowerCase() && word === word.toUpperCase();
}

// News repeats its words: remember the stems of recent ones.
const STEM_CACHE_LIMIT = 50_000;
const stemCache = new Map<string, string>();
function stemOf(raw: string, acronym: boolean): string {
  const key = acronym ? `^${raw}` : raw;
  let stem = stemCache.get(key);
  if (stem === undefined) {
    stem = termStem(raw, acronym);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(key, stem);
  }
  return stem;
}

function termStem(raw: string, acronym: boolean): string {
  const lower = foldCase(raw);
  if (/^[\p{N}-]+$/u.test(lower)) return ''; // a plain number is no tag
  // Acronyms are not inflected, and some spell a stopword ("US", "IT").
  if (acronym) return isGeneric(lower) ? '' : lower;
  if (lower.length < 3) return '';
  const [stem] = stemWords([lower]);
  return stem && !isGeneric(stem) ? stem : '';
}

/** Runs of 2-3 adjacent name words ("Владимир Путин", "New York Times"). */
function addPhrases(terms: Map<string, Term>, field: Field, tokens: Token[], isName: (stem: string) => boolean, nextOrder: () => number): void {
  // Stopwords may sit inside a name ("New York", "Fox News") when capitalised mid-sentence.
  const key = (t: Token) => t.stem || (t.capitalised && !t.initial && t.raw.length >= 3 && !/\p{N}/u.test(t.raw) ? foldCase(t.raw) : '');
  // Acronyms stand alone: "Глава ЦБ Эльвира Набиуллина" holds two names, not "ЦБЭльвира".
  const nameLike = (t: Token) => !!key(t) && t.capitalised && !t.acronym && (!t.initial || isName(t.stem));
  for (let i = 0; i < tokens.length; i++) {
    if (!nameLike(tokens[i])) continue;
    for (let n = 2; n <= 3 && i + n <= tokens.length; n++) {
      const run = tokens.slice(i, i + n);
      if (!run.every(nameLike) || !run.slice(1).every((t) => t.joined) || !sameCaseRun(run)) break;
      const stems = run.map(key);
      const term = termFor(terms, stems.join(' '), stems, true, nextOrder());
      count(term, field);
      term.named++;
      bump(term.forms, run.map((t) => t.raw).join(' '), true);
    }
  }
}

/** The words of one Russian name agree in case ("Марии Захаровой"): a genitive in -ии before a word
 *  in the nominative ("посольства Великобритании Прайор") ends one name and starts the next, and so
 *  does a region's adjective after a town ("Марксе Саратовской"). */
function sameCaseRun(run: Token[]): boolean {
  return run.every((t, i) => {
    if (i === 0) return true;
    const before = run[i - 1].raw;
    if (/\p{Script=Cyrillic}ии$/u.test(before) && /\p{Script=Cyrillic}[бвгджзйклмнпрстфхцчшщ]$/u.test(t.raw)) return false;
    // A region's adjective agrees with "области", not with the town before it ("в Марксе Саратовской области").
    return !(/\p{Script=Cyrillic}(?:ской|ского|ском|скую|цкой|цкого)$/u.test(t.raw) && !/(?:ой|ого|ом|ую|ей|его|ем)$/u.test(before));
  });
}

/**
 * The stemmer cuts "Газпром" to "газпр" but "Газпрома" to "газпром": forms that differ by a case
 * ending are one word whatever their stems. Merged into the commoner term, which keeps both stems;
 * the tokens follow (phrases are built from them next). Answers the term a stem now belongs to.
 */
function mergeInflections(terms: Map<string, Term>, tokens: Token[]): (stem: string) => Term | undefined {
  const byForm = new Map<string, Term>();
  for (const term of terms.values()) for (const form of term.forms.keys()) byForm.set(foldCase(form), term);
  const into = new Map<string, string>(); // merged stem → the stem it went into
  for (const [form, term] of byForm) {
    for (const ending of CASE_ENDINGS) {
      const other = byForm.get(form + ending);
      if (!other || other === term || !terms.has(term.stems[0]) || !terms.has(other.stems[0]) || !isBaseOf(form, form + ending)) continue;
      const [keep, gone] = occurrences(term) >= occurrences(other) ? [term, other] : [other, term];
      for (const [field, n] of gone.counts) keep.counts.set(field, (keep.counts.get(field) ?? 0) + n);
      for (const [f, seen] of gone.forms) {
        const mine = keep.forms.get(f) ?? { seen: 0, mid: 0 };
        keep.forms.set(f, { seen: mine.seen + seen.seen, mid: mine.mid + seen.mid });
        byForm.set(foldCase(f), keep);
      }
      keep.named += gone.named;
      keep.plain += gone.plain;
      keep.figure ||= gone.figure;
      keep.order = Math.min(keep.order, gone.order);
      keep.stems.push(...gone.stems);
      for (const s of gone.stems) into.set(s, keep.stems[0]);
      terms.delete(gone.stems[0]);
    }
  }
  const resolve = (stem: string) => {
    while (!terms.has(stem) && into.has(stem)) stem = into.get(stem)!;
    return stem;
  };
  for (const t of tokens) if (t.stem) t.stem = resolve(t.stem);
  return (stem) => terms.get(resolve(stem));
}

function termFor(terms: Map<string, Term>, key: string, stems: string[], phrase: boolean, order: number): Term {
  let term = terms.get(key);
  if (!term) {
    term = { phrase, stems, counts: new Map(), forms: new Map(), named: 0, plain: 0, figure: false, order };
    terms.set(key, term);
  }
  return term;
}

function count(term: Term, field: Field): void {
  term.counts.set(field, (term.counts.get(field) ?? 0) + 1);
}

function bump(forms: Term['forms'], form: string, mid: boolean): void {
  const f = forms.get(form) ?? { seen: 0, mid: 0 };
  f.seen++;
  if (mid) f.mid++;
  forms.set(form, f);
}

/**
 * The base form if the text has one, else the form used most, case folded ("Ставка" at a sentence
 * start and "ставка" are one form; an oblique case counts less); on a tie the shorter, then the first
 * seen. Spelt as it is mid-sentence.
 */
function bestForm(term: Term): string {
  const byFold = new Map<string, { seen: number; spelling: string; mid: number }>();
  for (const [form, f] of term.forms) {
    const key = foldCase(form);
    const entry = byFold.get(key);
    if (!entry) byFold.set(key, { seen: f.seen, spelling: form, mid: f.mid });
    else {
      entry.seen += f.seen;
      if (f.mid > entry.mid) Object.assign(entry, { spelling: form, mid: f.mid });
    }
  }
  // A form that is another minus a case ending ("Газпром" of "Газпрома") is the base form: it wins.
  const keys = [...byFold.keys()];
  const bases = keys.filter((k) => keys.some((other) => isBaseOf(k, other)));
  const pool = bases.length ? bases.map((k) => byFold.get(k)!) : [...byFold.values()];
  let best = '';
  let bestWeight = -1;
  for (const { seen, spelling } of pool) {
    const w = seen * formPreference(spelling);
    if (w > bestWeight || (w === bestWeight && spelling.length < best.length)) {
      best = spelling;
      bestWeight = w;
    }
  }
  return best;
}

/** "Нью-Йорк" → "НьюЙорк", "Илон Маск" → "ИлонМаск", "COVID-19" → "COVID19", "O'Neill" → "ONeill". */
function toTag(form: string, name: boolean): string {
  const parts = form.split(/[\s\-'’]+/u).filter(Boolean);
  return parts
    .map((p, i) => {
      if (!name) return /^\p{Lu}\p{Ll}*$/u.test(p) ? p.toLowerCase() : p; // a sentence-start capital goes
      return i > 0 ? p.charAt(0).toUpperCase() + p.slice(1) : p;
    })
    .join('');
}

/** Stem → whether the source spelled it with a capital, for each word of the source tags ("#НовостиМосквы" → две). */
function sourceWords(tags: string[]): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const tag of tags) {
    const words = tag.replace(/^#/, '').replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').split(/[\s_]+/u);
    for (const word of words) {
      const stem = termStem(word, word.length > 1 && isUpperCase(word));
      if (stem) out.set(stem, (out.get(stem) ?? false) || /^\p{Lu}/u.test(word));
    }
  }
  return out;
}

function foldCase(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е').replace(/’/g, "'");
}
