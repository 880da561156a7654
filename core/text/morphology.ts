// What a Russian dictionary says about a word: its part of speech and, for a noun, its nominative.
// The port the rules that need more than an ending's guess use (hashtags: "#протеста" is "#протест",
// "#проводят" is no tag). The adapter (edge/adapters/morphology) reads OpenCorpora's dictionary; the
// rules keep their heuristics for words the dictionary does not know, and for when it is absent.

export type PartOfSpeech = 'noun' | 'verb' | 'adjective' | 'other';
export type GrammaticalCase = 'nominative' | 'genitive' | 'dative' | 'accusative' | 'instrumental' | 'locative';
export type Gender = 'masculine' | 'feminine' | 'neuter';

export interface WordReading {
  pos: PartOfSpeech;
  /** A noun or an adjective in the nominative, in the reading's number (and an adjective's gender:
   *  "жителей" → "жители", "протеста" → "протест", "Южной" → "южная"), lower case; null for the
   *  other parts of speech. */
  nominative: string | null;
  /** The case of a noun, adjective or participle; null for words without one. */
  grammaticalCase: GrammaticalCase | null;
  /** A noun's gender ("Дегтяреву": feminine), which its nominative keeps; null when it has none. */
  gender: Gender | null;
  /** A place, a person's name or surname, or an organisation. */
  proper: boolean;
  /** A person's first name, surname or patronymic. */
  person: boolean;
  /** How likely this reading is among the word's readings, 0..1 (they sum to about 1). */
  score: number;
}

export interface Morphology {
  /** The dictionary's readings of a word as written (a name with its capital), most likely first;
   *  none for a word it does not know. */
  readings(word: string): readonly WordReading[];
}

/** The word read as a noun, when the dictionary's readings make it one at least half the time (their
 *  likelihood summed: "мину" and "начало" are nouns, "второй", "городские" and "прямая" adjectives,
 *  though each has a rare noun reading). A nominative reading if those make up half the noun's
 *  likelihood ("силовики", "молодые"), else the likeliest ("здания" and "площади" are genitives;
 *  so, without the dictionary's frequencies for the word, is "осадки", of "осадка"). */
export function nounReading(morphology: Morphology, word: string): WordReading | null {
  const readings = morphology.readings(word);
  let all = 0;
  let nouns = 0;
  let nominatives = 0;
  for (const r of readings) {
    all += r.score;
    if (r.pos !== 'noun') continue;
    nouns += r.score;
    if (r.grammaticalCase === 'nominative') nominatives += r.score;
  }
  if (!nouns || nouns < HALF * all) return null;
  const nominative = nominatives >= HALF * nouns;
  return readings.find((r) => r.pos === 'noun' && (!nominative || r.grammaticalCase === 'nominative'))!;
}

const HALF = 0.5;
/** A reading this share as likely as the likeliest one is a reading to reckon with. */
export const LIKELY_SHARE = 0.3;
