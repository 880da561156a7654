import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../core/pipeline/platforms';
import { POST_TIME_POLICY, hourOfWeek, planPostTimes, zoneOffsetMinutes, type HourOfWeekEngagement } from '../../core/pipeline/publisher';

/** Local wall time of an ISO instant in a zone, read independently with Intl. */
function local(iso: string, zone: string): { weekday: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return { weekday: get('weekday'), time: `${get('hour')}:${get('minute')}` };
}

function flatEngagement(views = 1000, posts = 4): HourOfWeekEngagement {
  return Array.from({ length: 168 }, () => ({ posts, avgViews: views, avgReactions: 10 }));
}

describe('zone clock', () => {
  it('reads offsets from the tz database, DST included', () => {
    expect(zoneOffsetMinutes(Date.parse('2026-01-15T12:00:00Z'), 'Europe/Moscow')).toBe(180);
    expect(zoneOffsetMinutes(Date.parse('2026-07-15T12:00:00Z'), 'Europe/Moscow')).toBe(180);
    expect(zoneOffsetMinutes(Date.parse('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-300);
    expect(zoneOffsetMinutes(Date.parse('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-240);
    expect(zoneOffsetMinutes(Date.parse('2026-07-15T12:00:00Z'), 'Asia/Kathmandu')).toBe(345);
  });

  it('indexes hours of the week from Monday 00:00 local', () => {
    expect(hourOfWeek(new Date('2026-03-09T00:30:00+03:00'), 'Europe/Moscow')).toBe(0); // Monday
    expect(hourOfWeek(new Date('2026-03-08T23:30:00+03:00'), 'Europe/Moscow')).toBe(167); // Sunday 23:xx
    expect(hourOfWeek(new Date('2026-03-11T19:00:00Z'), 'Europe/Moscow')).toBe(2 * 24 + 22);
  });
});

describe('planPostTimes without engagement data', () => {
  it('puts a weekday’s posts in the evening, 30 minutes apart, in the given order', () => {
    const plan = planPostTimes({ now: new Date('2026-03-09T09:00:00Z'), timeZone: 'Europe/Moscow', platforms: PLATFORMS, language: 'ru' });
    expect(plan.map((p) => p.platform)).toEqual([...PLATFORMS]);
    expect(plan.map((p) => local(p.postTime, 'Europe/Moscow').time)).toEqual(['18:00', '18:30', '19:00', '19:30', '20:00', '20:30']);
    expect(plan[0].postTime).toBe('2026-03-09T15:00:00.000Z'); // Moscow is UTC+3 all year
    expect(plan[0].reason).toContain('Будний вечер');
    expect(plan[0].reason).toContain('18:00');
  });

  it('uses weekend mornings, with the reason in English when asked', () => {
    const plan = planPostTimes({ now: new Date('2026-03-14T05:00:00Z'), timeZone: 'Europe/Moscow', platforms: ['telegram'], language: 'en' });
    expect(local(plan[0].postTime, 'Europe/Moscow')).toEqual({ weekday: 'Sat', time: '09:00' });
    expect(plan[0].reason).toMatch(/^Weekend morning, 09:00/);
  });

  it('never plans in the past or within the lead time', () => {
    // 18:50 Moscow on a Monday: 19:00 is too close, 19:30 is the first slot.
    const plan = planPostTimes({ now: new Date('2026-03-09T15:50:00Z'), timeZone: 'Europe/Moscow', platforms: ['telegram', 'vk', 'x', 'instagram'], language: 'ru' });
    const times = plan.map((p) => local(p.postTime, 'Europe/Moscow').time);
    expect(times.slice(0, 3)).toEqual(['19:30', '20:00', '20:30']);
    expect(local(plan[3].postTime, 'Europe/Moscow')).toEqual({ weekday: 'Tue', time: '18:00' });
    for (const p of plan) expect(Date.parse(p.postTime) - Date.parse('2026-03-09T15:50:00Z')).toBeGreaterThanOrEqual(POST_TIME_POLICY.leadMinutes * 60_000);
  });

  it('follows New York across the spring-forward switch (2026-03-08)', () => {
    // Saturday 23:00 EST; on Sunday 09:00 the clock reads EDT (UTC-4), not EST.
    const plan = planPostTimes({ now: new Date('2026-03-08T04:00:00Z'), timeZone: 'America/New_York', platforms: ['telegram', 'x'], language: 'en' });
    expect(plan.map((p) => p.postTime)).toEqual(['2026-03-08T13:00:00.000Z', '2026-03-08T13:30:00.000Z']);
  });

  it('follows New York across the fall-back switch (2026-11-01)', () => {
    const plan = planPostTimes({ now: new Date('2026-11-01T03:00:00Z'), timeZone: 'America/New_York', platforms: ['telegram'], language: 'en' });
    expect(plan[0].postTime).toBe('2026-11-01T14:00:00.000Z'); // 09:00 EST
  });

  it('follows London into and out of summer time', () => {
    const spring = planPostTimes({ now: new Date('2026-03-28T22:00:00Z'), timeZone: 'Europe/London', platforms: ['telegram'], language: 'en' });
    expect(spring[0].postTime).toBe('2026-03-29T08:00:00.000Z'); // 09:00 BST
    const autumn = planPostTimes({ now: new Date('2026-10-24T21:00:00Z'), timeZone: 'Europe/London', platforms: ['telegram'], language: 'en' });
    expect(autumn[0].postTime).toBe('2026-10-25T09:00:00.000Z'); // 09:00 GMT
  });

  it('refuses a zone that is not IANA', () => {
    expect(() => planPostTimes({ now: new Date(), timeZone: 'GMT+3', platforms: ['x'], language: 'en' })).toThrow(/time zone/i);
  });
});

describe('planPostTimes with the user’s engagement', () => {
  it('moves to the hour the channels do best when the data is enough', () => {
    const engagement = flatEngagement();
    engagement[0 * 24 + 22] = { posts: 12, avgViews: 5000, avgReactions: 80 }; // Monday 22:00
    const plan = planPostTimes({ now: new Date('2026-03-09T09:00:00Z'), timeZone: 'Europe/Moscow', platforms: ['telegram', 'vk'], engagement, language: 'ru' });
    expect(local(plan[0].postTime, 'Europe/Moscow')).toEqual({ weekday: 'Mon', time: '22:00' });
    expect(plan[0].reason).toBe('Будний вечер, 22:00: в этот час ваши каналы набирают больше всего просмотров и реакций');
    expect(local(plan[1].postTime, 'Europe/Moscow').time).toBe('22:30');
  });

  it('says how much better than usual an hour is when it is not the very best', () => {
    const engagement = flatEngagement(); // 1000 views + 20 × 10 reactions = 1200 a post
    engagement[0 * 24 + 19] = { posts: 6, avgViews: 1500, avgReactions: 10 }; // Monday 19:00: 1700
    engagement[5 * 24 + 3] = { posts: 6, avgViews: 5000, avgReactions: 10 }; // Saturday 03:00: best, but days away
    const plan = planPostTimes({ now: new Date('2026-03-09T09:00:00Z'), timeZone: 'Europe/Moscow', platforms: ['telegram'], engagement, language: 'ru' });
    expect(local(plan[0].postTime, 'Europe/Moscow').time).toBe('19:00');
    expect(plan[0].reason).toBe('Будний вечер, 19:00: в этот час ваши каналы набирают на 42% больше просмотров и реакций, чем обычно');
  });

  it('keeps the base plan when there are too few posts to trust', () => {
    const engagement: HourOfWeekEngagement = Array.from({ length: 168 }, () => ({ posts: 0, avgViews: 0, avgReactions: 0 }));
    engagement[22] = { posts: POST_TIME_POLICY.minPosts - 1, avgViews: 50_000, avgReactions: 500 };
    const plan = planPostTimes({ now: new Date('2026-03-09T09:00:00Z'), timeZone: 'Europe/Moscow', platforms: ['telegram'], engagement, language: 'ru' });
    expect(local(plan[0].postTime, 'Europe/Moscow').time).toBe('18:00');
  });

  it('ignores an hour with fewer posts than the minimum, however good', () => {
    const engagement = flatEngagement();
    engagement[22] = { posts: POST_TIME_POLICY.minCellPosts - 1, avgViews: 1e6, avgReactions: 1e4 };
    const plan = planPostTimes({ now: new Date('2026-03-09T09:00:00Z'), timeZone: 'Europe/Moscow', platforms: ['telegram'], engagement, language: 'en' });
    expect(local(plan[0].postTime, 'Europe/Moscow').time).toBe('18:00');
  });

  it('never offers a local time the spring-forward gap skips, and names the time the clock will show', () => {
    const engagement = flatEngagement(100);
    engagement[6 * 24 + 2] = { posts: 40, avgViews: 90_000, avgReactions: 900 }; // Sunday 02:00, skipped on 2026-03-08
    const now = new Date('2026-03-08T04:00:00Z'); // Saturday 23:00 EST
    const plan = planPostTimes({ now, timeZone: 'America/New_York', platforms: PLATFORMS, engagement, language: 'en' });
    for (const p of plan) {
      const { time } = local(p.postTime, 'America/New_York');
      expect(p.reason).toContain(`, ${time}`);
      expect(Date.parse(p.postTime)).toBeGreaterThan(now.getTime());
    }
    // 02:00-02:59 does not exist that night: the first slot of the 02 hour is a week later.
    const twoAm = plan.filter((p) => local(p.postTime, 'America/New_York').time.startsWith('02:'));
    for (const p of twoAm) expect(Date.parse(p.postTime)).toBeGreaterThan(Date.parse('2026-03-09T00:00:00Z'));
  });
});
