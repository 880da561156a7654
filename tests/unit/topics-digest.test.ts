// A digest lists several stories: it joins none of them, and none of them joins it.
import { describe, expect, it } from 'vitest';
import { isDigest } from '../../core/text/digest';
import { TopicIndex } from '../../core/topics';

const T0 = Date.parse('2024-12-02T06:00:00Z');
const post = (id: string, channelId: string, minutes: number, text: string) => ({ id, channelId, date: T0 + minutes * 60_000, text });
const PARDON = 'Президент США Джо Байден помиловал своего сына Хантера по двум уголовным делам о налогах и оружии, сообщил Белый дом';
const DIGEST = `Главное к утру понедельника
👉 ${PARDON}
👉 В Тбилиси полиция разогнала митинг оппозиции у здания парламента
👉 Средства ПВО за ночь сбили 15 беспилотников над Брянской и Курской областями`;

describe('digests', () => {
  it('are known by their heading, not by a list alone', () => {
    expect(isDigest(DIGEST)).toBe(true);
    expect(isDigest('Спецоперация. Обстановка и главные события на 1 декабря.\n▪️ …')).toBe(true);
    expect(isDigest('Другие заявления Пескова на брифинге:\n— …')).toBe(true);
    expect(isDigest('Цены на балет «Щелкунчик»:\n• Для молодёжи — 1250 рублей\n• Для зрителей старше 22 лет — 5000 рублей')).toBe(false);
    expect(isDigest('Это главное, что нужно знать о новом законе')).toBe(false);
  });

  it('never join a story, and no story joins them', () => {
    const index = new TopicIndex();
    const story = index.add(post('a', 'ria', 0, PARDON));
    const digest = index.add(post('b', 'bbc', 30, DIGEST));
    expect(digest.topicId).not.toBe(story.topicId);
    expect(index.add(post('c', 'tass', 40, PARDON.replace('сообщил Белый дом', 'объявил Белый дом в воскресенье'))).topicId).toBe(story.topicId);
    const digestFirst = new TopicIndex();
    const d = digestFirst.add(post('b', 'bbc', 0, DIGEST));
    expect(digestFirst.add(post('a', 'ria', 30, PARDON)).topicId).not.toBe(d.topicId);
  });
});
