// What reads as a finite Russian verb, roughly, by its ending: the past (-л, -ла, -ло, -ли and the
// reflexive -лся…) and the present (-ет, -ют, -ит, -ят, -ут, -ат, -ется…). Rough on purpose: the
// rules using it only ask whether a clause has a verb, or ends on one.
export const RU_VERB_ENDINGS = 'л|ла|ло|ли|лся|лась|лось|лись|ет|ёт|ют|ит|ят|ут|ат|ется|ётся|ются|ится|ятся';

/** A word anywhere in the text that ends like a verb. */
export const RU_VERB = new RegExp(String.raw`\p{L}{2}(?:${RU_VERB_ENDINGS})(?!\p{L})`, 'u');
const EN_VERB = /\p{L}{2}(?:ed|s)(?!\p{L})|\s(?:is|are|was|were|has|have|will)\s/u;

// Nouns that end like verbs ("визит", "бюджет", "недели", "школ"), and agent nouns in -тели ("жители",
// "водители": no verb's past ends in -ители or -атели).
const NOT_VERBS = new Set(
  'граждан маршрут институт салют парашют минут бюджет совет кабинет ответ запрет предмет пакет билет портрет интернет объект результат депутат кандидат кредит визит лимит аппарат формат солдат сюжет секрет завет привет рассвет паритет комитет иммунитет авторитет приоритет магнит транзит дефицит эффект проект аспект контакт факт пакт акт контракт теракт ракет газет монет планет анкет конфет кассет сигарет котлет канала портала капитала сигнала скандала финала материала персонала журнала арсенала терминала генерала адмирала маршала зала подвала интервала недели модели цели отели мотели артели дуэли школ футбол протокол укол прикол стол'.split(' '),
);

/** A word that ends like a verb but is a noun. */
export function isNounLikeVerb(word: string): boolean {
  return NOT_VERBS.has(word) || /\p{L}[иая]тели$/u.test(word);
}

/** A word of the text that is not capitalised (a capital is a name, however it ends: "Азимут",
 *  "Кредит Банк") ends like a Russian or English verb. */
export function hasVerbWord(text: string): boolean {
  const common = text.replace(/\p{Lu}[\p{L}-]*/gu, '');
  if (EN_VERB.test(common)) return true;
  for (const [word] of common.matchAll(/\p{L}+/gu)) if (RU_VERB.test(word) && !isNounLikeVerb(word.toLowerCase())) return true;
  return false;
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
