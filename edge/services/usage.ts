// The usage report: a user's AI calls (tokens in/out/cached, images, cost) over a window — totals,
// by calendar day in the user's zone, by purpose and by model — and the plan's quotas beside them,
// counted exactly as the quota check counts them, with their reset times; the media bytes stored
// for the user's channels against the plan's `mediaBytesStored` (counted as ingest counts them,
// db/queries/media.ts). And the CSV export.
import { stringify } from 'csv-stringify/sync';
import { planLimits, quotaState, USAGE_WINDOW_SECONDS, type UsageWindow } from '../../core/plans';
import { mediaBytesStoredBy } from '../../db/queries/media';
import { settingsOf } from '../../db/queries/settings';
import { usageRows, usageSummary, type UsageTotals } from '../../db/queries/usage';
import type { Db } from '../../db/types';
import type { CurrentUser } from '../env';
import { quotaStates } from './quotas';

const EMPTY: UsageTotals = { calls: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, images: 0, costUsd: 0 };
/** Most rows one CSV export holds (the window bounds it first). */
export const USAGE_EXPORT_MAX_ROWS = 50_000;

/** Calendar days (YYYY-MM-DD in `timeZone`) from `since` to `now`, inclusive. */
export function daysBetween(since: Date, now: Date, timeZone: string): string[] {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const days: string[] = [];
  for (let t = since.getTime(); ; t += 3_600_000) {
    const day = format.format(new Date(Math.min(t, now.getTime())));
    if (days[days.length - 1] !== day) days.push(day);
    if (t >= now.getTime()) break;
  }
  return days;
}

export async function usageReport({ db, user, window, nowMs }: { db: Db; user: CurrentUser; window: UsageWindow; nowMs: number }) {
  const now = new Date(nowMs);
  const since = new Date(nowMs - USAGE_WINDOW_SECONDS[window] * 1000);
  const settings = await settingsOf(db, user.id);
  const [summary, quotas, mediaBytes] = await Promise.all([
    usageSummary(db, user.id, since, settings.timeZone),
    quotaStates(db, { userId: user.id, plan: user.plan, now }),
    mediaBytesStoredBy(db, user.id),
  ]);
  const mediaAllowed = planLimits(user.plan).mediaBytesStored;
  // Every day of the window, the quiet ones too: the chart's x axis.
  const byDay = new Map(summary.daily.map((d) => [d.day, d]));
  const daily = daysBetween(since, now, settings.timeZone).map((day) => ({ ...EMPTY, ...byDay.get(day), day }));
  return {
    window,
    since: since.toISOString(),
    until: now.toISOString(),
    timeZone: settings.timeZone,
    totals: summary.totals,
    byModel: summary.byModel,
    byPurpose: summary.byPurpose,
    daily,
    plan: user.plan,
    quotas,
    /** Media bytes stored (no window: stored files stay); past `allowed`, new files keep metadata only. */
    mediaStorage: { ...quotaState(mediaBytes, mediaAllowed), allowed: mediaAllowed },
  };
}

export type UsageReport = Awaited<ReturnType<typeof usageReport>>;

/** GET /v1/usage/export: one CSV row per AI call (RFC 4180, UTF-8 with a BOM), oldest first. */
export async function usageCsv({ db, user, window, nowMs }: { db: Db; user: CurrentUser; window: UsageWindow; nowMs: number }): Promise<string> {
  const rows = await usageRows(db, user.id, new Date(nowMs - USAGE_WINDOW_SECONDS[window] * 1000), USAGE_EXPORT_MAX_ROWS);
  return stringify(
    rows.map((r) => [r.ts.toISOString(), r.purpose, r.engine, r.model, r.runId ?? '', r.inputTokens, r.cachedTokens, r.outputTokens, r.images, r.costUsd]),
    { bom: true, record_delimiter: 'windows', header: true, columns: ['ts', 'purpose', 'engine', 'model', 'run_id', 'input_tokens', 'cached_tokens', 'output_tokens', 'images', 'cost_usd'] },
  );
}
