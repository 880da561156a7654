import { describe, expect, it } from 'vitest';
import { titleLine, visibleTitle, type TitleCandidate } from '../../core/topics/title';

const post = (id: number, text: string, similarity: number, more: Partial<TitleCandidate> = {}): TitleCandidate => ({
  id, text, similarity, duplicateOf: null, isForward: false, ...more,
});

describe('visibleTitle: a shared topic as one reader sees it', () => {
  const topic = { title: 'Stored title from post 1', titleMessageId: 1 };

  it('keeps the stored title when its source post is the reader’s', () => {
    expect(visibleTitle(topic, [post(1, 'anything', 0.1), post(2, 'Other post text here', 0.9)])).toBe('Stored title from post 1');
  });

  it('else titles the reader’s most representative original', () => {
    const posts = [post(2, 'A weaker original post about the story', 0.4), post(3, 'The best original post about the story', 0.8), post(4, 'A copy that scores higher still', 0.95, { duplicateOf: 3 })];
    expect(visibleTitle(topic, posts)).toBe(titleLine('The best original post about the story'));
  });

  it('falls back to copies and forwards when the reader has no original', () => {
    const posts = [post(5, 'A forwarded post about the story', 0.5, { isForward: true }), post(6, 'A copied post about the story', 0.7, { duplicateOf: 9 })];
    expect(visibleTitle(topic, posts)).toBe(titleLine('A copied post about the story'));
  });

  it('a topic without a title post and no posts has an empty title', () => {
    expect(visibleTitle({ title: 'x', titleMessageId: null }, [])).toBe('');
  });

  it('takes the titling function it is given', () => {
    expect(visibleTitle({ title: 'x', titleMessageId: null }, [post(2, 'text', 1)], (t) => `«${t}»`)).toBe('«text»');
  });
});
