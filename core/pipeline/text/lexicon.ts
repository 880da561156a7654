// The word swaps the offline rephraser may make. Each swap keeps the grammar of the sentence it
// lands in: verbs keep gender and number, adjectives keep case (whole paradigms are listed),
// prepositions keep the case they govern. Swaps that need a digit after them ("более 5") say so.
export type SwapCondition = 'beforeDigit' | 'atStart' | 'notAtStart' | 'notAfterNe' | 'afterComma';

export interface Swap {
  /** Lower-case words (", " allowed inside), matched whole, "е" also matching "ё". */
  from: string;
  /** The replacement; "" drops the words. */
  to: string;
  when?: SwapCondition;
}

type Lang = 'ru' | 'en';

const PAST_ENDINGS = ['', 'а', 'о', 'и'];
/** Past-tense verb pairs in all genders and the plural: "заявил" → "сообщил", "заявила" → "сообщила". */
function past(pairs: [string, string][]): Swap[] {
  return pairs.flatMap(([from, to]) => PAST_ENDINGS.map((e) => ({ from: from + e, to: to + e })));
}

// Adjective endings by case, in one order: m.nom, f.nom, n.nom, pl.nom, m.gen, m.dat, m.ins, m.prep, f.obl, f.acc, pl.gen, pl.ins.
const HARD = ['ый', 'ая', 'ое', 'ые', 'ого', 'ому', 'ым', 'ом', 'ой', 'ую', 'ых', 'ыми'];
const HARD_STRESSED = ['ой', ...HARD.slice(1)];
const VELAR = ['ий', 'ая', 'ое', 'ие', 'ого', 'ому', 'им', 'ом', 'ой', 'ую', 'их', 'ими'];
const VELAR_STRESSED = ['ой', ...VELAR.slice(1)];
function adjective(from: string, fromEnds: string[], to: string, toEnds: string[]): Swap[] {
  return fromEnds.map((e, i) => ({ from: from + e, to: to + toEnds[i] }));
}

function forms(from: string[], to: string[]): Swap[] {
  return from.map((f, i) => ({ from: f, to: to[i] }));
}

const RU: Swap[] = [
  // Reporting verbs.
  ...past([
    ['заявил', 'сообщил'],
    ['сообщил', 'рассказал'],
    ['рассказал', 'сообщил'],
    ['отметил', 'подчеркнул'],
    ['подчеркнул', 'отметил'],
    ['уточнил', 'пояснил'],
    ['пояснил', 'уточнил'],
    ['сказал', 'заявил'],
    ['пообещал', 'обещал'],
    ['предположил', 'допустил'],
  ]),
  { from: 'сообщает', to: 'пишет' },
  { from: 'пишет', to: 'сообщает' },
  { from: 'сообщают', to: 'пишут' },
  { from: 'пишут', to: 'сообщают' },
  { from: 'передает', to: 'сообщает' },
  { from: 'передают', to: 'сообщают' },
  { from: 'заявляет', to: 'утверждает' },
  { from: 'утверждает', to: 'заявляет' },
  { from: 'считает, что', to: 'полагает, что' },
  { from: 'считают, что', to: 'полагают, что' },
  { from: 'сообщается', to: 'известно' },
  { from: 'отмечается', to: 'подчеркивается' },
  { from: 'ожидается', to: 'предполагается' },
  { from: 'ожидаются', to: 'предполагаются' },
  { from: 'планируется', to: 'предполагается' },
  // Other verbs.
  ...forms(['произошел', 'произошла', 'произошло', 'произошли'], ['случился', 'случилась', 'случилось', 'случились']),
  ...forms(['скончался', 'скончалась', 'скончались'], ['умер', 'умерла', 'умерли']),
  ...forms(['планирует', 'планируют', 'намерен', 'намерена', 'намерены'], ['собирается', 'собираются', 'собирается', 'собирается', 'собираются']),
  { from: 'необходимо', to: 'нужно' },
  { from: 'нужно', to: 'необходимо' },
  // Adverbs, particles, connectives.
  { from: 'более', to: 'свыше', when: 'beforeDigit' },
  { from: 'свыше', to: 'более', when: 'beforeDigit' },
  { from: 'менее', to: 'меньше', when: 'beforeDigit' },
  { from: 'около', to: 'примерно', when: 'beforeDigit' },
  { from: 'примерно', to: 'около', when: 'beforeDigit' },
  { from: 'приблизительно', to: 'примерно' },
  { from: 'почти', to: 'практически' },
  { from: 'практически', to: 'почти' },
  { from: 'однако', to: 'при этом', when: 'atStart' },
  { from: 'однако', to: 'но', when: 'afterComma' },
  { from: 'но', to: 'однако', when: 'afterComma' },
  { from: 'также', to: 'кроме того,', when: 'atStart' },
  { from: 'а также', to: 'и' },
  { from: 'ранее', to: 'прежде', when: 'notAfterNe' },
  { from: 'в настоящее время', to: 'сейчас' },
  { from: 'сейчас', to: 'в настоящее время' },
  { from: 'на данный момент', to: 'пока' },
  { from: 'в данный момент', to: 'сейчас' },
  { from: 'например', to: 'к примеру' },
  { from: 'к примеру', to: 'например' },
  { from: 'кроме того', to: 'помимо этого' },
  { from: 'помимо этого', to: 'кроме того' },
  { from: 'так как', to: 'поскольку' },
  { from: 'поскольку', to: 'так как' },
  { from: 'потому что', to: 'поскольку' },
  { from: 'в результате', to: 'в итоге' },
  { from: 'в итоге', to: 'в результате' },
  { from: 'в ходе', to: 'во время' },
  { from: 'во время', to: 'в ходе' },
  { from: 'для того чтобы', to: 'чтобы' },
  { from: 'при этом', to: 'вместе с тем' },
  { from: 'между тем', to: 'тем временем' },
  { from: 'тем временем', to: 'между тем' },
  { from: 'со ссылкой на', to: 'ссылаясь на' },
  { from: 'по информации', to: 'согласно сведениям' },
  { from: 'по сведениям', to: 'по информации' },
  { from: 'по предварительным данным', to: 'по первым данным' },
  { from: 'по последним данным', to: 'по свежим данным' },
  { from: 'как ожидается', to: 'как предполагается' },
  { from: 'только', to: 'лишь', when: 'notAfterNe' },
  { from: 'лишь', to: 'только' },
  { from: 'прямо сейчас', to: 'сейчас' },
  // Emphasis that adds no fact.
  { from: 'уже', to: '' },
  { from: 'очень', to: '' },
  { from: 'именно', to: '' },
  { from: 'буквально', to: '' },
  { from: 'фактически', to: '' },
  { from: 'также', to: '', when: 'notAtStart' },
  // Adjectives and nouns, whole paradigms.
  ...adjective('крупн', HARD, 'больш', VELAR_STRESSED),
  ...adjective('масштабн', HARD, 'крупн', HARD),
  ...adjective('огромн', HARD, 'гигантск', VELAR),
  ...adjective('мощн', HARD, 'сильн', HARD),
  ...adjective('значительн', HARD, 'существенн', HARD),
  ...adjective('главн', HARD, 'основн', HARD_STRESSED),
  ...adjective('мелк', VELAR, 'небольш', VELAR_STRESSED),
  ...forms(
    ['специалист', 'специалиста', 'специалисту', 'специалистом', 'специалисте', 'специалисты', 'специалистов', 'специалистам', 'специалистами', 'специалистах'],
    ['эксперт', 'эксперта', 'эксперту', 'экспертом', 'эксперте', 'эксперты', 'экспертов', 'экспертам', 'экспертами', 'экспертах'],
  ),
  ...forms(
    ['сотрудник', 'сотрудника', 'сотруднику', 'сотрудником', 'сотруднике', 'сотрудники', 'сотрудников', 'сотрудникам', 'сотрудниками', 'сотрудниках'],
    ['работник', 'работника', 'работнику', 'работником', 'работнике', 'работники', 'работников', 'работникам', 'работниками', 'работниках'],
  ),
  ...forms(
    ['очевидец', 'очевидцы', 'очевидцев', 'очевидцам', 'очевидцами', 'очевидцах'],
    ['свидетель', 'свидетели', 'свидетелей', 'свидетелям', 'свидетелями', 'свидетелях'],
  ),
  ...forms(
    ['правоохранители', 'правоохранителей', 'правоохранителям', 'правоохранителями', 'правоохранителях'],
    ['силовики', 'силовиков', 'силовикам', 'силовиками', 'силовиках'],
  ),
  ...forms(['соцсетях', 'соцсетям', 'соцсетей', 'соцсетями'], ['социальных сетях', 'социальным сетям', 'социальных сетей', 'социальными сетями']),
  { from: 'сми', to: 'медиа' },
  ...['министерство', 'министерства', 'министерству', 'министерством', 'министерстве'].map((m) => ({ from: `${m} обороны`, to: 'Минобороны' })),
  ...forms(
    ['государственная дума', 'государственной думы', 'государственной думе', 'государственную думу', 'государственной думой'],
    ['Госдума', 'Госдумы', 'Госдуме', 'Госдуму', 'Госдумой'],
  ),
  ...['в', 'из', 'для', 'у', 'от', 'до', 'по', 'к', 'против', 'о', 'об'].map((p) => ({ from: `${p} рф`, to: `${p} России` })),
  { from: 'по мск', to: 'по московскому времени' },
  { from: 'мск', to: 'по московскому времени' },
];

const EN: Swap[] = [
  { from: 'said', to: 'stated' },
  { from: 'stated', to: 'said' },
  { from: 'more than', to: 'over', when: 'beforeDigit' },
  { from: 'over', to: 'more than', when: 'beforeDigit' },
  { from: 'about', to: 'around', when: 'beforeDigit' },
  { from: 'around', to: 'about', when: 'beforeDigit' },
  { from: 'approximately', to: 'about' },
  { from: 'nearly', to: 'almost' },
  { from: 'almost', to: 'nearly' },
  { from: 'currently', to: 'now' },
  { from: 'because of', to: 'due to' },
  { from: 'due to', to: 'because of' },
  { from: 'because', to: 'since' },
  { from: 'in order to', to: 'to' },
  { from: 'officials', to: 'authorities' },
  { from: 'authorities', to: 'officials' },
  { from: 'residents', to: 'locals' },
  { from: 'several', to: 'a number of' },
  { from: 'following', to: 'after' },
  { from: 'huge', to: 'massive' },
  { from: 'massive', to: 'huge' },
  { from: 'large', to: 'big' },
  { from: 'began', to: 'started' },
  { from: 'is expected to', to: 'is anticipated to' },
  { from: 'are expected to', to: 'are anticipated to' },
  { from: 'however,', to: 'still,', when: 'atStart' },
  { from: 'also', to: '' },
  { from: 'already', to: '' },
  { from: 'very', to: '' },
  { from: 'actually', to: '' },
];

export const SWAPS: Record<Lang, Swap[]> = { ru: RU, en: EN };

/** Words that may be dropped to break a copied run without losing a fact (a stronger pass). */
export const DROPPABLE: Record<Lang, Set<string>> = {
  ru: new Set(['уже', 'очень', 'именно', 'буквально', 'вообще', 'фактически', 'действительно', 'же', 'ведь', 'прямо', 'даже', 'всего', 'целых', 'также']),
  en: new Set(['already', 'very', 'also', 'just', 'actually', 'really', 'even']),
};

/** Number words written as digits: digits take any case, so the swap is always grammatical. */
export const NUMBER_WORDS: Record<Lang, Record<string, string>> = {
  ru: Object.fromEntries(
    (
      [
        ['2', 'два две двух двум двумя'],
        ['3', 'три трех трем тремя'],
        ['4', 'четыре четырех четырем четырьмя'],
        ['5', 'пять пяти пятью'],
        ['6', 'шесть шести шестью'],
        ['7', 'семь семи'],
        ['8', 'восемь восьми восемью'],
        ['9', 'девять девяти девятью'],
        ['10', 'десять десяти десятью'],
      ] as const
    ).flatMap(([digit, list]) => list.split(' ').map((w) => [w, digit])),
  ),
  en: { two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10' },
};
