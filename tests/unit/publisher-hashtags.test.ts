import twitterText from 'twitter-text';
import { describe, expect, it } from 'vitest';
import { PLATFORMS, type Platform } from '../../core/pipeline/platforms';
import { nameBaseForm, shapePenalty } from '../../core/pipeline/publisher/word-forms';
import { PLATFORM_RULES, VALID_HASHTAG, hashtagsFor, pickHashtags, rankHashtagCandidates, type HashtagInput } from '../../core/pipeline/publisher';

const story: HashtagInput = {
  language: 'ru',
  headline: 'ЦБ повысил ключевую ставку до 21%',
  dek: 'Банк России ужесточил денежно-кредитную политику на фоне инфляции',
  keyPoints: ['Ставка выросла до 21%', 'Эльвира Набиуллина назвала главной причиной инфляцию', 'Ипотека и кредиты подорожают'],
  body: `Совет директоров Банка России в пятницу повысил ключевую ставку до 21% годовых. Глава ЦБ Эльвира Набиуллина
объяснила решение тем, что инфляция остаётся высокой, а кредитование растёт. Аналитики Сбербанка и ВТБ ожидали
такого шага. Рубль после решения укрепился к доллару и евро, а Мосбиржа снизилась. Ставки по ипотеке и кредитам
для бизнеса вырастут уже в ближайшие недели, предупреждают банкиры. Следующее заседание ЦБ пройдёт в декабре.`,
};

const bare = (tags: string[]) => tags.map((t) => t.slice(1).toLowerCase());
/** The tags of a Russian story told by a headline, key points and a body. */
const russianTags = (headline: string, keyPoints: string[], body: string, platform: Platform = 'telegram') =>
  pickHashtags({ language: 'ru', headline, keyPoints, body }, platform);

describe('hashtags from the story', () => {
  it('puts names and the story’s key terms first, stopwords never', () => {
    const tags = pickHashtags(story, 'telegram');
    expect(tags.slice(0, 3)).toContain('#ЦБ');
    expect(tags).toContain('#ЭльвираНабиуллина');
    expect(tags).toContain('#ставка'); // the base form the text uses, not "ставку"
    expect(tags).toContain('#инфляция');
    for (const stop of ['и', 'в', 'до', 'на', 'по', 'после']) expect(bare(tags)).not.toContain(stop);
  });

  it('returns 8 to 10 tags for Telegram from rich material, and respects every platform’s cap', () => {
    const telegram = pickHashtags(story, 'telegram');
    expect(telegram.length).toBeGreaterThanOrEqual(8);
    expect(telegram.length).toBeLessThanOrEqual(PLATFORM_RULES.telegram.hashtags.max);
    expect(pickHashtags(story, 'instagram').length).toBe(5);
    expect(pickHashtags(story, 'threads')).toHaveLength(1);
    expect(pickHashtags(story, 'x').length).toBeLessThanOrEqual(2);
    expect(pickHashtags(story, 'vk').length).toBeLessThanOrEqual(10);
    expect(pickHashtags(story, 'linkedin').length).toBeLessThanOrEqual(5);
  });

  it('gives fewer tags when the material is thin rather than inventing any', () => {
    const thin: HashtagInput = { language: 'en', headline: 'Storm hits Lisbon', keyPoints: [], body: 'A storm hit Lisbon.' };
    const tags = bare(pickHashtags(thin, 'telegram'));
    expect(tags.length).toBeLessThan(PLATFORM_RULES.telegram.hashtags.min);
    expect(tags).toEqual(expect.arrayContaining(['lisbon', 'storm']));
    for (const t of tags) expect(['storm', 'hits', 'hit', 'lisbon']).toContain(t);
  });

  it('merges forms of one word by stem and tags that differ only in case', () => {
    const input: HashtagInput = {
      language: 'ru',
      headline: 'Выборы в Молдове',
      keyPoints: ['На выборах победила оппозиция'],
      body: 'Итоги выборов объявят завтра. О выборах говорили все. APPLE и Apple ни при чём.',
    };
    const tags = bare(pickHashtags(input, 'telegram'));
    expect(tags.filter((t) => t.startsWith('выбор'))).toHaveLength(1);
    expect(tags.filter((t) => t === 'apple')).toHaveLength(1);
  });

  it('tags a place or a woman’s name in -ия in that form, though the text only declines it', () => {
    const input: HashtagInput = {
      language: 'ru',
      headline: 'Протесты в Грузии: спецназ разогнал митинг',
      keyPoints: ['США приостановили партнёрство с Грузией', 'Премьер Грузии обвинил оппозицию'],
      body: 'В Грузии продолжаются протесты. Кремль следит за ситуацией в Грузии, сказал Дмитрию Пескову журналист. Евросоюз пригрозил Грузию санкциями. Мария Захарова прокомментировала события в Грузии.',
    };
    const tags = pickHashtags(input, 'telegram');
    expect(tags).toContain('#Грузия');
    expect(tags.some((t) => /^#Грузи[июе]й?$/u.test(t) && t !== '#Грузия')).toBe(false);
    expect(nameBaseForm('Сирии')).toBe('Сирия');
    expect(nameBaseForm('Марией')).toBe('Мария');
    // A man's name in -ий keeps the form the text uses ("Дмитрию" is not "Дмитрия"); so do common words.
    expect(nameBaseForm('Дмитрию')).toBe('Дмитрию');
    expect(nameBaseForm('акции')).toBe('акции');
  });

  it('makes no tag of the Editor’s own framing sentences', () => {
    const tags = bare(
      pickHashtags(
        {
          language: 'ru',
          headline: 'В Якутии упал астероид',
          keyPoints: ['Астероид заметили в обсерватории'],
          body: 'Астероид сгорел над Якутией. О событии написали 3 канала: SHOT, Mash и BBC News. Хронология публикаций (по московскому времени): SHOT — 10:00. Основные детали совпадают в сообщениях 3 каналов.',
        },
        'telegram',
      ),
    );
    expect(tags).toContain('астероид');
    for (const word of ['событии', 'хронология', 'публикаций', 'детали', 'совпадают', 'времени', 'написали']) expect(tags).not.toContain(word);
  });

  it('spells a Russian word in its base form when the text has it, whatever the stemmer cuts', () => {
    const input: HashtagInput = {
      language: 'ru',
      headline: 'Акции Газпрома упали',
      keyPoints: ['Газпром отчитался об убытке'],
      body: 'Капитализация Газпрома снизилась. Министр Лавров прокомментировал. С Лавровым согласились.',
    };
    const tags = pickHashtags(input, 'telegram');
    expect(tags).toContain('#Газпром');
    expect(tags).toContain('#Лавров');
    expect(bare(tags).filter((t) => t.startsWith('газпром'))).toHaveLength(1);
    expect(bare(tags).filter((t) => t.startsWith('лавров'))).toHaveLength(1);
  });

  it('makes valid tags: CamelCase names, hyphens and apostrophes folded, no plain numbers', () => {
    const input: HashtagInput = {
      language: 'en',
      headline: 'Cases of COVID-19 rise in New York',
      keyPoints: ['Officials in New York urge caution', '2024 2024 2024'],
      body: "Health officials in New York said COVID-19 cases rose in 2024. O'Neill, the city's health chief, spoke to reporters.",
    };
    const tags = pickHashtags(input, 'telegram');
    expect(tags).toContain('#COVID19');
    expect(tags).toContain('#NewYork');
    expect(tags).not.toContain('#2024');
    for (const t of tags) expect(t.slice(1)).toMatch(VALID_HASHTAG);
  });

  it('allows Cyrillic names joined in CamelCase ("Нью-Йорк" → НьюЙорк)', () => {
    const tags = pickHashtags({ language: 'ru', headline: 'Шторм в Нью-Йорке', keyPoints: [], body: 'В Нью-Йорке закрыли метро.' }, 'telegram');
    expect(tags.map((t) => t.toLowerCase())).toContain('#ньюйорке');
    expect(tags.some((t) => /^#Нью/u.test(t))).toBe(true);
  });

  it('skips words too long for a readable tag, and X takes shorter ones still', () => {
    const long = 'сверхдлинноесловокотороенельзяпрочитать'; // 39 letters
    const input: HashtagInput = { language: 'ru', headline: `${long} ${long}`, keyPoints: [], body: `${long} и Кремль. Кремль ответил.` };
    expect(bare(pickHashtags(input, 'telegram'))).not.toContain(long);
    const x = pickHashtags({ ...input, body: 'Межрегиональныйсоюзник Кремль' }, 'x');
    for (const t of x) expect(t.length - 1).toBeLessThanOrEqual(PLATFORM_RULES.x.hashtags.maxLength);
  });

  it('reads nothing into a Title Case headline', () => {
    const input: HashtagInput = { language: 'en', headline: 'Markets Slide As Investors Fear Recession', keyPoints: [], body: 'Stocks fell as investors feared a recession.' };
    expect(pickHashtags(input, 'telegram')).not.toContain('#Markets');
  });

  it('lets source hashtags raise terms the story uses, but never adds a channel’s brand tag', () => {
    const input: HashtagInput = { language: 'ru', headline: 'Погода и транспорт', keyPoints: [], body: 'Погода испортилась. Транспорт встал.', sourceHashtags: ['#транспорт', '#РИАНовости'] };
    const [first] = pickHashtags(input, 'threads');
    expect(first).toBe('#транспорт');
    const withoutSource = pickHashtags({ ...input, sourceHashtags: [] }, 'threads');
    expect(withoutSource).toEqual(['#погода']); // so the source tag is what changed the order
    expect(bare(pickHashtags(input, 'telegram'))).not.toContain('риановости');
  });

  it('makes tags X itself recognises as whole hashtags', () => {
    for (const platform of PLATFORMS) {
      const tags = pickHashtags(story, platform);
      expect(twitterText.extractHashtags(tags.join(' '))).toEqual(tags.map((t) => t.slice(1)));
    }
  });

  it('ranks once and picks per platform with the same order', () => {
    const ranked = rankHashtagCandidates(story);
    expect(hashtagsFor(ranked, 'instagram')).toEqual(hashtagsFor(ranked, 'telegram').slice(0, 5));
    expect(hashtagsFor(ranked, 'telegram', 3)).toHaveLength(3);
  });
});

describe('tags that would mislead', () => {
  it('never tags a source channel by its name, nor a month or weekday', () => {
    const input: HashtagInput = {
      ...story,
      body: `${story.body} Как сообщает РИА Новости, решение объявили в пятницу, 25 октября. По данным Mash, рынок ждал этого.`,
      keyPoints: [...story.keyPoints, 'РИА Новости и Mash первыми написали о решении'],
    };
    const named = bare(pickHashtags(input, 'telegram'));
    expect(named).not.toContain('октября');
    expect(named).not.toContain('пятницу');
    const avoided = bare(pickHashtags({ ...input, avoidTerms: ['РИА Новости', 'Mash'] }, 'telegram'));
    expect(avoided).not.toContain('риа');
    expect(avoided).not.toContain('mash');
    expect(avoided).toContain('цб');
  });
});

describe('tags in the form a reader would type', () => {
  const currency: HashtagInput = {
    language: 'ru',
    headline: 'Рубль укрепился, ситуация с курсом под контролем',
    dek: 'Доллар опустился ниже 104 рублей на бирже',
    keyPoints: ['Доллар подешевел на бирже', 'Евро торгуется выше 110 рублей', 'Рубль может укрепиться и дальше, считают аналитики'],
    body: 'Рубль за день отыграл четыре процента. Доллар и евро подешевели на бирже. Mash пишет: Курс доллара вернулся к уровню октября. Аналитики не исключают, что рубль будет укрепляться и дальше, хотя против этого говорят цены на нефть. Рубль, возможно, останется под контролем регулятора.',
  };

  it('puts the base forms of common words first, and never a function word', () => {
    const tags = bare(pickHashtags(currency, 'instagram'));
    expect(tags.slice(0, 2)).toEqual(expect.arrayContaining(['рубль', 'доллар']));
    // Without a lemmatiser an oblique form is only put after the base forms, never dropped.
    const last = Math.max(...['рубль', 'доллар', 'курс'].map((t) => tags.indexOf(t)));
    for (const oblique of ['курсом', 'контролем', 'бирже']) expect(tags.indexOf(oblique) < 0 || tags.indexOf(oblique) > last, oblique).toBe(true);
    expect(tags).not.toContain('курсом'); // "Курс доллара" gives the base form
    for (const word of ['выше', 'против', 'будет', 'возможно', 'может']) expect(tags).not.toContain(word);
    expect(shapePenalty('предварительно', false)).toBeLessThan(1);
    expect(shapePenalty('практически', false)).toBeLessThan(1);
    expect(shapePenalty('полотно', false)).toBe(1);
    for (const verb of ['рассказал', 'написал', 'передал', 'получал']) expect(shapePenalty(verb, false), verb).toBeLessThan(1);
    for (const noun of ['капитал', 'скандал', 'материал', 'терминал']) expect(shapePenalty(noun, false), noun).toBe(1);
    // A reflexive verb ranks under any noun-like word, a short participle with the adverbs.
    expect(shapePenalty('поднялся', false)).toBeLessThan(shapePenalty('курсом', false));
    expect(shapePenalty('продано', false)).toBeLessThan(1);
    for (const gerund of ['обновив', 'превысив', 'ссылаясь']) expect(shapePenalty(gerund, false), gerund).toBeLessThan(shapePenalty('курсом', false));
    for (const noun of ['коллектив', 'позитив']) expect(shapePenalty(noun, false), noun).toBe(1);
  });

  it('tags neither a linking word nor a unit, and splits two names that do not agree in case', () => {
    const tags = russianTags(
      'Лимит по семейной ипотеке увеличат на 2,4 трлн рублей, поскольку спрос растёт',
      ['Посол Великобритании Прайор вызван в МИД', 'Лимит ипотеки вырос на 2,4 трлн рублей'],
      'Посол Великобритании Прайор вызван в МИД, поскольку ФСБ лишила аккредитации второго секретаря. Лимит по ипотеке вырос на 2,4 трлн, поскольку банки исчерпали прежний.',
      'instagram',
    );
    for (const word of ['#поскольку', '#трлн', '#ВеликобританииПрайор']) expect(tags).not.toContain(word);
    expect(shapePenalty('пройдет', false)).toBeLessThan(1);
    const storm = bare(russianTags('Беседка упала в ходе урагана', ['В ходе урагана пострадали люди'], 'В ходе урагана беседка упала на девушку. Ураган резко усилился несколько раз.', 'instagram'));
    for (const word of ['ходе', 'резко', 'несколько']) expect(storm).not.toContain(word);
    const lips = bare(russianTags('Накачать губы стоит в среднем 25 тысяч рублей', ['В настоящее время губы увеличивают реже'], 'В настоящее время процедура стоит в среднем 25 тысяч рублей, губы сдувают.', 'instagram'));
    for (const word of ['настоящее', 'среднем']) expect(lips).not.toContain(word);
    expect(tags).toContain('#Прайор');
    const shooting = russianTags(
      'Стрельба в Марксе Саратовской области',
      ['В Марксе Саратовской области задержан стрелок'],
      'Один человек погиб при стрельбе в Марксе Саратовской области. Подозреваемый задержан.',
      'instagram',
    );
    expect(shooting).not.toContain('#МарксеСаратовской');
    expect(shooting).toContain('#СаратовскаяОбласть');
    // A reflexive verb is never a tag, even when the material is thin.
    expect(russianTags('Сегодня отмечается День матери', [], 'Сегодня отмечается День матери.', 'instagram')).not.toContain('#отмечается');
  });

  it('reads no name into the capital a quoted title opens with', () => {
    const tags = russianTags(
      'Роскачество назвало худший мёд: «Щедрый год» и «Моя цена»',
      ['Худший мёд продают под марками «Щедрый год» и «Моя цена»', 'Роскачество проверило 21 марку мёда'],
      'Роскачество проверило мёд 21 марки. Худшими оказались «Щедрый год» и «Моя цена», где нашли сахарный сироп.',
      'instagram',
    );
    expect(tags).not.toContain('#Щедрый');
    expect(tags.map((t) => t.toLowerCase())).toContain('#роскачество');
  });

  it('reads no name into a capital after a colon', () => {
    const tags = russianTags('Рубль упал к доллару', ['SHOT пишет: Курс евро вырос'], 'Mash пишет: Курс доллара вырос. Банкста пишет: Курс юаня тоже вырос.');
    expect(tags).toContain('#курс');
    expect(tags).not.toContain('#Курс');
  });

  it('tags a town named in the locative and a person named in the instrumental by their names', () => {
    expect(nameBaseForm('Ногинске')).toBe('Ногинск');
    expect(nameBaseForm('Петербурге')).toBe('Петербург');
    expect(nameBaseForm('Волгограде')).toBe('Волгоград');
    // Other locatives do not lose a letter so simply ("Брюсселе" is "Брюссель").
    expect(nameBaseForm('Брюсселе')).toBe('Брюсселе');
    const tags = russianTags(
      'Прямую линию с Владимиром Путиным проведут 19 декабря',
      ['Вопросы Владимиру Путину можно задать заранее', 'Кремль подтвердил дату'],
      'Прямая линия с Владимиром Путиным пройдёт в Москве вместе с пресс-конференцией. Песков подтвердил дату. Вопросы принимают колл-центры Кремля.',
      'instagram',
    );
    expect(tags[0]).toBe('#ВладимирПутин');
    expect(tags).toContain('#Кремль');
    expect(nameBaseForm('Лавровым')).toBe('Лавров');
    expect(nameBaseForm('Сергеем Лавровым')).toBe('Сергей Лавров');
    // The dative is spelt as a feminine accusative: "Украину" is not "Украин".
    expect(nameBaseForm('Украину')).toBe('Украину');
    expect(nameBaseForm('Крым')).toBe('Крым');
  });
});

describe('regions', () => {
  it('tags "в Брянской области" as #БрянскаяОбласть and says "области" once', () => {
    const tags = russianTags(
      'Пожар на складе в Брянской области потушили',
      ['Губернатор Брянской области рассказал о пострадавших', 'Огонь охватил 400 квадратных метров'],
      'Пожар в Брянской области начался ночью. В Каменском районе Ростовской области горел промобъект. Пожарные работали до утра.',
    );
    expect(tags[0]).toBe('#БрянскаяОбласть');
    expect(tags).toContain('#КаменскийРайон');
    expect(tags).not.toContain('#области');
    expect(tags).not.toContain('#Брянской');
  });
});
