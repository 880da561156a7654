// The ranking explanation: total = Σ weight × component, a sentence whose numbers are read back
// from the components' curves; once per window, what each component measures and the note on the
// windows' weights.
import { describe, expect, it } from 'vitest';
import { channelsFromBreadth, explainRanking, explainWindow, paceFromTrend, usualReachMultiple, weightsNote } from '../../core/ranking/explain';
import { breadth, RANKING_WINDOWS } from '../../core/ranking';
import { saturate } from '../../core/ranking/popularity';

// popularity for k× the usual reach: raw = log2(1 + k), popularity = raw / (raw + 1).
const popularityFor = (k: number) => saturate(Math.log2(1 + k));
const trendFor = (pace: number) => pace / (pace + 1);

describe('explainRanking', () => {
  const components = { popularity: popularityFor(4), trend: trendFor(3), breadth: breadth(12), freshness: 0.7 };

  it('adds the weighted components up to the total and their shares to 1', () => {
    const e = explainRanking({ window: '24h', components });
    const w = RANKING_WINDOWS['24h'].weights;
    expect(e.total).toBeCloseTo(w.popularity * components.popularity + w.trend * components.trend + w.breadth * components.breadth + w.freshness * components.freshness, 12);
    expect(e.components.map((c) => c.name)).toEqual(['popularity', 'trend', 'breadth', 'freshness']);
    expect(e.components.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 12);
    expect(e.components[0].points).toBeCloseTo(w.popularity * components.popularity, 12);
  });

  it('says why in plain words, in Russian and English', () => {
    const e = explainRanking({ window: '24h', components, channels: 12, spanHours: 3.2 });
    expect(e.sentence.en).toBe('12 channels in 3 hours, 4× their usual reach, rising fast');
    expect(e.sentence.ru).toBe('12 каналов за 3 часа, в 4× больше обычного охвата, быстро набирает');
  });

  it('reads the counts back from the components when not given', () => {
    expect(channelsFromBreadth(breadth(1))).toBe(1);
    expect(channelsFromBreadth(breadth(4))).toBe(4);
    expect(channelsFromBreadth(breadth(12))).toBe(12);
    expect(usualReachMultiple(popularityFor(4))).toBeCloseTo(4, 9);
    expect(usualReachMultiple(0.5)).toBeCloseTo(1, 9);
    expect(paceFromTrend(0.5)).toBeCloseTo(1, 9);
    const e = explainRanking({ window: '7d', components: { popularity: 0.5, trend: trendFor(0.4), breadth: 0, freshness: 1 }, ageHours: 5 });
    expect(e.sentence.en).toBe('one channel, their usual reach, fading, 5 hours ago');
    expect(e.sentence.ru).toBe('1 канал, обычный для канала охват, затихает, 5 часов назад');
    expect(explainRanking({ window: '24h', components: { ...components, breadth: breadth(2), popularity: popularityFor(2.5) }, spanHours: 1 }).sentence.ru).toBe(
      '2 канала за 1 час, в 2,5× больше обычного охвата, быстро набирает',
    );
  });

  it('says once per window what each component measures, in its own terms', () => {
    const day = explainWindow('24h');
    expect(day.weights).toEqual(RANKING_WINDOWS['24h'].weights);
    expect(day.parts.popularity.label).toEqual({ ru: 'Популярность', en: 'Popularity' });
    expect(day.parts.freshness.about.en).toContain('halves every 6 hours');
    expect(explainWindow('7d').parts.freshness.about.ru).toContain('каждые 36 часов');
    expect(explainWindow('7d').parts.trend.about.ru).toContain(`последние ${RANKING_WINDOWS['7d'].recentHours}`);
    expect(day.weightsNote).toEqual(weightsNote('24h'));
  });

  it("keeps an item's explanation to its own numbers (the words every item shares go with the window)", () => {
    const e = explainRanking({ window: '24h', components });
    expect(Object.keys(e).sort()).toEqual(['components', 'sentence', 'total']);
    expect(Object.keys(e.components[0]).sort()).toEqual(['name', 'points', 'share', 'value', 'weight']);
  });

  it('explains why the day and the week weigh differently, from the weights themselves', () => {
    const note = weightsNote('7d');
    expect(note.en).toContain(`channels weigh ${RANKING_WINDOWS['7d'].weights.breadth}`);
    expect(note.ru).toContain('каналы весят 0,4');
    expect(note.ru).toMatch(/^Окно: 7 дней\./);
  });
});
