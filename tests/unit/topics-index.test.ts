import { describe, expect, it } from 'vitest';
import { TopicIndex } from '../../core/topics';

const H = 3_600_000;
const T0 = Date.parse('2024-12-03T12:00:00Z');

const KOREA = 'Президент Южной Кореи Юн Сок Ёль объявил о введении военного положения в стране, передает агентство Рёнхап.';
const KOREA_REWRITE = 'Юн Сок Ёль ввёл в Южной Корее военное положение — президент заявил об угрозе со стороны оппозиции, пишет Рёнхап.';
const KOREA_VOTE = 'Парламент Южной Кореи проголосовал за отмену военного положения, введённого президентом Юн Сок Ёлем.';
const ASTEROID = 'В Якутии упал астероид: жители Олёкминска засняли яркую вспышку в небе, сообщают астрономы.';
const FOOTER = '\n\n❤ [Подписаться](https://t.me/moscowtop) | [Прислать новость](https://t.me/moscowtop_bot)';

function post(id: string, channelId: string, hours: number, text: string, extra: object = {}) {
  return { id, channelId, date: T0 + hours * H, text, ...extra };
}

describe('TopicIndex', () => {
  it('groups the same story across channels and keeps other stories apart', () => {
    const index = new TopicIndex();
    const a = index.add(post('a', 'ria', 0, KOREA));
    const b = index.add(post('b', 'mash', 0.5, KOREA_REWRITE));
    const c = index.add(post('c', 'shot', 0.7, ASTEROID));
    expect(a.isNewTopic).toBe(true);
    expect(b.topicId).toBe(a.topicId);
    expect(b.similarity).toBeGreaterThan(0.3);
    expect(b.duplicateOf).toBeNull();
    expect(c.topicId).not.toBe(a.topicId);
  });

  it('does not let a channel repeating itself widen a story', () => {
    const index = new TopicIndex();
    index.add(post('a', 'ria', 0, KOREA));
    const copy = index.add(post('a2', 'ria', 0.2, `⚡️${KOREA}`));
    const rewrite = index.add(post('a3', 'ria', 0.4, KOREA_REWRITE));
    const topic = index.topic(copy.topicId)!;
    expect(copy.duplicateOf).toBe('a');
    expect(rewrite.topicId).toBe(copy.topicId);
    expect(topic.channels).toEqual(['ria']);
    expect(topic.posts).toHaveLength(3);
    expect(topic.distinctPosts).toBe(2);
  });

  it('links forwards and near-copies to the post they repeat and keeps the origin', () => {
    const index = new TopicIndex();
    index.add(post('ria:1', 'ria', 0, KOREA, { msgId: 1 }));
    const fwd = index.add(post('mash:9', 'mash', 1, 'Срочно!', { forwardFrom: { channelId: 'ria', msgId: 1 } }));
    const copy = index.add(post('shot:5', 'shot', 2, `**${KOREA}**${FOOTER}`));
    expect(fwd).toMatchObject({ duplicateOf: 'ria:1', isForward: true, similarity: 1 });
    expect(copy).toMatchObject({ duplicateOf: 'ria:1', isForward: false });
    const topic = index.topic(fwd.topicId)!;
    expect(topic.origin).toEqual({ postId: 'ria:1', channelId: 'ria', date: T0 });
    expect(topic.channels).toEqual(['ria', 'mash', 'shot']);
    expect(topic.title).toBe('Президент Южной Кореи Юн Сок Ёль объявил о введении военного положения в стране, передает агентство Рёнхап');
  });

  it('splits the same words far apart in time into separate stories', () => {
    const index = new TopicIndex();
    const first = index.add(post('a', 'ria', 0, KOREA_VOTE));
    const sameDay = index.add(post('b', 'bbc', 3, 'Парламент Южной Кореи отменил военное положение голосованием депутатов.'));
    const later = index.add(post('c', 'mash', 50, 'Парламент Южной Кореи снова проголосовал: депутаты обсуждают военное положение.'));
    expect(sameDay.topicId).toBe(first.topicId);
    expect(later.topicId).not.toBe(first.topicId);
  });

  it('evicts posts that leave the window', () => {
    const index = new TopicIndex({ windowHours: 24 });
    const old = index.add(post('a', 'ria', 0, KOREA));
    index.add(post('b', 'shot', 30, ASTEROID));
    expect(index.topic(old.topicId)).toBeNull();
    expect(index.size).toBe(1);
    expect(index.add(post('c', 'mash', 30.5, KOREA)).topicId).not.toBe(old.topicId);
  });

  it('drops channel signatures so shared footers do not make stories alike', () => {
    const index = new TopicIndex();
    const a = index.add(post('a', 'm1', 0, `Пробки в Москве достигли девяти баллов вечером${FOOTER}`));
    const b = index.add(post('b', 'm2', 0.1, `Метро продлит работу в новогоднюю ночь до трёх часов${FOOTER}`));
    expect(b.topicId).not.toBe(a.topicId);
  });

  it('rebuilds the same topics from posts, keeping given topic ids, and survives a snapshot', () => {
    const posts = [post('a', 'ria', 0, KOREA), post('b', 'mash', 0.5, KOREA_REWRITE), post('c', 'shot', 1, ASTEROID)];
    const live = new TopicIndex();
    const ids = posts.map((p) => live.add(p).topicId);
    const rebuilt = TopicIndex.rebuild(posts.map((p, i) => ({ ...p, topicId: `db-${ids[i]}` })).reverse());
    expect(rebuilt.topicOf('b')).toBe(`db-${ids[1]}`);
    expect(rebuilt.topicOf('a')).toBe(rebuilt.topicOf('b'));

    const restored = TopicIndex.fromSnapshot(JSON.parse(JSON.stringify(live.toSnapshot())));
    expect(restored.topics().map((t) => t.id).sort()).toEqual(live.topics().map((t) => t.id).sort());
    const next = restored.add(post('d', 'bbc', 2, KOREA_VOTE));
    expect(next.topicId).toBe(ids[0]);
  });

  it('is idempotent for a post it already holds', () => {
    const index = new TopicIndex();
    const first = index.add(post('a', 'ria', 0, KOREA));
    expect(index.add(post('a', 'ria', 0, KOREA)).topicId).toBe(first.topicId);
    expect(index.size).toBe(1);
  });
});
