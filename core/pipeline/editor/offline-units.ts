// Units: ranked sentences rephrased and guarded against copying, ready to be placed in a text.
import { ORIGINALITY_LIMITS } from '../originality';
import { guardSentence, type SourceGrams } from '../text/copy-guard';
import { repairVariants } from '../text/repairs';
import { dashReading, rephrase, tidy, type RephraseContext } from '../text/rephrase';
import { wordSpans } from '../text/word-spans';
import { QUALIFYING_CLAUSE, RU_PARTICIPLE, RU_VERB_LAST, hasVerbWord } from '../text/verb-forms';
import type { Material, PoolSentence } from './offline-material';

export interface Unit {
  sentence: PoolSentence;
  /** The rephrased sentence, without a lead-in. */
  text: string;
  /** Rephrased but not repaired: reads best, for the headline (which is not measured). */
  plain: string;
  /** The sentence names its own source ("Как сообщил…", "Песков заявил…"). */
  attributed: boolean;
  /** Word 8-grams still shared with a source after the repairs. */
  shared: number;
}

const MAX_UNITS = 40;
// A sentence that says whose word it is: opening on it, with a speaker's colon, or naming its source
// anywhere ("по сообщениям свидетелей", "по данным «Известий»"; not the rephraser's own aside,
// "по сообщениям, …"), or with a reporting verb.
const SELF_ATTRIBUTED =
  /^(как |согласно|according to|as )|^[^,.]{2,60}:\s|(?<!\p{L})по (?:данным|словам|сообщениям|информации|сведениям)\s+(?=[\p{L}\p{N}«"“[])|(?<!\p{L})(заявил[аио]?|сообщил[аио]?|рассказал[аио]?|отметил[аио]?|уточнил[аио]?|подчеркнул[аио]?|пишет|пишут|сообщает|сообщают|передает|передаёт|заявляет|said|says|told|reported|reports)(?!\p{L})/iu;

export function buildUnits(material: Material, grams: SourceGrams, ctx: RephraseContext, strong: boolean): Unit[] {
  const units: Unit[] = [];
  for (const sentence of material.ranked.slice(0, MAX_UNITS)) {
    const plain = rephrase(sentence.text, ctx);
    let guarded = guardSentence(plain, grams, ctx, strong);
    if (guarded.longestRun > ORIGINALITY_LIMITS.maxSharedRun && !strong) guarded = guardSentence(guarded.text, grams, ctx, true);
    if (guarded.longestRun > ORIGINALITY_LIMITS.maxSharedRun) continue;
    units.push({ sentence, text: guarded.text, plain, attributed: SELF_ATTRIBUTED.test(guarded.text), shared: guarded.shared });
  }
  return units;
}


/** The unit's text within `max` characters: clauses dropped first, then cut at a clause mark. */
export function compact(text: string, max: number, ctx: RephraseContext): string | null {
  let current = text;
  for (let round = 0; round < 6 && current.length > max; round++) {
    const shorter = repairVariants(current, ctx, true)
      .filter((v) => v.text.length < current.length)
      .sort((a, b) => a.text.length - b.text.length)[0];
    if (!shorter) break;
    current = shorter.text;
  }
  if (current.length <= max) return current;
  const cut = cutAtClause(current, max);
  return cut ? tidy(cut) : null;
}

// Where a clause may end: a semicolon, a colon, a dash, or a comma before a conjunction, a relative
// word or a participle ("работу, угрожающую безопасности").
const CLAUSE_MARK = new RegExp(
  String.raw`[;:]\s|\s[—–-]\s|,\s(?=(?:а|но|однако|и|при этом|вместе с тем|в то время как|тогда как|хотя|причем|где|когда|котор\p{L}*|чтобы|поскольку|так как|после|` +
    String.raw`${RU_PARTICIPLE}|but|and|while|which|who|where|when|as|after)\s)`,
  'giu',
);

/** The longest head of `text` within `max` that ends before a new clause, as a sentence. Never
 *  before "что", nor a verb's colon: "заявила, что …" cut there leaves a verb without what it
 *  says ("заявила."). */
export function cutAtClause(text: string, max: number, minWords = 5): string | null {
  // Marks are found in the whole text: the word after a mark may run past `max`.
  const marks = [...text.matchAll(CLAUSE_MARK)].map((m) => m.index).filter((at) => at <= max);
  for (let i = marks.length - 1; i >= 0; i--) {
    const part = text.slice(0, marks[i]).trim();
    if (part.length > max - 1 || part.split(/\s+/).length < minWords) continue;
    if (/\s(и|а|но|в|на|с|по|о|к|у|из|за|от|до|что|как|который|and|or|of|to|in|on|at|the|a)$/iu.test(part)) continue;
    const mark = text.slice(marks[i]);
    // Before a dash the head must say something itself: not "Большая авария – с участием автобуса".
    if (/^\s[—–-]/u.test(mark) && (dashReading(part) === 'copula' || !hasVerbWord(part))) continue;
    // "и на iOS, и на Android": the second "и" answers the first, the pair is one phrase.
    if (/^,\s+и\s/u.test(mark) && /(?:^|[\s,—–-])и\s[^,]*$/u.test(part)) continue;
    // Cut before "который" or a participle, the head must still say something ("Самолёт авиакомпании
    // "Азимут", следовавший из Сочи, загорелся" gives no sentence before the participle), and more
    // than a bare act ("Путин подписал указ, утверждающий ядерную доктрину": the decree is in the participle).
    if (QUALIFYING_CLAUSE.test(mark.replace(/^,\s+/u, '')) && (!hasVerbWord(part) || wordSpans(part).length < 8)) continue;
    // "потребовал, чтобы …", "заявила: …": the verb asks for what follows as much as before "что".
    if (/^(?:,\s+чтобы|:)/u.test(mark) && RU_VERB_LAST.test(part)) continue;
    // Before a colon stands a statement of its own, not who speaks ("Shot, ссылаясь на источники:")
    // nor what announces the rest ("Работает так:").
    if (mark.startsWith(':') && (!hasVerbWord(part) || /\s(так|следующее|вот|this|following)$/iu.test(part))) continue;
    return `${part.replace(/[,;:—–\s]+$/u, '')}.`;
  }
  return null;
}
