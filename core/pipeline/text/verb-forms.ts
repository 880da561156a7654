// What reads as a finite Russian verb, roughly, by its ending: the past (-л, -ла, -ло, -ли and the
// reflexive -лся…) and the present (-ет, -ют, -ит, -ят, -ут, -ат, -ется…). Rough on purpose: the
// rules using it only ask whether a clause has a verb, or ends on one.
export const RU_VERB_ENDINGS = 'л|ла|ло|ли|лся|лась|лось|лись|ет|ют|ит|ят|ут|ат|ется|ются|ится|ятся';

/** A word anywhere in the text that ends like a verb. */
export const RU_VERB = new RegExp(String.raw`\p{L}{2}(?:${RU_VERB_ENDINGS})(?!\p{L})`, 'u');
const EN_VERB = /\p{L}{2}(?:ed|s)(?!\p{L})|\s(?:is|are|was|were|has|have|will)\s/u;

/** A word of the text that is not capitalised (a capital is a name, however it ends: "Азимут",
 *  "Кредит Банк") ends like a Russian or English verb. */
export function hasVerbWord(text: string): boolean {
  const common = text.replace(/\p{Lu}[\p{L}-]*/gu, '');
  return RU_VERB.test(common) || EN_VERB.test(common);
}

/** The text's last word ends like a verb. */
export const RU_VERB_LAST = new RegExp(String.raw`\p{L}{2}(?:${RU_VERB_ENDINGS})$`, 'u');

// Active participles ("следовавший", "угрожающую", "сбивший"): a comma before one opens a phrase
// that qualifies a noun, not a clause with a verb of its own.
export const RU_PARTICIPLE = String.raw`\p{Ll}+(?:ющ|ящ|ущ|ащ|вш)(?:ий|ая|ее|ие|его|ей|ую|их|им|ими|ем|ого|ому)`;

/** "который" in any form, after a preposition or not ("в котором"). */
export const RU_RELATIVE_WORD = String.raw`(?:(?:в|на|с|со|из|от|для|о|об|по|при|у|к|за|под|над|между|через)\s)?котор\p{L}+`;

/** A clause that qualifies a noun: opens with "который" or a participle. */
export const QUALIFYING_CLAUSE = new RegExp(String.raw`^(?:${RU_RELATIVE_WORD}|${RU_PARTICIPLE})(?!\p{L})`, 'iu');
