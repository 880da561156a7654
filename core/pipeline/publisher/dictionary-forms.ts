// A one-word tag as the dictionary reads it (core/text/morphology.ts). A common word becomes its
// nominative ("протеста" → "протест", "жителей" → "жители"), or is no tag at all when it cannot be a
// noun ("проводят", "исторический", "впервые"). A name becomes its nominative only where that is
// sure: its likely readings agree ("Моисеева" is his genitive or her nominative: left as written),
// and a common noun's genitive stays, as it may be part of the name ("проспект Мира").
import { LIKELY_SHARE, nounReading, type Gender, type Morphology, type WordReading } from '../../text/morphology';
import { upperFirst } from '../text/rephrase';

export type DictionaryVerdict = { form: string } | { notATag: true } | null;

const CYRILLIC_WORD = /^\p{Script=Cyrillic}+$/u;
/** A Cyrillic word the dictionary can read: not an acronym ("МВД" stays as it is). */
const readable = (word: string) => CYRILLIC_WORD.test(word) && (word.length < 2 || word !== word.toUpperCase());

/** The tag's spelling by the dictionary, `notATag`, or null when the dictionary cannot tell (a word
 *  it does not know, an acronym, a phrase): the rules' own guess stands. */
export function dictionaryTagForm(morphology: Morphology, form: string, isName: boolean): DictionaryVerdict {
  if (!readable(form)) return null;
  const readings = morphology.readings(form);
  if (!readings.length) return null;
  const noun = nounReading(morphology, form);
  if (!isName) return noun?.nominative ? { form: noun.grammaticalCase === 'nominative' ? form : noun.nominative } : { notATag: true };
  // A capitalised verb or adjective ("Горит" opening a line, "Мариинского", "Курской") names nothing alone.
  if (!readings.some((r) => r.pos === 'noun')) return { notATag: true };
  if (!noun?.nominative || (noun.grammaticalCase === 'genitive' && !noun.proper)) return null;
  const nominatives = new Set(readings.filter((r) => r.pos === 'noun' && r.score >= LIKELY_SHARE * noun.score).map((r) => r.nominative));
  if (nominatives.size > 1) return null;
  return { form: noun.grammaticalCase === 'nominative' ? form : upperFirst(noun.nominative) };
}

/** A name of two or three words in the nominative when its words agree in one way only: "Михаилу
 *  Черникову" → "Михаил Черников" (or, failing that, a noun and its genitive: "Банка России" → "Банк
 *  России"). "Станислава Моисеева" is his genitive or her nominative, "Марину Дегтяреву" may be two
 *  men's names in the dative: null, and the name stays as written. */
export function dictionaryNameForm(morphology: Morphology, form: string): string | null {
  const words = form.split(' ');
  if (words.length < 2 || !words.every(readable)) return null;
  // The first word's likely readings lead; a later word may agree in any of its readings (a name
  // that never declines, "Шевченко", spreads its likelihood over every case).
  const likely = words.map((w, i) => likelyOf(morphology, w, 'noun', (r) => r.proper, i === 0 ? LIKELY_SHARE : 0));
  const otherwise = () => adjectiveNounForm(morphology, words) ?? complementForm(morphology, words);
  if (likely.some((readings) => !readings.length)) return otherwise();
  const outcomes = new Set<string>();
  for (const first of likely[0]) {
    const rest = likely.slice(1).map((readings) => readings.find((r) => r.grammaticalCase === first.grammaticalCase && agree(r.gender, first.gender)));
    if (rest.every((r): r is WordReading => !!r)) outcomes.add([first, ...rest].map((r) => upperFirst(r.nominative!)).join(' '));
  }
  return outcomes.size === 1 ? [...outcomes][0] : otherwise();
}

/** "Южной Кореи" → "Южная Корея", "Великого Устюга" → "Великий Устюг": an adjective and its name
 *  in one case, each in the nominative, when they agree in one way only. */
function adjectiveNounForm(morphology: Morphology, words: string[]): string | null {
  if (words.length !== 2) return null;
  const [adjectives, nouns] = [likelyOf(morphology, words[0], 'adjective'), likelyOf(morphology, words[1], 'noun').filter((r) => r.proper)];
  const outcomes = new Set<string>();
  for (const a of adjectives) {
    for (const n of nouns) {
      if (a.grammaticalCase === n.grammaticalCase && agree(a.gender, n.gender)) outcomes.add(`${upperFirst(a.nominative!)} ${upperFirst(n.nominative!)}`);
    }
  }
  return outcomes.size === 1 ? [...outcomes][0] : null;
}

/** A word's readings of one part of speech with a nominative (and `keep`), at least `share` as likely
 *  as the likeliest of them. */
function likelyOf(morphology: Morphology, word: string, pos: WordReading['pos'], keep: (r: WordReading) => boolean = () => true, share = LIKELY_SHARE): WordReading[] {
  const readings = morphology.readings(word).filter((r) => r.pos === pos && r.nominative && keep(r));
  return readings.filter((r) => r.score >= share * (readings[0]?.score ?? 0));
}

/** "Банка России" → "Банк России", "Совета Федерации" → "Совет Федерации": a noun and the genitive
 *  of a place, a body or a thing that completes it; only the noun takes its nominative, where its
 *  likely readings agree. Not after a person ("улица Архитектора Щусева" is named after him), nor
 *  an adjective that can stand as a noun ("Нового года"). */
function complementForm(morphology: Morphology, words: string[]): string | null {
  if (words.length !== 2) return null;
  // (A head that may be a name is left alone: "Марта Кос" is no month's genitive.)
  if (morphology.readings(words[0]).some((r) => r.proper || r.pos === 'adjective')) return null;
  const [head, complement] = words.map((w) => likelyOf(morphology, w, 'noun'));
  if (!head.length || head.some((r) => r.grammaticalCase === 'nominative') || !complement.some((r) => r.grammaticalCase === 'genitive') || complement.some((r) => r.person)) return null;
  const nominatives = new Set(head.map((r) => r.nominative));
  return nominatives.size === 1 ? `${upperFirst(head[0].nominative!)} ${words[1]}` : null;
}

/** A word without a gender ("Шевченко") goes with either. */
const agree = (a: Gender | null, b: Gender | null) => !a || !b || a === b;
