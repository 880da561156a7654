// Wall-clock time in an IANA zone, read from Intl (the runtime's tz database) at each instant, never
// from a fixed offset, so DST switches fall where the zone puts them. Planning walks real instants
// and asks what the clock says, so a local time skipped by a spring-forward switch is simply never
// met, and one repeated by a fall-back switch is met twice, an hour apart.
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in minutes (Moscow: +180, New York in winter: -300). */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  const parts = formatter(zone).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / MINUTE_MS);
}

export interface LocalClock {
  /** 0 = Monday … 6 = Sunday. */
  dayOfWeek: number;
  hour: number;
  minute: number;
}

/** Local clock at an instant, from its offset. */
export function clockAt(ms: number, offsetMinutes: number): LocalClock {
  const wall = new Date(ms + offsetMinutes * MINUTE_MS);
  return { dayOfWeek: (wall.getUTCDay() + 6) % 7, hour: wall.getUTCHours(), minute: wall.getUTCMinutes() };
}

/** Index of an instant's local hour in a week grid: dayOfWeek (Monday first) × 24 + hour. */
export function hourOfWeek(date: Date, zone: string): number {
  const c = clockAt(date.getTime(), zoneOffsetMinutes(date.getTime(), zone));
  return c.dayOfWeek * 24 + c.hour;
}

export interface OffsetStretch {
  /** First instant (ms) of the stretch. */
  from: number;
  offsetMinutes: number;
}

/**
 * The offsets in force over [from, to), as stretches of constant offset. Sampled once a day and
 * bisected to the minute where it changed: zones switch at most once a day.
 */
export function offsetTimeline(from: number, to: number, zone: string): OffsetStretch[] {
  const out: OffsetStretch[] = [{ from, offsetMinutes: zoneOffsetMinutes(from, zone) }];
  for (let start = from; start < to; start += DAY_MS) {
    const end = Math.min(start + DAY_MS, to);
    const before = out[out.length - 1].offsetMinutes;
    const after = zoneOffsetMinutes(end, zone);
    if (after === before) continue;
    // Minute-aligned, so the stretch starts exactly at a switch made on a whole minute.
    let lo = Math.floor(start / MINUTE_MS) * MINUTE_MS;
    let hi = end;
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
      if (zoneOffsetMinutes(mid, zone) === before) lo = mid;
      else hi = mid;
    }
    out.push({ from: hi, offsetMinutes: after });
  }
  return out;
}

/** The offset of an instant on a timeline made by `offsetTimeline`. */
export function offsetOn(timeline: OffsetStretch[], ms: number): number {
  for (let i = timeline.length - 1; i > 0; i--) if (ms >= timeline[i].from) return timeline[i].offsetMinutes;
  return timeline[0].offsetMinutes;
}
