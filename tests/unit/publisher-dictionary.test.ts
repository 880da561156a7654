// Tags read through the Russian dictionary (OpenCorpora, as the `az` package ships it): nominatives,
// no verbs or adjectives. The real dictionary, loaded from node_modules as the Node server does.
import { beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_RULES, pickHashtags, type HashtagInput } from '../../core/pipeline/publisher';
import { dictionaryNameForm, dictionaryTagForm } from '../../core/pipeline/publisher/dictionary-forms';
import { nounReading, type Morphology } from '../../core/text/morphology';
import { loadNodeMorphology } from '../../edge/adapters/morphology/node';

let morphology: Morphology;
beforeAll(async () => {
  morphology = await loadNodeMorphology();
});

// A package made offline from the Tbilisi protest of 2024-12-01/02: without the dictionary its
// tags were "#протеста #здания #сторонники #проводят #спецтехника".
const tbilisi: HashtagInput = {
  language: 'ru',
  headline: 'Протестующие в Тбилиси устроили пожар в здании парламента Грузии',
  dek: 'Сторонники оппозиции снова проводят акцию протеста в Тбилиси у здания парламента Грузии, полицейская спецтехника сосредоточена неподалеку.',
  keyPoints: [
    'Протестующие в Тбилиси устроили пожар в здании парламента Грузии.',
    'Сторонники оппозиции снова проводят акцию протеста в Тбилиси у здания парламента Грузии.',
    'Участники оппозиционного митинга в Тбилиси, которых спецназ оттеснил от парламента, заняли часть центра города и стали там строить баррикады.',
  ],
  body: `По данным РИА Новости, в Тбилиси сторонники оппозиции снова проводят акцию протеста у здания парламента Грузии. В МВД Грузии
рассказали: протестующие забрасывали пиротехникой и подожжёнными предметами парламент. Премьер: в Грузии не повторится сценарий
украинского "Майдана". Многие сторонники оппозиции к моменту начала разгона покинули митинг. Для разгона демонстрантов применяют
слезоточивый газ и водомёты. Начались задержания участников акции.`,
};

describe('the Russian dictionary', () => {
  it('reads a word’s part of speech, case and nominative, and knows names by their capital', () => {
    expect(nounReading(morphology, 'протеста')).toMatchObject({ pos: 'noun', grammaticalCase: 'genitive', nominative: 'протест' });
    expect(nounReading(morphology, 'жителей')?.nominative).toBe('жители'); // the plural stays plural
    expect(morphology.readings('проводят')[0].pos).toBe('verb');
    expect(nounReading(morphology, 'проводят')).toBeNull();
    expect(nounReading(morphology, 'Грузии')).toMatchObject({ proper: true, nominative: 'грузия' });
    expect(morphology.readings('Хантера')).toEqual([]); // a name it does not know: no guess
  });

  it('keeps a surname’s gender in its nominative', () => {
    const feminine = morphology.readings('Дегтяреву').find((r) => r.gender === 'feminine');
    expect(feminine?.nominative).toBe('дегтярева');
  });
});

describe('one-word tags by the dictionary', () => {
  it('puts a common noun in the nominative and keeps its number', () => {
    expect(dictionaryTagForm(morphology, 'протеста', false)).toEqual({ form: 'протест' });
    expect(dictionaryTagForm(morphology, 'здания', false)).toEqual({ form: 'здание' });
    expect(dictionaryTagForm(morphology, 'кипятком', false)).toEqual({ form: 'кипяток' });
    expect(dictionaryTagForm(morphology, 'водомёты', false)).toEqual({ form: 'водомёты' });
    // Of a paradigm's nominatives a plain one ("трактора" is informal, "огнь" archaic), of this very word.
    expect(dictionaryTagForm(morphology, 'тракторам', false)).toEqual({ form: 'тракторы' });
    expect(dictionaryTagForm(morphology, 'огня', false)).toEqual({ form: 'огонь' });
    expect(dictionaryTagForm(morphology, 'миллионов', false)).toEqual({ form: 'миллионы' });
    expect(dictionaryTagForm(morphology, 'силовики', false)).toEqual({ form: 'силовики' });
  });

  it('makes no tag of a verb, an adjective or an adverb, even one with a rare noun reading', () => {
    for (const word of ['проводят', 'обновил', 'исторический', 'второй', 'городские', 'впервые']) {
      expect(dictionaryTagForm(morphology, word, false), word).toEqual({ notATag: true });
    }
    expect(dictionaryTagForm(morphology, 'мину', false)).toEqual({ form: 'мина' }); // a noun more often than a verb
  });

  it('puts a name in the nominative only where that is sure', () => {
    expect(dictionaryTagForm(morphology, 'Грузии', true)).toEqual({ form: 'Грузия' });
    expect(dictionaryTagForm(morphology, 'Путину', true)).toEqual({ form: 'Путин' });
    expect(dictionaryTagForm(morphology, 'Кремле', true)).toEqual({ form: 'Кремль' });
    expect(dictionaryTagForm(morphology, 'Моисеева', true)).toBeNull(); // his genitive or her nominative
    expect(dictionaryTagForm(morphology, 'Мира', true)).toBeNull(); // "проспект Мира": a common noun's genitive in a name
    expect(dictionaryTagForm(morphology, 'МВД', true)).toBeNull(); // an acronym stays as it is
    // A capitalised verb or adjective alone names nothing.
    expect(dictionaryTagForm(morphology, 'Горит', true)).toEqual({ notATag: true });
    expect(dictionaryTagForm(morphology, 'Мариинского', true)).toEqual({ notATag: true });
  });

  it('puts a two-word name in the nominative when its words agree in one way only', () => {
    expect(dictionaryNameForm(morphology, 'Михаилу Черникову')).toBe('Михаил Черников');
    expect(dictionaryNameForm(morphology, 'Тараса Шевченко')).toBe('Тарас Шевченко');
    expect(dictionaryNameForm(morphology, 'Станислава Моисеева')).toBeNull();
    expect(dictionaryNameForm(morphology, 'Поезд Деда')).toBeNull(); // in the nominative already
    // A noun and the genitive that completes it: only the noun changes.
    expect(dictionaryNameForm(morphology, 'Банка России')).toBe('Банк России');
    expect(dictionaryNameForm(morphology, 'Совета Федерации')).toBe('Совет Федерации');
    expect(dictionaryNameForm(morphology, 'Архитектора Щусева')).toBeNull(); // a street named after a person
    expect(dictionaryNameForm(morphology, 'Нового Года')).toBeNull();
    expect(dictionaryNameForm(morphology, 'Марта Кос')).toBeNull(); // a name, not March's genitive
    // An adjective and its name, both in the nominative.
    expect(dictionaryNameForm(morphology, 'Южной Кореи')).toBe('Южная Корея');
    expect(dictionaryNameForm(morphology, 'Новой Москве')).toBe('Новая Москва');
  });
});

describe('a package’s tags with the dictionary', () => {
  it('tags the story by its nouns in the nominative, with no verb among them', () => {
    const tags = pickHashtags({ ...tbilisi, morphology }, 'telegram');
    expect(tags.slice(0, 3)).toEqual(expect.arrayContaining(['#Тбилиси', '#Грузия']));
    expect(tags).toContain('#протест');
    expect(tags).toContain('#здание');
    for (const bad of ['#протеста', '#здания', '#проводят', '#устроили', '#сосредоточена']) expect(tags).not.toContain(bad);
    expect(tags.length).toBeGreaterThanOrEqual(PLATFORM_RULES.telegram.hashtags.min);
  });

  it('falls back to the ending rules without the dictionary', () => {
    const tags = pickHashtags(tbilisi, 'telegram');
    expect(tags).toContain('#Тбилиси');
    expect(tags).toContain('#протеста'); // what the rules alone can do: the form the text uses
  });
});
