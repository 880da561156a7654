// One story told in Russian and in English joins one topic through what both versions share —
// names (transliterated and keyed by sound) and numbers — while posts of one language cluster as
// they would without the others.
import { describe, expect, it } from 'vitest';
import { wordSpans } from '../../core/text/tokenize';
import { neutralKeyOf, neutralKeys } from '../../core/topics/cross-language';
import { TopicIndex } from '../../core/topics';
import { loadTelegramDay } from '../fixtures/eval/load';

const at = (hour: number, minute = 0) => Date.UTC(2024, 11, 3, hour, minute);

describe('neutral keys', () => {
  it.each([
    ['Песков', 'Peskov'],
    ['Пескова', 'Peskov'],
    ['Шольц', 'Scholz'],
    ['Асад', 'Assad'],
    ['Тбилиси', 'Tbilisi'],
    ['Зеленского', 'Zelensky'],
    ['Каладзе', 'Kaladze'],
    ['Хантера', 'Hunter'],
    ['Трюдо', 'Trudeau'],
    ['Якутии', 'Yakutia'],
    ['Нетаньяху', 'Netanyahu'],
  ])('gives %s and %s one key', (russian, english) => {
    expect(neutralKeyOf(russian)).not.toBe('');
    expect(neutralKeyOf(russian)).toBe(neutralKeyOf(english));
  });

  it('keeps names of one sound skeleton apart by their first letter', () => {
    expect(neutralKeyOf('Путин')).not.toBe(neutralKeyOf('Байден'));
    expect(neutralKeyOf('Putin')).not.toBe(neutralKeyOf('Biden'));
  });

  it('gives none to a capitalised stopword or a word too short to tell', () => {
    expect(neutralKeyOf('The')).toBe('');
    expect(neutralKeyOf('Это')).toBe('');
    expect(neutralKeyOf('Ли')).toBe('');
  });

  it('adds numbers of two digits or more, once each', () => {
    const keys = neutralKeys(['~x', '~x'], wordSpans('задержаны 34 человека, 51-м штатом, в 19:17, ещё 34 и 7, код 007, 9,1 тысячи'));
    expect(keys).toEqual(['~x', '#34', '#51', '#19', '#17', '#7']);
  });
});

const russianStory = [
  { id: 'r1', channelId: 'ria', date: at(8, 38), text: 'МВД Грузии сообщило, что в ходе акции оппозиции в Тбилиси в ночь на вторник задержаны 34 человека' },
  { id: 'r2', channelId: 'topor', date: at(8, 50), text: 'Полиция Тбилиси задержала 34 участника акции оппозиции у здания парламента Грузии, сообщило МВД' },
  { id: 'r3', channelId: 'mash', date: at(9, 5), text: 'В Тбилиси ночью задержаны 34 человека на акции оппозиции у парламента, заявили в МВД Грузии' },
];
const unrelated = [
  { id: 'u1', channelId: 'ria', date: at(7, 0), text: 'Трамп предложил Канаде стать 51-м штатом США, а Трюдо — его губернатором, сообщает Fox News' },
  { id: 'u2', channelId: 'topor', date: at(7, 20), text: 'Синоптики предупредили о ледяном дожде в Москве ночью, на дорогах ожидается гололедица' },
];

// A real morning of Russian channels before these posts (its names and numbers weigh as in a
// day's window; none of its posts is about the events below).
const morning = loadTelegramDay()
  .filter((p) => Date.parse(p.date) < at(6))
  .map((p) => ({ id: p.id, channelId: p.channelId, date: Date.parse(p.date), text: p.text }));

function clustered(posts: { id: string; channelId: string; date: number; text: string }[], options = {}) {
  const index = new TopicIndex(options);
  for (const p of [...morning, ...posts].sort((a, b) => a.date - b.date)) index.add(p);
  return index;
}

describe('topics across languages', () => {
  const english = { id: 'e1', channelId: 'reuters', date: at(9, 20), text: 'Georgian police detained 34 people overnight at opposition protests outside parliament in Tbilisi, the interior ministry said.' };

  it('puts an English post of a Russian story in its topic, and counts it in the story', () => {
    const index = clustered([...russianStory, ...unrelated, english]);
    const topic = index.topic(index.topicOf('r1')!)!;
    expect(index.topicOf('e1')).toBe(topic.id);
    expect(topic.channels).toContain('reuters');
    const alone = clustered([...russianStory, ...unrelated]);
    expect(topic.distinctPosts).toBe(alone.topic(alone.topicOf('r1')!)!.distinctPosts + 1);
  });

  it('puts a second English post with the first, through its words, though it names nothing of the Russian posts', () => {
    const kin = { id: 'e4', channelId: 'ap', date: at(9, 40), text: 'Georgian police detained dozens of people overnight at opposition protests outside parliament, the interior ministry said.' };
    const posts = [...russianStory, ...unrelated];
    const index = clustered([...posts, english, kin]);
    expect(index.topicOf('e4')).toBe(index.topicOf('r1'));
    // Without the first English post it has nothing to meet the Russian ones by.
    const alone = clustered([...posts, kin]);
    expect(alone.topicOf('e4')).not.toBe(alone.topicOf('r1'));
    // A guest too: the Russian topics are what they are without either.
    const russian = clustered(posts);
    for (const a of posts) for (const b of posts) expect(index.topicOf(a.id) === index.topicOf(b.id)).toBe(russian.topicOf(a.id) === russian.topicOf(b.id));
    expect(index.topic(index.topicOf('r1')!)!.distinctPosts).toBe(russian.topic(russian.topicOf('r1')!)!.distinctPosts + 2);
    const guests = index.toSnapshot().posts.filter((p) => p.guest).map((p) => p.id);
    expect(guests).toEqual(['e1', 'e4']);
  });

  it('does not join on one shared name, nor with the comparison off', () => {
    const oneName = { id: 'e2', channelId: 'ap', date: at(7, 30), text: 'Trump names Kash Patel as his choice to lead the FBI, a loyalist who has pledged to overhaul the bureau.' };
    const index = clustered([...russianStory, ...unrelated, oneName]);
    expect(index.topicOf('e2')).not.toBe(index.topicOf('u1'));
    const off = clustered([...russianStory, ...unrelated, english], { crossLanguageWeight: 0 });
    expect(off.topicOf('e1')).not.toBe(off.topicOf('r1'));
  });

  it('leaves the Russian topics as they are without the English post', () => {
    const posts = [...russianStory, ...unrelated];
    const alone = clustered(posts);
    const withGuest = clustered([...posts, english]);
    const all = [...morning, ...posts];
    for (const a of all) for (const b of all) {
      expect(withGuest.topicOf(a.id) === withGuest.topicOf(b.id)).toBe(alone.topicOf(a.id) === alone.topicOf(b.id));
    }
  });

  it('never compares posts of one language this way, nor posts of no clear language', () => {
    // Posts sharing only names and a number: rare ones, which across languages would be enough.
    const a = { id: 'a', channelId: 'ria', date: at(10), text: 'Каладзе провёл совещание о бюджете столицы: расходы на ремонт дорог, мостов и школ вырастут, а тарифы на проезд сохранят. Кобахидзе поддержал план, который рассчитан до 2027 года' };
    const b = { id: 'b', channelId: 'topor', date: at(10, 30), text: 'Новый стадион на окраине открыли футбольным матчем ветеранов; трибуны вмещают тысячи зрителей, рядом построили каток. На церемонии выступили Кобахидзе и Каладзе, открытие планировали ещё в 2027 году' };
    const ukrainian = { id: 'c', channelId: 'ua', date: at(10, 40), text: 'Уряд оголосив конкурс на будівництво лікарні: заявки приймають до кінця місяця, переможця назвуть взимку. Каладзе та Кобахідзе привітали учасників, завершити роботи обіцяють у 2027 році' };
    const off = clustered([a, b, ukrainian], { crossLanguageWeight: 0 });
    expect(off.topicOf('a')).not.toBe(off.topicOf('b')); // (their words alone keep them apart)
    expect(off.topicOf('c')).not.toBe(off.topicOf('a'));
    const index = clustered([a, b, ukrainian]);
    expect(index.topicOf('a')).not.toBe(index.topicOf('b'));
    expect(new Set([index.topicOf('a'), index.topicOf('b'), index.topicOf('c')]).size).toBe(3);
  });

  it('keeps guests and keys through a snapshot', () => {
    const index = clustered([...russianStory, english]);
    expect(index.topicOf('e1')).toBe(index.topicOf('r1'));
    const restored = TopicIndex.fromSnapshot(index.toSnapshot());
    const topic = restored.topic(restored.topicOf('r1')!)!;
    expect(restored.topicOf('e1')).toBe(topic.id);
    expect(topic.distinctPosts).toBe(index.topic(index.topicOf('r1')!)!.distinctPosts);
    const later = { id: 'e3', channelId: 'bbc', date: at(10), text: 'In Tbilisi, 34 people were detained at the protest, the interior ministry of Georgia says.' };
    expect(restored.add(later).topicId).toBe(topic.id);
  });
});
