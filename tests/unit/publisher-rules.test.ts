import { describe, expect, it } from 'vitest';
import { IMAGE_SIZES, PLATFORMS } from '../../core/pipeline/platforms';
import { PLATFORM_RULES, codePointLength, fitText, textLimit, threadsLength, utf16Length, xWeightedLength } from '../../core/pipeline/publisher';

describe('counting as each platform counts', () => {
  it('Telegram counts UTF-16 code units: an emoji outside the BMP is 2, Cyrillic 1', () => {
    expect(utf16Length('привет')).toBe(6);
    expect(utf16Length('😀')).toBe(2);
    expect(utf16Length('👨‍👩‍👧')).toBe(8); // three people and two joiners
    expect(PLATFORM_RULES.telegram.count('a😀')).toBe(3);
  });

  it('X weighs with twitter-text: any URL (t.me too) is 23, an emoji 2, Cyrillic 1', () => {
    expect(xWeightedLength('https://t.me/some_channel/12345')).toBe(23);
    expect(xWeightedLength('t.me/x/1')).toBe(23);
    expect(xWeightedLength('https://example.com/' + 'a'.repeat(200))).toBe(23);
    expect(xWeightedLength('😀')).toBe(2);
    expect(xWeightedLength('👨‍👩‍👧')).toBe(2);
    expect(xWeightedLength('привет')).toBe(6);
    expect(xWeightedLength('Read https://t.me/x/1 😀')).toBe(5 + 23 + 1 + 2);
  });

  it('Threads counts code points, emoji by their UTF-8 bytes', () => {
    expect(threadsLength('привет')).toBe(6);
    expect(threadsLength('😀')).toBe(4);
    expect(threadsLength('❤️')).toBe(3 + 3); // U+2764 and the variation selector
    expect(threadsLength('a👍🏽')).toBe(1 + 4 + 4);
    expect(codePointLength('a😀b')).toBe(3);
  });
});

describe('the rules table', () => {
  it('has every platform, with the limits the platforms publish', () => {
    expect(Object.keys(PLATFORM_RULES).sort()).toEqual([...PLATFORMS].sort());
    expect([PLATFORM_RULES.telegram.textLimit, PLATFORM_RULES.telegram.captionLimit]).toEqual([4096, 1024]);
    expect(PLATFORM_RULES.x.textLimit).toBe(280);
    expect(PLATFORM_RULES.instagram.captionLimit).toBe(2200);
    expect(PLATFORM_RULES.threads.textLimit).toBe(500);
    expect(PLATFORM_RULES.vk.textLimit).toBe(16384);
    expect(PLATFORM_RULES.linkedin.textLimit).toBe(3000);
    expect(textLimit('telegram', true)).toBe(1024);
    expect(textLimit('telegram', false)).toBe(4096);
  });

  it('keeps hashtag ranges consistent and within each platform’s cap', () => {
    for (const p of PLATFORMS) {
      const h = PLATFORM_RULES[p].hashtags;
      expect(h.min).toBeLessThanOrEqual(h.target);
      expect(h.target).toBeLessThanOrEqual(h.max);
      expect(PLATFORM_RULES[p].captionLimit).toBeLessThanOrEqual(PLATFORM_RULES[p].textLimit);
    }
    expect(PLATFORM_RULES.instagram.hashtags.max).toBe(5);
    expect(PLATFORM_RULES.threads.hashtags.max).toBe(1);
    expect(PLATFORM_RULES.x.hashtags.max).toBeLessThanOrEqual(2);
    expect(PLATFORM_RULES.vk.hashtags.max).toBe(10);
    expect(PLATFORM_RULES.telegram.hashtags.min).toBeGreaterThanOrEqual(8);
    expect(PLATFORM_RULES.telegram.hashtags.max).toBeLessThanOrEqual(20);
  });

  it('prefers the aspect each platform shows best and can fall back to any size', () => {
    for (const p of PLATFORMS) expect([...PLATFORM_RULES[p].imageSizes].sort()).toEqual([...IMAGE_SIZES].sort());
    expect(PLATFORM_RULES.instagram.imageSizes[0]).toBe('1024x1024');
    for (const p of ['telegram', 'vk', 'x', 'linkedin'] as const) expect(PLATFORM_RULES[p].imageSizes[0]).toBe('1536x1024');
    expect(['1024x1024', '1024x1536']).toContain(PLATFORM_RULES.threads.imageSizes[0]);
  });

  it('puts no link where links are not clickable', () => {
    expect(PLATFORM_RULES.instagram.clickableLinks).toBe(false);
    expect(PLATFORM_RULES.instagram.sourceLink).toBe('none');
  });
});

describe('the Telegram caption limit in UTF-16', () => {
  it('passes 1024 code units as a caption and cuts 1025', () => {
    const exact = '😀 '.repeat(341) + '😀'; // 341 × 3 + 2 = 1025 units: one emoji too many
    const fitted = fitText(exact, 'telegram', { withImage: true });
    expect(fitted.used).toBeLessThanOrEqual(1024);
    expect(fitted.text.length).toBe(fitted.used);
    expect(fitted.cut).not.toBe('none');
    const fits = '😀 '.repeat(340) + '😀😀'; // 340 × 3 + 4 = 1024
    expect(fitText(fits, 'telegram', { withImage: true })).toMatchObject({ cut: 'none', used: 1024 });
  });

  it('allows 4096 for a text post without an image', () => {
    const text = 'слово '.repeat(600).trim(); // 3599 units
    expect(fitText(text, 'telegram', { withImage: false })).toMatchObject({ cut: 'none', limit: 4096 });
    expect(fitText(text, 'telegram', { withImage: true }).used).toBeLessThanOrEqual(1024);
  });
});
