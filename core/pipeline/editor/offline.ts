// The offline Editor: an article written from the topic's own posts with no model. Extractive
// (TextRank picks the sentences, several channels confirming a sentence raise it), rephrased by
// rules and guarded against copying, framed by templates that state only what the posts show.
// Deterministic: the same request gives the same draft.
import { SourceGrams } from '../text/copy-guard';
import { ASIDES } from '../text/repairs';
import { hasVerbWord } from '../text/verb-forms';
import { wordSpans } from '../text/word-spans';
import { ADJECTIVE, OPENING_CONJUNCTION, dashReading, lowerFirst, namesItsPerson, tidy, upperFirst, type RephraseContext } from '../text/rephrase';
import type { EditorDraft, EditorRequest, SourcePost, VerificationFlag } from '../types';
import { stripMarkup } from '../../text/markup';
import { HEADLINE_MAX, KEY_POINTS } from './check';
import { CONNECTIVE, LINK_PHRASE, writeBodies, type BodyInputs } from './offline-bodies';
import { gatherMaterial, pointsBack } from './offline-material';
import { channelName, clock, phrasesFor, type Phrases } from './offline-phrases';
import { buildUnits, compact, cutAtClause, type Unit } from './offline-units';
import { contradictions, singleSourceClaims } from './offline-verify';

const DEK_MAX = 220;
const KEY_POINT_MAX = 200;
const KEY_POINTS_WANTED = 5;
// "взыскание этого долга": the debt was named in the sentence before ("в этом году" names its year).
const DEMONSTRATIVE = /(?<![\p{L}])(?:этого|этой|этот|эта|эти|этих|этим|этими|этому|этом)(?![\p{L}])(?!\s+(?:год|году|года|недел|месяц|утр|вечер|ноч|раз|момент))/iu;
// Openers and lead-ins the headline does without: a headline states the fact, the body credits it.
// (A hedge goes too: a headline states what the story reports, the body says how sure it is.)
const OPENING_ASIDE = new RegExp(
  `^(${['к счастью', 'к сожалению', 'кстати', 'напомним', 'однако', 'при этом', 'также', 'между тем', 'тем временем', 'по предварительным данным', 'по предварительной информации', 'предварительно', 'however', 'meanwhile', 'also', ...ASIDES.ru, ...ASIDES.en].join('|')}),\\s*`,
  'iu',
);
// "Как пишет Reuters, ссылаясь на полицию, …", "Как считают экономисты, опрошенные "Ведомостями", …":
// the phrase naming the source goes with it.
const LEAD_IN =
  /^(как [^,]{2,80}|по данным [^,]{2,60}|по словам [^,]{2,60}|согласно [^,]{2,60}|according to [^,]{2,60}|as [^,]{2,60} reports?),\s*(?:(?:ссылаясь на|citing|\p{Ll}+(?:нн|т)(?:ые|ый|ая|ое)) [^,]{2,80},\s*)?/iu;

export function writeArticleOffline(request: EditorRequest): EditorDraft {
  const { posts, tone } = request;
  const material = gatherMaterial(posts, request.language);
  // Rules cannot translate: the whole article, its framing too, is in the posts' language (mixed,
  // "According to Mash, в Ливане…", it would read as broken). The draft says so.
  const language = material.lang;
  const ctx: RephraseContext = { lang: material.lang, lowerWords: material.lowerWords, nameWords: material.nameWords, lowerStems: material.lowerStems };
  const strong = !!request.rewrite;
  // On the rewrite, the passages named as too close are avoided as if they were sources too.
  const grams = new SourceGrams([...posts.map((p) => p.text), ...(request.rewrite?.passages ?? [])]);
  const units = buildUnits(material, grams, ctx, strong);
  const phrases = phrasesFor(language, tone);
  const name = (post: number) => channelName(posts[post].channelTitle, language);

  const channels = distinctChannels(posts);
  const conflicts = contradictions(material.all, posts, phrases, language);
  const claims = (list: Unit[]) => list.map((u) => ({ sentence: u.sentence, claim: stripLeadIn(u.text) }));
  const baseFraming = { ...framing(posts, channels, units, phrases, language, conflicts), recap: recap(units, phrases, ctx) };
  const inputs: BodyInputs = { units, phrases, ctx, grams, channelOf: (u) => name(u.sentence.post), framing: baseFraming };
  let bodies = writeBodies(inputs);
  let singles = singleSourceClaims(claims(bodies.used), posts);
  if (singles.length > 0) {
    // Say in the text that some of what it reports has one source; the flags name it.
    inputs.framing = { ...baseFraming, notes: [...baseFraming.notes, phrases.singleSource(name(postIndex(posts, singles[0].sources[0])))] };
    bodies = writeBodies(inputs);
    singles = singleSourceClaims(claims(bodies.used), posts);
  }

  // The most central sentence, shortened by its asides if need be; the next one if it cannot be.
  // Headline and dek stand alone: not a sentence that leans on one before it.
  const alone = (u: Unit) => !u.sentence.anaphoric && !pointsBack(u.plain) && !CONNECTIVE.test(u.plain) && !DEMONSTRATIVE.test(u.plain);
  const headlineUnit =
    units.slice(0, 3).find((u) => alone(u) && hasVerbWord(u.plain) && (compact(stripLeadIn(u.plain), HEADLINE_MAX + 1, ctx)?.split(' ').length ?? 0) >= 6) ??
    units.find(alone) ??
    units[0];
  const headline = (headlineUnit ? makeHeadline(headlineUnit.plain, ctx) : titleFromPost(posts[0])) || (posts[0] ? phrases.postTitle(name(0)) : '');
  const dekUnit =
    units.find((u) => u !== headlineUnit && u.sentence.post !== headlineUnit?.sentence.post && alone(u)) ??
    units.find((u) => u !== headlineUnit && alone(u)) ??
    units[1];
  const dek = (dekUnit && compact(dekUnit.plain, DEK_MAX, ctx)) || inputs.framing.sources;
  const keyPoints = makeKeyPoints(units, inputs, phrases);

  const usedUnits = new Set([...bodies.used, headlineUnit, dekUnit, ...keyPoints.units].filter((u): u is Unit => !!u));
  const needsVerification: VerificationFlag[] = [...conflicts, ...singles];
  return {
    headline,
    dek,
    body: { short: bodies.short, medium: bodies.medium, long: bodies.long },
    keyPoints: keyPoints.points,
    sourceLinks: sourceLinks(posts, usedUnits, channels),
    needsVerification,
    ...(language !== request.language ? { language } : {}),
  };
}

/** The first post of each channel, in the order the channels first wrote. */
function distinctChannels(posts: SourcePost[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  posts.forEach((p, i) => {
    if (seen.has(p.channelTitle)) return;
    seen.add(p.channelTitle);
    out.push(i);
  });
  return out;
}

function postIndex(posts: SourcePost[], url: string): number {
  return Math.max(0, posts.findIndex((p) => p.url === url));
}

function framing(
  posts: SourcePost[],
  channels: number[],
  units: Unit[],
  phrases: Phrases,
  language: EditorRequest['language'],
  conflicts: VerificationFlag[],
): Omit<BodyInputs['framing'], 'recap'> {
  const name = (i: number) => channelName(posts[i].channelTitle, language);
  const byDate = posts.map((p, i) => ({ i, date: p.date })).sort((a, b) => a.date.localeCompare(b.date) || a.i - b.i);
  const first = byDate[0];
  const last = byDate[byDate.length - 1];
  const timeline =
    first && last && clock(first.date, language) !== clock(last.date, language)
      ? phrases.timeline({ time: clock(first.date, language), channel: name(first.i) }, { time: clock(last.date, language), channel: name(last.i) })
      : null;
  const confirmedBy = units[0] ? new Set([posts[units[0].sentence.post].channelTitle, ...units[0].sentence.confirmedBy.map((p) => posts[p].channelTitle)]).size : 0;
  return {
    sources: phrases.sources(channels.map(name)),
    timeline,
    confirmed: confirmedBy >= 2 ? phrases.confirmed(confirmedBy) : null,
    notes: conflicts.map((c) => c.claim),
    postedBy: channels.length > 0 ? [phrases.postedBy(channels.map((i) => ({ channel: name(i), time: clock(posts[i].date, language) })))] : [],
  };
}

/** The three best facts from different posts, short, as one closing sentence. */
function recap(units: Unit[], phrases: Phrases, ctx: RephraseContext): string | null {
  const facts: string[] = [];
  const posts = new Set<number>();
  for (const u of units) {
    if (facts.length >= 3 || posts.has(u.sentence.post) || u.sentence.anaphoric || u.shared > 0) continue;
    const fact = compact(stripLeadIn(u.text), 140, ctx);
    if (!fact) continue;
    posts.add(u.sentence.post);
    facts.push(lowerFirst(fact, ctx));
  }
  return facts.length >= 2 ? phrases.recap(facts) : null;
}

// "Кроме того, автовладельцев просят…", "Также …": alone, a sentence adds to nothing.
const OPENING_ALSO = /^(?:также|also),?\s+(?=\p{L})/iu;

/** The sentence standing alone (a headline, a dek, a key point): no lead-in, no conjunction tying it to the one before. */
function stripLeadIn(text: string): string {
  const stripped = text.replace(LEAD_IN, '').replace(OPENING_CONJUNCTION, '').replace(LINK_PHRASE, '').replace(OPENING_ALSO, '');
  return stripped === text ? text : upperFirst(stripped);
}

/** The most central sentence as a headline: no lead-in, no final stop, cut at a clause, never mid-word. */
export function makeHeadline(text: string, ctx: RephraseContext): string {
  // A trailing credit ("…, — синоптики") belongs in the body, not the headline; a dash after one
  // or two words stands for a verb ("…, а евро — 113"), as it does before "это" ("бесплодие — это
  // следствие…"), and a figure is no one's credit.
  let line = stripLeadIn(text)
    .replace(OPENING_ASIDE, '')
    .replace(/,?\s+[—–-]\s+(?!это\s)\p{L}[^,—–]{1,39}[.!]?$/u, (m, at: number, whole: string) =>
      wordSpans(text).length > 8 && dashReading(whole.slice(0, m.startsWith(',') ? at + 1 : at)) === 'open' && !namesItsPerson(whole.slice(0, at), m.replace(/^,?\s+[—–-]\s+/u, '')) ? '' : m,
    );
  // Who speaks gives way before the fact is cut ("Научный руководитель Гидрометцентра …: резкое
  // понижение … предполагается" loses where and when).
  const speaker = /^[^:«"“]{2,80}:\s+(?=\p{L})/u.exec(line);
  if (line.length > HEADLINE_MAX && speaker && hasVerbWord(line.slice(speaker[0].length))) line = upperFirst(line.slice(speaker[0].length));
  if (line.length > HEADLINE_MAX) line = compact(line, HEADLINE_MAX, ctx) ?? line;
  if (line.length > HEADLINE_MAX) line = cutAtClause(line, HEADLINE_MAX, 3) ?? cutAtWord(line, HEADLINE_MAX);
  return upperFirst(line.replace(TRAILING_ASIDE, '').replace(/[.;:,\s]+$/u, '').trim());
}

// An introductory word left at the end by a cut ("…под Воронежем, предварительно").
const TRAILING_ASIDE = /,\s*(?:предварительно|вероятно|возможно|по-видимому|по данным|однако|также|при этом|reportedly|however)[.;:,\s]*$/iu;

// An adjective waits for its noun: a headline cut after one ("…удары по российским") reads cut off.
const TRAILING_ADJECTIVE = new RegExp(String.raw`\s+(?:${ADJECTIVE.source.replace(/\$$/u, '')}|\p{Script=Cyrillic}+(?:ск|н|в)(?:им|ым|их|ых))$`, 'u');

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max + 1);
  const space = head.lastIndexOf(' ');
  let cut = space > 0 ? head.slice(0, space) : head.slice(0, max);
  // A figure whose unit or digits were cut off ("ставка составит 28,1" of "28,1 процента", "12" of
  // "12 000₽") is no fact: the clause goes back to its comma.
  if (/\d$/u.test(cut) && /^\s+[\p{L}\p{N}₽$€%]/u.test(text.slice(cut.length))) {
    // Without a comma to go back to, the figure goes with the short word it hangs on ("…сертификат на 12").
    cut = cut.lastIndexOf(', ') > 0 ? cut.slice(0, cut.lastIndexOf(', ')) : cut.replace(/(?:\s+\p{L}{1,5})?\s+[\d.,]+$/u, '');
  }
  // A word or two after a comma start a clause the cut leaves unsaid ("…в Москве, пострадавших").
  for (let i = 0; i < 3; i++) {
    cut = cut
      .replace(/[,;:—–\s-]+$/u, '')
      .replace(TRAILING_ADJECTIVE, '')
      .replace(/\s+\S{1,3}$/u, (m) => (/\d/.test(m) ? m : ''))
      .replace(/,(?:\s+[^\s,]+){1,2}$/u, '');
  }
  return cut.replace(/[,;:—–\s-]+$/u, '');
}

function titleFromPost(post: SourcePost | undefined): string {
  if (!post) return '';
  const line = stripMarkup(post.text).split('\n').find((l) => /\p{L}{3}/u.test(l)) ?? '';
  // As the post reads, without its emoji and hashtags.
  return cutAtWord(tidy(line.replace(/(^|\s)#[\p{L}\p{N}_]+/gu, '$1')), HEADLINE_MAX);
}

function makeKeyPoints(units: Unit[], inputs: BodyInputs, phrases: Phrases): { points: string[]; units: Unit[] } {
  const chosen: Unit[] = [];
  const channels = new Set<string>();
  const add = (u: Unit) => {
    // A point is read alone: "Он накопился после…" says nothing without the sentence before it.
    if (chosen.length >= KEY_POINTS_WANTED || chosen.includes(u) || u.sentence.anaphoric || pointsBack(u.plain)) return;
    if (!compact(stripLeadIn(u.plain), KEY_POINT_MAX, inputs.ctx)) return;
    chosen.push(u);
    channels.add(inputs.channelOf(u));
  };
  for (const u of units) if (!channels.has(inputs.channelOf(u))) add(u);
  for (const u of units) if (chosen.length < KEY_POINTS.min) add(u);
  const points = chosen.map((u) =>
    phrases.keyPoint(compact(stripLeadIn(u.plain), KEY_POINT_MAX, inputs.ctx)!, inputs.channelOf(u)),
  );
  // Too few facts (a one-post topic): what the posts show about themselves fills the list.
  const { sources, timeline, postedBy } = inputs.framing;
  for (const extra of [sources, timeline, ...postedBy]) if (points.length < KEY_POINTS.min && extra) points.push(extra);
  return { points: points.slice(0, KEY_POINTS.max), units: chosen };
}

function sourceLinks(posts: SourcePost[], used: Set<Unit>, channels: number[]): string[] {
  const posted = new Set([...used].map((u) => u.sentence.post));
  // The sources sentence names every channel: its first post is cited too.
  for (const i of channels) posted.add(i);
  return [...posted].sort((a, b) => a - b).map((i) => posts[i].url);
}
