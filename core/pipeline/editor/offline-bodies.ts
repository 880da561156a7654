// The three bodies: the same lead, growing by the next-best units and, where the posts run out,
// by what the posts themselves show (who reported, when, what is unconfirmed). Each body is
// re-measured against the sources; a unit that tips it over the copy limits is taken out.
import { ORIGINALITY_LIMITS } from '../originality';
import type { SourceGrams } from '../text/copy-guard';
import { OPENING_CONJUNCTION, firstWordOf, lowerFirst, upperFirst, type RephraseContext } from '../text/rephrase';
import { BODY_LENGTHS } from './check';
import { withSource, type Phrases } from './offline-phrases';
import { compact, type Unit } from './offline-units';
import { creditAtAside } from '../text/repairs';

export interface BodyInputs {
  units: Unit[];
  phrases: Phrases;
  ctx: RephraseContext;
  grams: SourceGrams;
  /** The channel name a unit is credited to. */
  channelOf(unit: Unit): string;
  /** Sentences about the coverage, in the order a long text adds them. */
  framing: { sources: string; timeline: string | null; confirmed: string | null; notes: string[]; postedBy: string[]; recap: string | null };
}

export interface Bodies {
  short: string;
  medium: string;
  long: string;
  used: Unit[];
}

// Leave some room below the hard share limit: the final check counts a few windows more (across sentences).
const SHARE_BUDGET = ORIGINALITY_LIMITS.maxSharedNgramShare * 0.8;
const PARAGRAPH_CHARS = 420;
// A sentence that opens with its own link word takes no connector in front of it, and leans on the
// sentence before it (no dek).
export const CONNECTIVE =
  /^(кроме того|помимо этого|также|при этом|причем|причём|вместе с тем|однако|но|а|и|тем временем|между тем|впрочем|в итоге|в результате|затем|потом|позже|позднее|in addition|also|meanwhile|however|but|and|then|later)(?![\p{L}])/iu;

// After a lead-in a link phrase reads wrong ("По данным X, при этом позднее…"): it goes.
export const LINK_PHRASE = /^(?:при этом|вместе с тем|кроме того|помимо этого|между тем|тем временем|in addition|meanwhile),?\s+(?=\p{L})/iu;
// "Кроме двигателя…", "Также…": the sentence adds on its own; "Кроме того, кроме…" says it twice.
const ADDITIVE_OPENER = /^(?:кроме|помимо|также|ещё|еще|also|besides|in addition)(?![\p{L}])/iu;
// "RT: …", "Песков: …": the sentence names who speaks; a connector in front ("При этом RT: …") reads wrong.
const SPEAKER_PREFIX = /^[^,.:;«"“]{2,40}:\s/u;
/** A connector in front of a sentence. Not before "RT: …"; and "Также" before "как рассказал
 *  премьер, …" would read as "just as": it goes inside the clause ("Как также рассказал…"), a
 *  phrase goes before a comma ("При этом, как…"). `lower` lowers the sentence's first letter, only
 *  when something goes before it: a sentence left alone keeps its capital ("Инфографика RTVI: …"). */
export function withConnector(connector: string, sentence: string, lower: (text: string) => string = (t) => t): string {
  if (SPEAKER_PREFIX.test(sentence) || ADDITIVE_OPENER.test(sentence)) return sentence;
  const text = lower(sentence);
  const clause = /^(как|as)(?=\s)/iu.exec(text);
  if (!clause) return `${connector} ${text}`;
  const word = connector.replace(/[,:]$/u, '');
  if (/^(также|also)$/iu.test(word)) return `${upperFirst(clause[1])} ${word.toLowerCase()}${text.slice(clause[1].length)}`;
  return `${word}, ${text}`;
}

export function writeBodies(inputs: BodyInputs): Bodies {
  const { units, framing } = inputs;
  const short = writeShort(inputs);
  const mediumTail = [[framing.sources], [framing.timeline, framing.confirmed], framing.postedBy, framing.notes];
  const mediumWith = (groups: number) =>
    grow(inputs, short.units, { max: BODY_LENGTHS.medium.max, target: 950, min: BODY_LENGTHS.medium.min, tail: mediumTail.slice(0, groups) });
  let medium = mediumWith(mediumTail.length);
  const longOf = (m: { units: Unit[]; text: string }) =>
    grow(inputs, m.units, {
      max: BODY_LENGTHS.long.max,
      target: 2400,
      min: BODY_LENGTHS.long.min,
      tail: [[...framing.notes, framing.confirmed, framing.sources, framing.timeline], framing.postedBy, [framing.recap]],
      mustExceed: m.text.length,
    });
  let long = longOf(medium);
  // Too little material for three lengths: the medium gives up framing sentences to the long.
  for (let groups = mediumTail.length - 1; groups >= 1 && long.text.length <= medium.text.length; groups--) {
    medium = mediumWith(groups);
    long = longOf(medium);
  }
  const used = new Set([...short.units, ...medium.units, ...long.units].map((u) => u.sentence));
  return { short: short.text, medium: medium.text, long: long.text, used: units.filter((u) => used.has(u.sentence)) };
}

function writeShort(inputs: BodyInputs): { units: Unit[]; text: string } {
  const { max } = BODY_LENGTHS.short;
  const standalone = inputs.units.filter((u) => !u.sentence.anaphoric);
  const leads = [
    ...standalone.filter((u) => u.shared === 0),
    ...[...standalone].filter((u) => u.shared > 0).sort((a, b) => a.shared - b.shared),
  ];
  for (const candidate of leads) {
    const lead = fitted(inputs, candidate, max);
    if (!lead) continue;
    let chosen = [lead];
    for (const unit of standalone) {
      if (chosen.some((c) => c.sentence === unit.sentence) || unit.shared > 0) continue;
      if (render(inputs, [...chosen, unit]).length <= max) chosen = [...chosen, unit];
    }
    // Adjacent sentences can still form a copied run across their boundary: drop from the end.
    while (chosen.length > 1 && tooClose(inputs, render(inputs, chosen))) chosen = chosen.slice(0, -1);
    if (!tooClose(inputs, render(inputs, chosen))) return { units: chosen, text: render(inputs, chosen) };
  }
  const fallback = inputs.framing.sources;
  return { units: [], text: fallback.length <= max ? fallback : '' };
}

/** The unit as it fits in `max` characters with its lead-in, compacted if needed. */
function fitted(inputs: BodyInputs, unit: Unit, max: number): Unit | null {
  const text = render(inputs, [unit]);
  if (text.length <= max) return unit;
  const shorter = compact(unit.text, max - (text.length - unit.text.length), inputs.ctx);
  const trimmed = shorter ? { ...unit, text: shorter } : null;
  return trimmed && render(inputs, [trimmed]).length <= max ? trimmed : null;
}

function tooClose(inputs: BodyInputs, text: string): boolean {
  const m = inputs.grams.measure(text);
  return m.longestRun > ORIGINALITY_LIMITS.maxSharedRun || m.shared > ORIGINALITY_LIMITS.maxSharedNgramShare * m.windows;
}

interface GrowOptions {
  max: number;
  target: number;
  min: number;
  /** Framing sentences: the first group always (as room allows), the next groups only to reach `min`. */
  tail: (string | null)[][];
  mustExceed?: number;
}

function grow(inputs: BodyInputs, base: Unit[], options: GrowOptions): { units: Unit[]; text: string } {
  let chosen = [...base];
  const tailRoom = 160;
  const fill = (allowShared: boolean) => {
    for (const unit of inputs.units) {
      if (chosen.some((c) => c.sentence === unit.sentence) || (unit.shared > 0 && !allowShared)) continue;
      if (render(inputs, chosen).length >= options.target) break;
      const next = placed(chosen, unit);
      if (!next) continue;
      if (render(inputs, next).length <= options.max - tailRoom) chosen = next;
    }
  };
  fill(false);
  const short = () => {
    const length = withTail(inputs, chosen, options).length;
    return length < options.min || (options.mustExceed !== undefined && length <= options.mustExceed);
  };
  if (short()) fill(true);

  for (let attempt = 0; attempt < 8; attempt++) {
    const text = withTail(inputs, chosen, options);
    const m = inputs.grams.measure(text);
    const tooClose = m.longestRun > ORIGINALITY_LIMITS.maxSharedRun || m.shared > SHARE_BUDGET * m.windows;
    const worst = chosen
      .filter((u) => !base.includes(u) || base.length > 1)
      .filter((u) => u.shared > 0)
      .sort((a, b) => b.shared - a.shared)[0];
    if (!tooClose || !worst) return { units: chosen, text };
    chosen = chosen.filter((u) => u !== worst);
  }
  return { units: chosen, text: withTail(inputs, chosen, options) };
}

function follows(units: Unit[], unit: Unit): boolean {
  const before = units[units.indexOf(unit) - 1];
  return !!before && before.sentence.post === unit.sentence.post && before.sentence.position === unit.sentence.position - 1;
}

/** `chosen` with `unit` added: at the end, or right after the sentence its pronoun points back to. */
function placed(chosen: Unit[], unit: Unit): Unit[] | null {
  if (!unit.sentence.anaphoric) return [...chosen, unit];
  const { post, position } = unit.sentence;
  const at = chosen.findIndex((c) => c.sentence.post === post && c.sentence.position === position - 1);
  if (at < 0) return null;
  return [...chosen.slice(0, at + 1), unit, ...chosen.slice(at + 1)];
}

function withTail(inputs: BodyInputs, chosen: Unit[], options: GrowOptions): string {
  const body = render(inputs, chosen);
  let tail: string[] = [];
  const fits = (extra: string[]) => join(body, [...tail, ...extra]).length <= options.max;
  options.tail.forEach((group, i) => {
    const current = join(body, tail).length;
    const needed = current < options.min || (options.mustExceed !== undefined && current <= options.mustExceed);
    if (i > 0 && !needed) return;
    for (const sentence of group) {
      if (!sentence || tail.includes(sentence)) continue;
      if (fits([sentence])) tail = [...tail, sentence];
    }
  });
  return join(body, tail);
}

function join(body: string, tail: string[]): string {
  if (tail.length === 0) return body;
  return body ? `${body}\n\n${tail.join(' ')}` : tail.join(' ');
}

// A post's headline line, or a sentence that ended in "млрд." before the unit was spelt out, has no
// full stop of its own: in running text the next sentence would read on as part of it.
const closed = (sentence: string) => (/[.!?…][»"”)]*$/u.test(sentence) ? sentence : `${sentence}.`);

/** The units as prose: a source named the first time it speaks, connectors between, paragraphs. */
export function render(inputs: BodyInputs, units: Unit[]): string {
  const { phrases, ctx } = inputs;
  const named = new Set<string>();
  let leadIns = 0;
  let connectors = 0;
  let previous = '';
  const sentences: string[] = [];
  for (const unit of units) {
    const channel = inputs.channelOf(unit);
    let text = unit.text;
    // A first word we cannot tell from a name keeps its capital, so nothing goes before it but a colon.
    const first = firstWordOf(text, ctx);
    if (!named.has(channel) && !unit.attributed) {
      const credit = withSource(phrases.leadIns[leadIns++ % phrases.leadIns.length], channel, ctx.lang);
      if (/^[«"“]/.test(text) || first === 'unknown') text = creditAtAside(text, ctx.lang, credit) ?? `${withSource(phrases.colonLeadIns[0], channel, ctx.lang)}: ${text}`;
      // "Как сообщает X, но если…": a conjunction linking to the post's previous sentence goes.
      else {
        const own = text.replace(OPENING_CONJUNCTION, '').replace(LINK_PHRASE, '');
        // (The conjunction gone, the sentence opens with what followed it: "При этом после…" → "После…".)
        text = creditAtAside(upperFirst(own), ctx.lang, credit) ?? `${credit}, ${lowerFirst(own, ctx)}`;
      }
    } else if (!/^[«"“]/.test(text) && first !== 'unknown' && !CONNECTIVE.test(text) && !CONNECTIVE.test(sentences.at(-1) ?? '') && previous === channel && (follows(units, unit) || sentences.length % 2 === 1)) {
      // (Not after a sentence that opens on a link word itself: "Кроме того, … Кроме того, …" is a list read aloud.)
      // A connector also keeps two neighbouring sentences of one post from reading as one copied run.
      text = withConnector(phrases.connectors[connectors++ % phrases.connectors.length], text, (t) => lowerFirst(t, ctx));
    }
    named.add(channel);
    previous = channel;
    sentences.push(closed(text));
  }
  const paragraphs: string[] = [];
  let current = '';
  for (const s of sentences) {
    if (current && current.length + s.length > PARAGRAPH_CHARS) {
      paragraphs.push(current);
      current = s;
    } else current = current ? `${current} ${s}` : s;
  }
  if (current) paragraphs.push(current);
  return paragraphs.join('\n\n');
}
