import { describe, expect, it } from 'vitest';
import { matchesKeywords, ruleMatches } from '../../core/rules';

const topic = { topicId: 1, title: 'Байден помиловал сына', score: 0.62, channels: 3, texts: ['Хантер Байден получил помилование', 'Ёлка на Красной площади'] };

describe('rule matching', () => {
  it('needs the score, the channels and any of the words', () => {
    expect(ruleMatches({ window: '24h', minScore: 0.6, minChannels: 3, keywords: [] }, topic)).toBe(true);
    expect(ruleMatches({ window: '24h', minScore: 0.63, minChannels: 1, keywords: [] }, topic)).toBe(false);
    expect(ruleMatches({ window: '24h', minScore: 0.1, minChannels: 4, keywords: [] }, topic)).toBe(false);
    expect(ruleMatches({ window: '24h', minScore: 0.1, minChannels: 1, keywords: ['хантер', 'трамп'] }, topic)).toBe(true);
    expect(ruleMatches({ window: '24h', minScore: 0.1, minChannels: 1, keywords: ['трамп'] }, topic)).toBe(false);
  });
  it('ignores case and ё/е', () => {
    expect(matchesKeywords(topic.texts, ['ЕЛКА'])).toBe(true);
    expect(matchesKeywords(topic.texts, ['  '])).toBe(false);
  });
});
