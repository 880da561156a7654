import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../core/pipeline/platforms';
import { PLATFORM_RULES, buildPackageItems, ctaWordings, pickCta, xWeightedLength, type BuildPackageRequest } from '../../core/pipeline/publisher';

const sentences = (n: number, word: string) =>
  Array.from({ length: n }, (_, i) => `${word} номер ${i + 1}: Банк России и глава ЦБ Эльвира Набиуллина обсуждают ставку и инфляцию 📈.`).join(' ');

const request = (over: Partial<BuildPackageRequest> = {}): BuildPackageRequest => ({
  article: {
    headline: 'ЦБ повысил ключевую ставку до 21%',
    dek: 'Банк России ужесточил политику',
    body: { short: sentences(2, 'Факт'), medium: sentences(8, 'Подробность'), long: sentences(40, 'Деталь') },
    keyPoints: ['Ставка выросла до 21%', 'Ипотека подорожает'],
    sourceLinks: ['https://t.me/centralbank_russia/1234', 'https://t.me/other/5'],
  },
  platforms: PLATFORMS,
  images: { bySize: { '1536x1024': 'https://cdn.example/land.png', '1024x1024': 'https://cdn.example/square.png' } },
  language: 'ru',
  timeZone: 'Europe/Moscow',
  now: new Date('2026-03-09T09:00:00Z'),
  ...over,
});

describe('buildPackageItems', () => {
  const items = buildPackageItems(request());

  it('makes one item per platform, in order', () => {
    expect(items.map((i) => i.platform)).toEqual([...PLATFORMS]);
  });

  it('fits every text to its platform as the platform counts, with the caption limit when an image goes along', () => {
    for (const item of items) {
      const rules = PLATFORM_RULES[item.platform];
      for (const v of ['short', 'medium', 'long'] as const) {
        expect(item.counts[v].used).toBe(rules.count(item.texts[v]));
        expect(item.counts[v].limit).toBe(rules.captionLimit);
        expect(item.counts[v].used).toBeLessThanOrEqual(item.counts[v].limit);
      }
    }
    const telegram = items.find((i) => i.platform === 'telegram')!;
    expect(telegram.counts.long.limit).toBe(1024);
  });

  it('uses the text limit when there is no image', () => {
    const [telegram] = buildPackageItems(request({ images: null, platforms: ['telegram'] }));
    expect(telegram.counts.long.limit).toBe(4096);
    expect(telegram.imageUrl).toBeNull();
    expect(telegram.imageSize).toBeNull();
    expect(telegram.counts.long.used).toBeGreaterThan(1024);
  });

  it('cites the source where links work: labelled on Telegram/VK/LinkedIn, bare on X and Threads, none on Instagram', () => {
    const by = Object.fromEntries(items.map((i) => [i.platform, i]));
    for (const p of ['telegram', 'vk', 'linkedin'] as const) expect(by[p].texts.short).toContain('Источник: https://t.me/centralbank_russia/1234');
    for (const p of ['x', 'threads'] as const) expect(by[p].texts.short).toContain('\n\nhttps://t.me/centralbank_russia/1234');
    expect(by.instagram.texts.long).not.toContain('https://');
    expect(by.x.texts.long).not.toContain('https://t.me/other/5');
  });

  it('counts the X link as 23 and keeps X within 280', () => {
    const x = items.find((i) => i.platform === 'x')!;
    expect(x.counts.long.used).toBe(xWeightedLength(x.texts.long));
    expect(x.counts.long.used).toBeLessThanOrEqual(280);
    expect(x.texts.long).toContain('https://t.me/centralbank_russia/1234');
  });

  it('carries the CTA and the hashtags into the texts, within each platform’s cap', () => {
    for (const item of items) {
      expect(ctaWordings(item.platform, 'ru')).toContain(item.cta);
      expect(item.texts.short).toContain(item.cta);
      expect(item.hashtags.length).toBeLessThanOrEqual(PLATFORM_RULES[item.platform].hashtags.max);
      for (const tag of item.hashtags) expect(item.texts.short).toContain(tag);
    }
    expect(items.find((i) => i.platform === 'threads')!.hashtags).toHaveLength(1);
    expect(items.find((i) => i.platform === 'instagram')!.hashtags.length).toBeLessThanOrEqual(5);
  });

  it('opens with the headline where the platform reads that way', () => {
    const by = Object.fromEntries(items.map((i) => [i.platform, i]));
    expect(by.telegram.texts.short.startsWith('ЦБ повысил ключевую ставку до 21%\n\n')).toBe(true);
    expect(by.x.texts.short.startsWith('Факт номер 1')).toBe(true);
  });

  it('picks the image in the platform’s aspect, falling back to any size there is', () => {
    const by = Object.fromEntries(items.map((i) => [i.platform, i]));
    expect(by.telegram).toMatchObject({ imageSize: '1536x1024', imageUrl: 'https://cdn.example/land.png' });
    expect(by.instagram).toMatchObject({ imageSize: '1024x1024', imageUrl: 'https://cdn.example/square.png' });
    const [onlyPortrait] = buildPackageItems(request({ platforms: ['x'], images: { bySize: { '1024x1536': 'https://cdn.example/tall.png' } } }));
    expect(onlyPortrait).toMatchObject({ imageSize: '1024x1536', imageUrl: 'https://cdn.example/tall.png' });
  });

  it('plans distinct future post times with reasons', () => {
    const times = items.map((i) => Date.parse(i.postTime));
    expect(new Set(times).size).toBe(items.length);
    for (const t of times) expect(t).toBeGreaterThan(Date.parse('2026-03-09T09:00:00Z'));
    for (const i of items) expect(i.postTimeReason).toMatch(/\d\d:\d\d/);
  });

  it('treats a repeated platform once', () => {
    expect(buildPackageItems(request({ platforms: ['x', 'x', 'vk'] })).map((i) => i.platform)).toEqual(['x', 'vk']);
  });
});

describe('pickCta', () => {
  it('is deterministic per seed and varies across seeds', () => {
    expect(pickCta('telegram', 'ru', 'Заголовок')).toBe(pickCta('telegram', 'ru', 'Заголовок'));
    const seen = new Set(Array.from({ length: 30 }, (_, i) => pickCta('telegram', 'ru', `Заголовок ${i}`)));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('speaks the user’s language and the platform’s register', () => {
    for (const p of PLATFORMS) {
      for (const w of ctaWordings(p, 'ru')) expect(w).toMatch(/\p{Script=Cyrillic}/u);
      for (const w of ctaWordings(p, 'en')) expect(w).not.toMatch(/\p{Script=Cyrillic}/u);
    }
    expect(ctaWordings('telegram', 'ru')).toContain('Подписывайтесь, чтобы не пропустить продолжение');
    for (const w of ctaWordings('x', 'ru')) expect(xWeightedLength(w)).toBeLessThanOrEqual(40);
    for (const w of ctaWordings('linkedin', 'en')) expect(w).not.toMatch(/!|😀/u);
  });
});
