// When to post each platform's item. The base is when people read feeds: weekday evenings
// (18:00-21:00) and weekend mornings (09:00-11:00), the user's local time. Where the user's own
// channels have enough history, the views and reactions they actually get by hour of week refine
// it. News goes stale, so a slot's appeal halves every day it lies ahead. Platforms get distinct
// slots at least SPACING apart, all strictly after now plus a lead time.
import { AppError } from '../../errors';
import { isIanaTimeZone, type UiLanguage } from '../../settings';
import type { Platform } from '../platforms';
import { clockAt, offsetOn, offsetTimeline, type LocalClock } from './zoned-time';

export interface HourEngagement {
  /** Posts published in this local hour of the week. */
  posts: number;
  avgViews: number;
  avgReactions: number;
}

/**
 * 168 cells, one per local hour of the week: index = dayOfWeek × 24 + hour, dayOfWeek 0 = Monday …
 * 6 = Sunday (as `hourOfWeek` in zoned-time.ts computes it).
 */
export type HourOfWeekEngagement = HourEngagement[];

export interface PostTimeRequest {
  now: Date;
  /** IANA zone, e.g. "Europe/Moscow". */
  timeZone: string;
  platforms: readonly Platform[];
  engagement?: HourOfWeekEngagement;
  language: UiLanguage;
}

export interface PlannedPostTime {
  platform: Platform;
  /** ISO timestamp, UTC. */
  postTime: string;
  reason: string;
}

export const POST_TIME_POLICY = {
  /** The earliest slot is at least this far after now. */
  leadMinutes: 15,
  /** No two platforms closer than this. */
  spacingMinutes: 30,
  /** Slots start on the hour and the half hour, within this many days. */
  slotMinutes: 30,
  horizonDays: 7,
  /** Engagement counts only with this many posts in all… */
  minPosts: 30,
  /** …and, for an hour, this many posts in that hour. */
  minCellPosts: 3,
  /** A slot's appeal halves every this many hours ahead. */
  halfLifeHours: 24,
} as const;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const STEP_MS = 15 * MINUTE_MS; // offsets are whole quarter hours in every zone in use
// A reaction is worth this many views (reactions run at a few per hundred views).
const REACTION_VIEWS = 20;
// An hour's measured ratio is weighed against the base appeal as if the base were this many posts.
const PRIOR_POSTS = 3;
// Measured ratios this much above average are worth naming in the reason.
const NOTABLE_RATIO = 1.1;

type Window = 'weekday-evening' | 'weekend-morning';

function baseWindow(c: LocalClock): Window | null {
  const weekend = c.dayOfWeek >= 5;
  if (!weekend && c.hour >= 18 && c.hour < 21) return 'weekday-evening';
  if (weekend && c.hour >= 9 && c.hour < 11) return 'weekend-morning';
  return null;
}

/** Base appeal: 1 in a window, little in the waking day, almost none at night. */
function baseAppeal(c: LocalClock): number {
  if (baseWindow(c)) return 1;
  return c.hour >= 8 && c.hour < 23 ? 0.15 : 0.02;
}

interface Measured {
  /** Cell value over the median of cells with enough posts; null where the cell has too few. */
  ratio: (number | null)[];
  posts: number[];
  best: number;
}

function measure(engagement: HourOfWeekEngagement | undefined): Measured | null {
  if (!engagement || engagement.length !== 168) return null;
  const total = engagement.reduce((sum, c) => sum + (c?.posts > 0 ? c.posts : 0), 0);
  if (total < POST_TIME_POLICY.minPosts) return null;
  const values = engagement.map((c) =>
    c?.posts >= POST_TIME_POLICY.minCellPosts && Number.isFinite(c.avgViews) && Number.isFinite(c.avgReactions)
      ? Math.max(0, c.avgViews) + REACTION_VIEWS * Math.max(0, c.avgReactions)
      : null,
  );
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  // The median hour is "usual": one viral post does not make every other hour look poor.
  const usual = known.length ? (known[(known.length - 1) >> 1] + known[known.length >> 1]) / 2 : 0;
  if (!(usual > 0)) return null;
  let best = -1;
  for (let i = 0; i < 168; i++) if (values[i] !== null && (best < 0 || values[i]! > values[best]!)) best = i;
  return { ratio: values.map((v) => (v === null ? null : v / usual)), posts: engagement.map((c) => c?.posts ?? 0), best };
}

interface Slot {
  ms: number;
  clock: LocalClock;
  cell: number;
  score: number;
}

export function planPostTimes(request: PostTimeRequest): PlannedPostTime[] {
  const { now, timeZone, engagement, language } = request;
  if (!isIanaTimeZone(timeZone)) throw new AppError('BAD_TIME_ZONE', `Unknown time zone: ${timeZone}`);
  const nowMs = now.getTime();
  const measured = measure(engagement);
  const slots = candidateSlots(nowMs, timeZone, measured);
  const chosen: Slot[] = [];
  const spacing = POST_TIME_POLICY.spacingMinutes * MINUTE_MS;
  return [...new Set(request.platforms)].map((platform) => {
    const slot = slots.find((s) => chosen.every((c) => Math.abs(c.ms - s.ms) >= spacing)) ?? lastResort(chosen, nowMs, spacing, timeZone);
    chosen.push(slot);
    return { platform, postTime: new Date(slot.ms).toISOString(), reason: explain(slot, measured, language) };
  });
}

/** Every half-hour slot in the horizon, best first. */
function candidateSlots(nowMs: number, zone: string, measured: Measured | null): Slot[] {
  const { leadMinutes, slotMinutes, horizonDays, halfLifeHours } = POST_TIME_POLICY;
  const first = Math.ceil((nowMs + leadMinutes * MINUTE_MS) / STEP_MS) * STEP_MS;
  const end = nowMs + horizonDays * 24 * HOUR_MS;
  const timeline = offsetTimeline(first, end, zone);
  const slots: Slot[] = [];
  for (let ms = first; ms < end; ms += STEP_MS) {
    const clock = clockAt(ms, offsetOn(timeline, ms));
    if (clock.minute % slotMinutes !== 0) continue;
    const cell = clock.dayOfWeek * 24 + clock.hour;
    const freshness = 0.5 ** ((ms - nowMs) / (halfLifeHours * HOUR_MS));
    slots.push({ ms, clock, cell, score: appeal(clock, cell, measured) * freshness });
  }
  return slots.sort((a, b) => b.score - a.score || a.ms - b.ms);
}

/** The base appeal, moved toward the measured ratio as far as the hour's post count allows. */
function appeal(clock: LocalClock, cell: number, measured: Measured | null): number {
  const base = baseAppeal(clock);
  const ratio = measured?.ratio[cell];
  if (ratio == null || !measured) return base;
  const n = measured.posts[cell];
  return (n * ratio + PRIOR_POSTS * base) / (n + PRIOR_POSTS);
}

/** Only when every slot of the horizon is taken: `spacing` after the last one planned. */
function lastResort(chosen: Slot[], nowMs: number, spacing: number, zone: string): Slot {
  const ms = Math.max(nowMs + POST_TIME_POLICY.leadMinutes * MINUTE_MS, ...chosen.map((c) => c.ms + spacing));
  const clock = clockAt(ms, offsetOn(offsetTimeline(ms, ms + 1, zone), ms));
  return { ms, clock, cell: clock.dayOfWeek * 24 + clock.hour, score: 0 };
}

const pad = (n: number) => String(n).padStart(2, '0');

function dayPart(c: LocalClock, language: UiLanguage): string {
  const weekend = c.dayOfWeek >= 5;
  const part = c.hour >= 5 && c.hour < 12 ? 0 : c.hour >= 12 && c.hour < 18 ? 1 : c.hour >= 18 && c.hour < 23 ? 2 : 3;
  const names =
    language === 'ru'
      ? weekend
        ? ['Утро выходного', 'Выходной день', 'Вечер выходного', 'Ночь']
        : ['Будничное утро', 'Будний день', 'Будний вечер', 'Ночь']
      : weekend
        ? ['Weekend morning', 'Weekend afternoon', 'Weekend evening', 'Night']
        : ['Weekday morning', 'Weekday afternoon', 'Weekday evening', 'Night'];
  return names[part];
}

function explain(slot: Slot, measured: Measured | null, language: UiLanguage): string {
  const time = `${pad(slot.clock.hour)}:${pad(slot.clock.minute)}`;
  const head = `${dayPart(slot.clock, language)}, ${time}`;
  const ratio = measured?.ratio[slot.cell];
  if (measured && ratio != null && ratio >= NOTABLE_RATIO) {
    if (slot.cell === measured.best) {
      return language === 'ru'
        ? `${head}: в этот час ваши каналы набирают больше всего просмотров и реакций`
        : `${head}: your channels get the most views and reactions in this hour`;
    }
    const more = Math.round((ratio - 1) * 100);
    return language === 'ru'
      ? `${head}: в этот час ваши каналы набирают на ${more}% больше просмотров и реакций, чем обычно`
      : `${head}: your channels get ${more}% more views and reactions than usual in this hour`;
  }
  const window = baseWindow(slot.clock);
  if (window === 'weekday-evening') {
    return language === 'ru'
      ? `${head} по вашему времени: после работы ленту читают больше всего`
      : `${head} your time: people read their feeds most after work`;
  }
  if (window === 'weekend-morning') {
    return language === 'ru'
      ? `${head} по вашему времени: в выходные ленту листают с утра, без спешки`
      : `${head} your time: on days off people browse their feeds in the morning, at leisure`;
  }
  return language === 'ru'
    ? `${head} по вашему времени: ближайшее удобное время, не совпадающее с другими публикациями`
    : `${head} your time: the nearest good slot that does not clash with your other posts`;
}
