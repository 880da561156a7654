// Hashtags from the story's own words, never invented: every tag is a word of the article, or two or
// three adjacent capitalised words joined in CamelCase ("Илон Маск" → #ИлонМаск). Terms score by
// where they occur (headline > dek, key points > body), how many of those texts use them, whether
// they read as names (capitalised mid-sentence, acronyms) and whether they carry a figure (G7,
// COVID-19). The source posts' own tags only raise terms the article uses: a channel's brand tag
// that the article never mentions stays out. Two tags sharing a stem are one topic and one tag.
import type { UiLanguage } from '../../settings';
import { stemWords, stripMarkup } from '../../text';
import type { Platform } from '../platforms';
import { PLATFORM_RULES } from './rules';

export interface HashtagInput {
  headline: string;
  dek?: string;
  keyPoints: string[];
  body: string;
  /** Tags the source posts carried, with or without '#'. */
  sourceHashtags?: string[];
  /** The package's language: on equal scores its script goes first. */
  language: UiLanguage;
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
make one two three срочно breaking`;
let genericStems: Set<string> | null = null;
const isGeneric = (stem: string) => (genericStems ??= new Set(stemWords(GENERIC_WORDS.split(/\s+/)))).has(stem);

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
  stems: string[];
  weight: number;
  fields: Set<Field>;
  forms: Map<string, number>;
  initialForms: Map<string, number>;
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
      const term = termFor(terms, t.stem, [t.stem], order++);
      term.weight += FIELD_WEIGHTS[field];
      term.fields.add(field);
      if (t.acronym || (t.capitalised && !t.initial)) term.named++;
      else if (!t.capitalised) term.plain++;
      // A capital at a sentence start says nothing: such forms serve only when there is no other.
      bump(t.initial && t.capitalised && !t.acronym ? term.initialForms : term.forms, t.raw);
      term.figure ||= /\p{N}/u.test(t.raw);
    }
  }
  const isName = (stem: string) => {
    const t = terms.get(stem);
    return !!t && t.named > t.plain;
  };
  for (const [field, tokens] of tokenised) addPhrases(terms, field, tokens, isName, () => order++);

  const boosted = sourceStems(input.sourceHashtags ?? []);
  const script = input.language === 'ru' ? /\p{Script=Cyrillic}/u : /\p{Script=Latin}/u;
  const out: (HashtagCandidate & { order: number; native: boolean })[] = [];
  for (const term of terms.values()) {
    const form = bestForm(term);
    if (!form) continue;
    const phrase = term.stems.length > 1;
    const name = phrase || term.named > term.plain;
    const tag = toTag(form, name);
    const score =
      term.weight *
      (name ? NAME_BOOST : 1) *
      (phrase ? PHRASE_BOOST : 1) *
      (term.figure ? FIGURE_BOOST : 1) *
      (term.stems.some((s) => boosted.has(s)) ? SOURCE_TAG_BOOST : 1) *
      (1 + SPREAD_BONUS * (term.fields.size - 1));
    out.push({ tag, stems: term.stems, score, order: term.order, native: script.test(tag) });
  }
  out.sort((a, b) => b.score - a.score || Number(b.native) - Number(a.native) || a.order - b.order);
  return out.map(({ tag, stems, score }) => ({ tag, stems, score }));
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
    if (c.tag.length > rule.maxLength || !VALID_HASHTAG.test(c.tag)) continue;
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
  const clean = stripMarkup(text).replace(/(^|\s)@[\p{L}\p{N}_]+/gu, '$1');
  const matches = [...clean.matchAll(WORD)];
  // In a text mostly in capitals ("СРОЧНО: ВСЕ НА ВЫБОРЫ") capitals mark no acronyms.
  const shouting = matches.filter((m) => isUpperCase(m[0])).length > 0.5 * matches.length;
  const tokens: Token[] = [];
  let prevEnd = 0;
  for (const m of matches) {
    const raw = m[0];
    const gap = clean.slice(prevEnd, m.index);
    prevEnd = m.index + raw.length;
    const letters = raw.replace(/[^\p{L}]/gu, '').length;
    const acronym = !shouting && letters >= 2 && letters <= 6 && isUpperCase(raw);
    tokens.push({
      raw,
      stem: termStem(raw, acronym),
      capitalised: /^\p{Lu}/u.test(raw),
      acronym,
      initial: tokens.length === 0 || /[.!?…\n]/u.test(gap),
      joined: tokens.length > 0 && /^[ \u00A0]$/u.test(gap),
    });
  }
  // Title Case headlines ("Fed Raises Rates Again") capitalise everything: no evidence of names.
  if (headline) {
    const long = tokens.filter((t) => t.raw.length >= 4 && !t.acronym);
    if (long.length >= 3 && long.filter((t) => t.capitalised).length >= 0.6 * long.length) {
      for (const t of tokens) if (!t.acronym) t.initial = true;
    }
  }
  return tokens;
}

function isUpperCase(word: string): boolean {
  return word !== word.toLowerCase() && word === word.toUpperCase();
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
  const nameLike = (t: Token) => !!t.stem && t.capitalised && (t.acronym || !t.initial || isName(t.stem));
  for (let i = 0; i < tokens.length; i++) {
    if (!nameLike(tokens[i])) continue;
    for (let n = 2; n <= 3 && i + n <= tokens.length; n++) {
      const run = tokens.slice(i, i + n);
      if (!run.every(nameLike) || !run.slice(1).every((t) => t.joined)) break;
      const stems = run.map((t) => t.stem);
      const term = termFor(terms, stems.join(' '), stems, nextOrder());
      term.weight += FIELD_WEIGHTS[field];
      term.fields.add(field);
      term.named++;
      bump(term.forms, run.map((t) => t.raw).join(' '));
    }
  }
}

function termFor(terms: Map<string, Term>, key: string, stems: string[], order: number): Term {
  let term = terms.get(key);
  if (!term) {
    term = { stems, weight: 0, fields: new Set(), forms: new Map(), initialForms: new Map(), named: 0, plain: 0, figure: false, order };
    terms.set(key, term);
  }
  return term;
}

function bump(forms: Map<string, number>, form: string): void {
  forms.set(form, (forms.get(form) ?? 0) + 1);
}

/** The commonest surface form; on a tie the shorter (more often the base form), then the first seen. */
function bestForm(term: Term): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [form, n] of term.forms.size > 0 ? term.forms : term.initialForms) {
    if (n > bestCount || (n === bestCount && best !== null && form.length < best.length)) {
      best = form;
      bestCount = n;
    }
  }
  return best;
}

/** "Нью-Йорк" → "НьюЙорк", "Илон Маск" → "ИлонМаск", "COVID-19" → "COVID19", "O'Neill" → "ONeill". */
function toTag(form: string, name: boolean): string {
  const parts = form.split(/[\s\-'’]+/u).filter(Boolean);
  return parts.map((p, i) => (name && i > 0 ? p.charAt(0).toUpperCase() + p.slice(1) : p)).join('');
}

function sourceStems(tags: string[]): Set<string> {
  const words = tags.flatMap((tag) =>
    tag
      .replace(/^#/, '')
      .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
      .split(/[\s_]+/u)
      .map(foldCase),
  );
  return new Set(stemWords(words));
}

function foldCase(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е').replace(/’/g, "'");
}
