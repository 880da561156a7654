// Property tests: random texts (Cyrillic, Latin, names, emoji, URLs, very long words, numbers,
// newlines, any grapheme) and random clocks, checked against what must always hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripMarkup } from '../../core/text';
import { PLATFORMS, type Platform } from '../../core/pipeline/platforms';
import {
  PLATFORM_RULES,
  POST_TIME_POLICY,
  VALID_HASHTAG,
  buildPackageItems,
  fitText,
  planPostTimes,
  tidyText,
  type HourOfWeekEngagement,
} from '../../core/pipeline/publisher';

const cyrillic = fc.stringMatching(/^[а-яё]{1,12}$/u);
const latin = fc.stringMatching(/^[a-z]{1,12}$/);
const capitalised = fc.oneof(cyrillic, latin).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
const acronym = fc.constantFrom('ЦБ', 'США', 'NATO', 'ЕС', 'AI', 'ВТБ');
const emoji = fc.constantFrom('😀', '👨‍👩‍👧', '❤️', '🇷🇺', '👍🏽', '1️⃣', '🏳️‍🌈', '👩‍❤️‍💋‍👨');
const url = fc.constantFrom('https://t.me/channel/123', 't.me/x/1', 'www.example.org', `https://example.com/${'p'.repeat(120)}?q=1`);
const longWord = fc.integer({ min: 30, max: 600 }).chain((n) => fc.constantFrom('ж', 'w', 'ы').map((c) => c.repeat(n)));
const number = fc.oneof(fc.integer({ min: 0, max: 100_000 }).map(String), fc.constantFrom('21%', 'COVID-19', 'G7', 'F-16'));
const anything = fc.string({ unit: 'grapheme', maxLength: 6 });
const token = fc.oneof(
  { arbitrary: cyrillic, weight: 8 },
  { arbitrary: latin, weight: 4 },
  { arbitrary: capitalised, weight: 4 },
  { arbitrary: acronym, weight: 1 },
  { arbitrary: emoji, weight: 1 },
  { arbitrary: url, weight: 1 },
  { arbitrary: longWord, weight: 1 },
  { arbitrary: number, weight: 1 },
  { arbitrary: anything, weight: 1 },
);
const separator = fc.constantFrom(' ', ' ', ' ', ' ', '\n', '\n\n', '. ', ', ', '! ', '? ', ': ', ' — ', '… ', '.\n');
const text = (maxTokens: number) =>
  fc.array(fc.tuple(token, separator), { maxLength: maxTokens }).map((pairs) => pairs.map(([t, s]) => t + s).join(''));

const platform = fc.constantFrom(...PLATFORMS);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

/** The cut body is the tidied original up to whitespace (trailing punctuation may go before '…'). */
function cutAtWordBoundary(original: string, body: string): boolean {
  if (body === '') return true; // left out whole (a single word longer than the room)
  const core = body.replace(/ ?…$/u, '');
  if (!original.startsWith(core)) return false;
  return /^[\p{P}]*(\s|$)/u.test(original.slice(core.length));
}

/** Every tag spelling the inputs allow: a visible word, or 2-3 adjacent words joined, case folded. */
function inputTerms(texts: string[]): Set<string> {
  const out = new Set<string>();
  const fold = (w: string) => w.toLowerCase().replace(/ё/g, 'е').replace(/[-'’]/g, '');
  for (const t of texts) {
    const words = stripMarkup(t.replace(/[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200D\uFE0F\u20E3]/gu, ' ')).match(
      /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu,
    ) ?? [];
    words.forEach((w, i) => {
      out.add(fold(w));
      if (i + 1 < words.length) out.add(fold(w + words[i + 1]));
      if (i + 2 < words.length) out.add(fold(w + words[i + 1] + words[i + 2]));
    });
  }
  return out;
}

describe('fitText properties', () => {
  it('always fits the platform’s count, cuts only between words and keeps every emoji whole', () => {
    fc.assert(
      fc.property(
        text(400),
        platform,
        fc.boolean(),
        fc.array(fc.stringMatching(/^#[а-яa-z]{1,15}$/u), { maxLength: 12 }),
        fc.option(url, { nil: undefined }),
        fc.option(fc.constantFrom('Подписывайтесь, чтобы не пропустить продолжение', 'Follow for updates'), { nil: undefined }),
        (body, p, withImage, hashtags, link, cta) => {
          const out = fitText(body, p, { withImage, hashtags, link, cta });
          const rules = PLATFORM_RULES[p];
          expect(out.used).toBe(rules.count(out.text));
          expect(out.used).toBeLessThanOrEqual(withImage ? rules.captionLimit : rules.textLimit);
          expect(cutAtWordBoundary(tidyText(body), out.body)).toBe(true);
          expect(LONE_SURROGATE.test(out.text)).toBe(false);
          expect(hashtags.slice(0, out.hashtags.length)).toEqual(out.hashtags); // dropped only from the end
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves a text that fits untouched', () => {
    fc.assert(
      fc.property(text(40), platform, (body, p) => {
        const tidy = tidyText(body);
        fc.pre(PLATFORM_RULES[p].count(tidy) <= PLATFORM_RULES[p].captionLimit);
        expect(fitText(body, p, { withImage: true }).text).toBe(tidy);
      }),
      { numRuns: 200 },
    );
  });
});

describe('buildPackageItems properties', () => {
  const article = fc.record({
    headline: text(12),
    dek: text(20),
    keyPoints: fc.array(text(15), { maxLength: 4 }),
    short: text(60),
    medium: text(150),
    long: text(400),
    link: fc.option(fc.constantFrom('https://t.me/source/1', 'https://t.me/c/123/45'), { nil: undefined }),
    sourceHashtags: fc.array(fc.oneof(cyrillic, capitalised).map((w) => `#${w}`), { maxLength: 5 }),
  });

  it('fits every text, keeps tag caps, makes unique valid tags only from the story’s words', () => {
    fc.assert(
      fc.property(article, fc.subarray([...PLATFORMS], { minLength: 1 }), fc.boolean(), fc.constantFrom('ru', 'en') as fc.Arbitrary<'ru' | 'en'>, (a, platforms, withImage, language) => {
        const items = buildPackageItems({
          article: { headline: a.headline, dek: a.dek, body: { short: a.short, medium: a.medium, long: a.long }, keyPoints: a.keyPoints, sourceLinks: a.link ? [a.link] : [] },
          platforms,
          images: withImage ? { bySize: { '1024x1024': 'https://cdn.example/x.png' } } : null,
          language,
          timeZone: 'Europe/Moscow',
          now: new Date('2026-03-09T09:00:00Z'),
          sourceHashtags: a.sourceHashtags,
        });
        const allowed = inputTerms([a.headline, a.dek, ...a.keyPoints, a.long]);
        expect(items.map((i) => i.platform)).toEqual(platforms);
        for (const item of items) {
          const rules = PLATFORM_RULES[item.platform];
          for (const v of ['short', 'medium', 'long'] as const) {
            expect(item.counts[v].used).toBe(rules.count(item.texts[v]));
            expect(item.counts[v].used).toBeLessThanOrEqual(withImage ? rules.captionLimit : rules.textLimit);
          }
          expect(item.hashtags.length).toBeLessThanOrEqual(rules.hashtags.max);
          const folded = item.hashtags.map((t) => t.toLowerCase());
          expect(new Set(folded).size).toBe(folded.length);
          for (const tag of item.hashtags) {
            expect(tag.slice(1)).toMatch(VALID_HASHTAG);
            expect(tag.length - 1).toBeLessThanOrEqual(rules.hashtags.maxLength);
            expect(allowed.has(tag.slice(1).toLowerCase().replace(/ё/g, 'е'))).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('planPostTimes properties', () => {
  const ZONES = ['Europe/Moscow', 'America/New_York', 'Europe/London', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns', 'UTC'];
  // Around the 2026 switches of New York (Mar 8, Nov 1) and London (Mar 29, Oct 25), and any time in 2026.
  const now = fc.oneof(
    fc.date({ min: new Date('2026-03-05T00:00:00Z'), max: new Date('2026-03-09T00:00:00Z'), noInvalidDate: true }),
    fc.date({ min: new Date('2026-10-22T00:00:00Z'), max: new Date('2026-11-02T00:00:00Z'), noInvalidDate: true }),
    fc.date({ min: new Date('2026-03-26T00:00:00Z'), max: new Date('2026-03-30T00:00:00Z'), noInvalidDate: true }),
    fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }),
  );
  const engagement: fc.Arbitrary<HourOfWeekEngagement> = fc.array(
    fc.record({ posts: fc.nat({ max: 20 }), avgViews: fc.nat({ max: 100_000 }), avgReactions: fc.nat({ max: 2_000 }) }),
    { minLength: 168, maxLength: 168 },
  );

  function localClock(ms: number, zone: string) {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ms));
    const get = (t: string) => parts.find((p) => p.type === t)!.value;
    return { weekday: get('weekday'), hour: Number(get('hour')), time: `${get('hour')}:${get('minute')}` };
  }

  function checkCommon(plan: { postTime: string; reason: string }[], nowMs: number, zone: string) {
    const times = plan.map((p) => Date.parse(p.postTime));
    for (const [i, t] of times.entries()) {
      expect(t - nowMs).toBeGreaterThanOrEqual(POST_TIME_POLICY.leadMinutes * 60_000);
      expect(plan[i].reason).toContain(`, ${localClock(t, zone).time}`); // the time named is the time the clock shows
      for (const u of times.slice(i + 1)) expect(Math.abs(t - u)).toBeGreaterThanOrEqual(POST_TIME_POLICY.spacingMinutes * 60_000);
    }
  }

  it('without data: strictly ahead, spread, and inside weekday evenings or weekend mornings local time', () => {
    fc.assert(
      fc.property(now, fc.constantFrom(...ZONES), fc.subarray([...PLATFORMS], { minLength: 1 }), (at, zone, platforms) => {
        const plan = planPostTimes({ now: at, timeZone: zone, platforms, language: 'ru' });
        expect(plan.map((p) => p.platform)).toEqual(platforms);
        checkCommon(plan, at.getTime(), zone);
        for (const p of plan) {
          const c = localClock(Date.parse(p.postTime), zone);
          const weekend = c.weekday === 'Sat' || c.weekday === 'Sun';
          expect(weekend ? c.hour >= 9 && c.hour < 11 : c.hour >= 18 && c.hour < 21).toBe(true);
          expect(Date.parse(p.postTime) - at.getTime()).toBeLessThan(3 * 86_400_000); // news does not wait a week
        }
      }),
      { numRuns: 300 },
    );
  });

  it('with any engagement: strictly ahead, spread, and the reason names the local time', () => {
    fc.assert(
      fc.property(now, fc.constantFrom(...ZONES), fc.subarray([...PLATFORMS], { minLength: 1 }), engagement, fc.constantFrom('ru', 'en') as fc.Arbitrary<'ru' | 'en'>, (at, zone, platforms, data, language) => {
        const plan = planPostTimes({ now: at, timeZone: zone, platforms, engagement: data, language });
        checkCommon(plan, at.getTime(), zone);
      }),
      { numRuns: 150 },
    );
  });
});

// The platforms' tag caps are what the property above checks against; pin them so a loosened table shows.
it('hashtag caps the properties rely on', () => {
  const caps: Record<Platform, number> = { telegram: 20, vk: 10, x: 2, instagram: 5, threads: 1, linkedin: 5 };
  for (const p of PLATFORMS) expect(PLATFORM_RULES[p].hashtags.max).toBe(caps[p]);
});
