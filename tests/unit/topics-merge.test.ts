// The second pass: a story split into two topics heals when a later post shows they are one;
// neighbouring stories on one subject stay apart. Those run on a warm index, as in production: a real
// day of posts came first, so words like "Минобороны" and "России" weigh what they weigh in the news.
import { describe, expect, it } from 'vitest';
import { TopicIndex, type TopicIndexOptions } from '../../core/topics';
import { loadTelegramDay } from '../fixtures/eval/load';

const H = 3_600_000;
const T0 = Date.parse('2024-12-04T00:00:00Z'); // the hours after the real day
const day = loadTelegramDay();
function warmIndex(options: Partial<TopicIndexOptions> = {}): TopicIndex {
  const index = new TopicIndex(options);
  for (const p of day) index.add(p);
  return index;
}
const post = (id: string, channelId: string, hours: number, text: string) => ({ id, channelId, date: T0 + hours * H, text });

describe('TopicIndex second pass', { timeout: 30_000 }, () => {
  it('heals a story told in two wordings an hour apart into one topic', () => {
    const index = new TopicIndex(); // cold: the real day already holds the pardon story
    const a = index.add(post('a', 'ria', 0, 'Байден помиловал своего сына Хантера, сообщает Белый дом'));
    const b = index.add(post('b', 'shot', 1, 'Указ подписан: Хантер освобождён от уголовной ответственности по делам о налогах и незаконном хранении оружия, ему грозило 25 лет тюрьмы'));
    expect(b.topicId).not.toBe(a.topicId); // two wordings, few words in common: a split
    const c = index.add(post('c', 'bbc', 1.2, 'Хантер освобождён от ответственности по делам о налогах и оружии: Байден помиловал своего сына, которому грозило 25 лет тюрьмы'));
    expect(c.topicId).toBe(a.topicId); // the older topic survives
    expect(c.mergedTopicIds).toEqual([b.topicId]);
    expect(['a', 'b', 'c'].map((id) => index.topicOf(id))).toEqual([a.topicId, a.topicId, a.topicId]);
    expect(index.resolve(b.topicId)).toBe(a.topicId);
    expect(index.topic(b.topicId)!.id).toBe(a.topicId);
    expect(index.topic(a.topicId)!.channels).toEqual(['ria', 'shot', 'bbc']);
  });

  it('keeps two statements of one ministry on one day apart', () => {
    const index = warmIndex();
    const a = index.add(post('a', 'ria', 0, 'Минобороны России сообщило, что средства ПВО за ночь уничтожили 15 украинских беспилотников над Курской и Брянской областями'));
    index.add(post('b', 'tass', 0.3, 'ПВО за ночь сбила 15 беспилотников над российскими регионами, заявили в Минобороны России'));
    const c = index.add(post('c', 'ria', 3, 'Минобороны России сообщило, что российские войска освободили населенные пункты Ильинка и Петровка в ДНР'));
    index.add(post('d', 'tass', 3.2, 'ВС России взяли под контроль Ильинку и Петровку в Донецкой народной республике, заявили в Минобороны'));
    expect(index.topicOf('b')).toBe(a.topicId);
    expect(index.topicOf('d')).toBe(c.topicId);
    expect(index.topicOf('c')).not.toBe(index.topicOf('a'));
  });

  // A long write-up that blends the facts of a story's posts: close to the story's centroid, though
  // not close enough to any one post for its length's threshold.
  const FIRE = [
    'В Екатеринбурге загорелся цех на улице Монтажников, площадь пожара достигла 1,5 тысячи квадратных метров',
    'Пожар в цехе на Монтажников в Екатеринбурге: огонь охватил 1,5 тысячи квадратных метров, обрушилась кровля',
  ];
  const WRITE_UP =
    'Огонь на Монтажников: в Екатеринбурге обрушилась кровля цеха, горят полторы тысячи метров. На месте работают два десятка пожарных расчётов и пожарный поезд, жителей соседних кварталов просят закрыть окна из-за едкого дыма, движение транспорта перекрыто до вечера. Причины возгорания выясняют следователи, возбуждено уголовное дело о нарушении требований безопасности, владельца предприятия вызвали на допрос. Пострадавших нет, рабочих успели эвакуировать, сообщили в региональном управлении МЧС и городской администрации';
  function fireStory(options: Partial<TopicIndexOptions> = {}) {
    const index = warmIndex(options);
    const a = index.add(post('a', 'ria', 0, FIRE[0]));
    const b = index.add(post('b', 'tass', 0.5, FIRE[1]));
    expect(b.topicId).toBe(a.topicId);
    return { story: a.topicId, writeUp: index.add(post('c', 'e1', 1, WRITE_UP)) };
  }

  it('lets a post that opened a topic join a story whose centroid it is close to', () => {
    const { story, writeUp } = fireStory();
    expect(writeUp.topicId).toBe(story);
    expect(writeUp.isNewTopic).toBe(false);
    expect(writeUp.mergedTopicIds).toEqual([]);
  });

  it('without the young topic pass the write-up stays a topic of its own', () => {
    const { story, writeUp } = fireStory({ youngMergeThreshold: 0 });
    expect(writeUp.topicId).not.toBe(story);
    expect(writeUp.isNewTopic).toBe(true);
  });
});
