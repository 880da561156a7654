// Which surface form of a word reads best as a tag. Russian inflects: a story says "ставку",
// "ставки", "ставка", and only the last reads as a tag. Without a lemmatiser we can only choose
// among the forms the text actually uses: a base form when one is there ("Газпром" beside
// "Газпрома"), else one that does not look like an oblique case; and rank verb- and
// adjective-looking words (and English past tenses) lower. Rough on purpose: it orders, never rejects.

// Endings of oblique cases (accusative -у/-ю, instrumental -ой/-ей/-ом/-ем, plural -ам/-ами/-ах/-ов…).
const OBLIQUE = /(?:у|ю|ой|ей|ом|ем|ам|ям|ами|ями|ах|ях|ов|ев)$/u;
// Past tense and infinitives (-ил, -ала, -ться…) and adjective endings (-ый, -ая, -ую, -ого…).
// Only long words: short nouns such as "сеть" or "пакет" share these endings.
const VERB_LIKE = /(?:[иые]л|[аяие]ла|[аяие]ли|[аяие]ло|[аяиеуы]ть|ться|лся|лась|лись|ется|ются|ится|ятся|[аяеу]ет|[аяеу]ют|[дж][её]т)$/u;
// Past tenses in -ал by their stems ("рассказал", "написал", "передал"): "канал", "капитал",
// "скандал", "материал" end so too.
const VERB_IN_AL = /(?:казал|писал|звал|знал|[^р]чал|стал|бежал|ждал|[^н]дал|брал|слал|гнал|читал|терял|играл|являл|ставлял)$/u;
// Endings only an oblique case has (instrumental -ом/-ами, dative and locative plural, genitive
// plural -ов, locative -е after a consonant, -ии): "#курсом", "#центре", "#переговоров". The
// ambiguous -а/-я/-и/-ы/-у/-ю (also a base form: "ставка", "выборы") are not counted.
const OBLIQUE_ONLY = /(?:[^аеёиоуыэюя]ом|ами|ями|ам|ям|ах|ях|[^аеёиоуыэюя]ов|[бвгджзклмнпрстфхцчшщ]е|ии|ию|ого|ому|ему|ым|ими|ыми)$/u;
// A surname in the dative or instrumental ("Путину", "Путиным", "Зеленским"), or a place adjective
// in an oblique case ("Каменском", "Брянской"): never how the name is said in a tag.
const NAME_OBLIQUE = /(?:[ыи]ным|[ое]вым|[ое]ву|[ыи]ну|ским|цким|ском|ской|ского|скому|ских|скую)$/u;
const ADJECTIVE_LIKE = /(?:ый|ой|ая|яя|ое|ые|ых|их|ую|юю|ого|его|ому|ему|ыми|ими)$/u;
// Adverbs ("предварительно", "официально", "практически") and short participles ("продано",
// "запрещено"), in long words only ("окно", "вино").
const ADVERB_LIKE = /^\p{L}{6,}(?:[лчтрвнсзжщь]но|ски)$|^\p{L}{4,}[ае]но$/u;
// A reflexive verb or participle ("поднялся", "начавшийся"), or an adverbial participle ("обновив",
// "превысив", "ссылаясь"; not "позитив", "коллектив"): never the word a story is filed under.
const VERBAL_FORM = /(?:ся|сь|^\p{L}{4,}(?<!т)ив)$/u;
const CYRILLIC_WORD = /^\p{Script=Cyrillic}+$/u;

// -и/-ы is often a genitive ("инфляции", "ставки") but also a plural ("выборы"): it only breaks ties.
const MAYBE_GENITIVE = /[иы]$/u;

/** Endings a noun or surname takes on in its cases ("Лавров" → "Лаврову", "Лавровым"). */
export const CASE_ENDINGS = ['а', 'я', 'у', 'ю', 'е', 'ы', 'и', 'ом', 'ем', 'ой', 'ей', 'ам', 'ям', 'ами', 'ями', 'ах', 'ях', 'ов', 'ев', 'ым', 'им'];
const CASE_ENDING = new RegExp(`^(?:${CASE_ENDINGS.join('|')})$`, 'u');

/** "Газпром" and "Газпрома": the first is the other minus a case ending, so the base form. */
export function isBaseOf(base: string, form: string): boolean {
  return form.length > base.length && form.startsWith(base) && CYRILLIC_WORD.test(base) && CASE_ENDING.test(form.slice(base.length));
}

/** What a sighting of a form is worth when choosing a tag's spelling: an oblique case counts 0.4. */
export function formPreference(form: string): number {
  const last = (form.split(/[\s-]+/u).pop() ?? form).toLowerCase();
  if (!CYRILLIC_WORD.test(last)) return 1;
  if (OBLIQUE.test(last) || NAME_OBLIQUE.test(last)) return 0.4;
  return MAYBE_GENITIVE.test(last) ? 0.9 : 1;
}

// English past tenses ("raised", "signed"), not "-eed" words ("speed").
const ENGLISH_PAST = /^\p{Script=Latin}+[^e]ed$/u;

/** ½ for a common word that looks like a verb, an adjective or an adverb, 0.4 for one only an oblique case
 *  spells, and for a name in such a case: those make poor tags. 0 for a reflexive verb or an adverbial
 *  participle: those make none. */
export function shapePenalty(form: string, isName: boolean): number {
  const lower = (form.split(/\s+/u).pop() ?? form).toLowerCase();
  if (isName) return CYRILLIC_WORD.test(lower) && NAME_OBLIQUE.test(lower) ? 0.4 : 1;
  if (form.length < 5) return 1;
  if (!CYRILLIC_WORD.test(lower)) return ENGLISH_PAST.test(lower) ? 0.5 : 1;
  if (VERBAL_FORM.test(lower)) return 0;
  if (OBLIQUE_ONLY.test(lower)) return 0.4;
  return form.length >= 6 && (VERB_LIKE.test(lower) || VERB_IN_AL.test(lower) || ADJECTIVE_LIKE.test(lower) || ADVERB_LIKE.test(lower)) ? 0.5 : 1;
}

// "Грузии", "Грузию", "Грузией": a capitalised word in an oblique case of -ия is a place or a woman's
// name (Сирия, Россия, Мария), and reads as a tag only in its base form. Men's names in -ий take the
// same endings ("Дмитрию"), so they stay as written.
const NAME_IN_IYA_CASE = /^(\p{Lu}\p{Ll}{2,})(?:ии|ию|ией)$/u;
const MEN_IN_IY = /^(?:дмитр|георг|анатол|васил|евген|валер|витал|аркад|геннад|григор|арсен|иннокент|леонт|игнат|афанас|мефод)$/u; // (the name less -ий)

// "В Ногинске", "в Петербурге", "в Волгограде": a town in -ск, -бург, -град in the locative.
const TOWN_IN_LOCATIVE = /^(\p{Lu}\p{Ll}{2,}(?:ск|бург|град))е$/u;

// "Путиным", "Лавровым": a surname in -ов/-ев/-ин/-ын in the instrumental. (The dative "Путину"
// is left: it is spelt as the accusative of "Украина", "Молдова", "Захарова".)
const SURNAME_INSTRUMENTAL = /^(\p{Lu}\p{Ll}+(?:ов|ев|ёв|ин|ын))ым$/u;
// The first name before it is in the instrumental too: "Владимиром", "Сергеем".
const FIRST_NAME_INSTRUMENTAL: [RegExp, string][] = [[/(?<=[^аеёиоуыэюя])ом$/u, ''], [/ем$/u, 'й']];

/** A capitalised Cyrillic name in an oblique case, in its base form where its ending tells it: a
 *  place or woman's name in -ия, a town in the locative, a surname (with its first name) in the
 *  instrumental. Anything else as written. */
export function nameBaseForm(form: string): string {
  const words = form.split(' ');
  if (words.length > 1) {
    const surname = SURNAME_INSTRUMENTAL.exec(words.at(-1)!);
    if (!surname || !words.every((w) => CYRILLIC_WORD.test(w))) return form;
    const first = words.slice(0, -1).map((w) => {
      const rule = FIRST_NAME_INSTRUMENTAL.find(([re]) => re.test(w));
      return rule ? w.replace(...rule) : w;
    });
    return [...first, surname[1]].join(' ');
  }
  if (!CYRILLIC_WORD.test(form)) return form;
  const surname = SURNAME_INSTRUMENTAL.exec(form);
  if (surname) return surname[1];
  const town = TOWN_IN_LOCATIVE.exec(form);
  if (town) return town[1];
  const m = NAME_IN_IYA_CASE.exec(form);
  if (!m || MEN_IN_IY.test(m[1].toLowerCase())) return form;
  return `${m[1]}ия`;
}

// "Брянской области", "Краснодарском крае", "Каменского района": a place adjective and the kind of
// region it names, in an oblique case. The nominative is regular: -ская область, -ский край/район/округ.
const REGION = /(?<![\p{L}])(\p{Lu}\p{Ll}+)(ской|ском|ского|скому) (област(?:и|ью)|кра(?:е|я|ю|ем)|район(?:е|а|у|ом)|округ(?:е|а|у|ом))(?![\p{L}])/gu;
const REGION_KINDS: [RegExp, string][] = [[/^облас/u, 'ская область'], [/^кра/u, 'ский край'], [/^район/u, 'ский район'], [/^округ/u, 'ский округ']];

/** Place adjectives of a text in an oblique case (folded: "брянской") → the region's name
 *  ("Брянская область"). The feminine "-ской" goes only with "области", the masculine endings only
 *  with the others ("Брянской района" is no phrase). */
export function regionNames(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(REGION)) {
    const kind = m[3].toLowerCase();
    const [, name] = REGION_KINDS.find(([re]) => re.test(kind))!;
    if ((m[2] === 'ской') !== name.endsWith('область')) continue;
    out.set(`${m[1]}${m[2]}`.toLowerCase(), `${m[1]}${name}`);
  }
  return out;
}
