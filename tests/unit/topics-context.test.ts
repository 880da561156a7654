// The corpus contexts: words that keep the same company in the window's posts bring two posts
// together even when they share few words; forgetting a post takes back what it taught.
import { describe, expect, it } from 'vitest';
import { TopicIndex } from '../../core/topics';
import { ContextSpace, meaningCosine } from '../../core/topics/context';
import { TermTable } from '../../core/topics/terms';

function space() {
  const terms = new TermTable();
  const contexts = new ContextSpace((id) => terms.term(id), (id) => terms.count(id) >= 2);
  const vectorOf = (words: string) => terms.vector(terms.add(words.split(' ')));
  return { contexts, vectorOf, terms };
}

describe('ContextSpace', () => {
  it('brings together posts whose words appear together elsewhere, not unrelated ones', () => {
    const { contexts, vectorOf } = space();
    // "судно" and "корабль" never meet in one post, but both keep company with "порт", "экипаж", "шторм".
    const teach = ['судно порт экипаж шторм', 'корабль порт экипаж шторм', 'судно экипаж шторм причал', 'корабль экипаж порт причал', 'выборы парламент партия голос', 'выборы партия голос депутат', 'парламент депутат голос партия'];
    for (let round = 0; round < 3; round++) for (const t of teach) contexts.learn(vectorOf(t));
    const ship = contexts.embed(vectorOf('судно причал'));
    const boat = contexts.embed(vectorOf('корабль причал'));
    const vote = contexts.embed(vectorOf('депутат выборы'));
    expect(meaningCosine(ship, boat)).toBeGreaterThan(0.6);
    expect(meaningCosine(ship, vote)).toBeLessThan(meaningCosine(ship, boat) - 0.4);
  });

  it('forgets what a post taught when it leaves', () => {
    const { contexts, vectorOf } = space();
    for (let i = 0; i < 3; i++) contexts.learn(vectorOf('судно порт экипаж'));
    const query = vectorOf('судно экипаж');
    const before = contexts.embed(query);
    const taught = contexts.learn(vectorOf('судно экипаж шторм выборы'));
    expect(meaningCosine(contexts.embed(query), before)).toBeLessThan(0.999);
    contexts.forget(taught);
    const after = contexts.embed(query);
    after.forEach((x, d) => expect(x).toBeCloseTo(before[d], 5));
  });

  it('keeps the index deterministic: a rebuild from the same posts gives the same topics', () => {
    const H = 3_600_000;
    const posts = ['Шторм выбросил судно на берег в порту Новороссийска, экипаж эвакуирован', 'В Новороссийске корабль сел на мель во время шторма, моряков спасли', 'В Москве открылся новый парк у реки'].map((text, i) => ({ id: `p${i}`, channelId: `c${i}`, date: i * H, text }));
    const a = TopicIndex.rebuild(posts);
    const b = TopicIndex.rebuild(posts);
    expect(posts.map((p) => b.topicOf(p.id))).toEqual(posts.map((p) => a.topicOf(p.id)));
  });
});
