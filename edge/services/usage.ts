// The usage report: a user's AI calls (tokens, images, cost) over a window, and the plan's quotas.
import { planLimits, planQuotas, USAGE_WINDOW_SECONDS, type UsageWindow } from '../../core/plans';
import { settingsOf } from '../../db/queries/settings';
import { pipelineRunsSince, usageSummary } from '../../db/queries/usage';
import type { Db } from '../../db/types';
import type { CurrentUser } from '../env';

export async function usageReport({ db, user, window, nowMs }: { db: Db; user: CurrentUser; window: UsageWindow; nowMs: number }) {
  const since = new Date(nowMs - USAGE_WINDOW_SECONDS[window] * 1000);
  const since30d = new Date(nowMs - USAGE_WINDOW_SECONDS['30d'] * 1000);
  const settings = await settingsOf(db, user.id);
  const [summary, last30d, runs30d] = await Promise.all([
    usageSummary(db, user.id, since, settings.timeZone),
    window === '30d' ? null : usageSummary(db, user.id, since30d, settings.timeZone),
    pipelineRunsSince(db, user.id, since30d),
  ]);
  const totals30d = (last30d ?? summary).totals;
  return {
    window,
    since: since.toISOString(),
    timeZone: settings.timeZone,
    ...summary,
    plan: user.plan,
    quotas: planQuotas(planLimits(user.plan), { generations: runs30d, images: totals30d.images, costUsd: totals30d.costUsd }),
  };
}

export type UsageReport = Awaited<ReturnType<typeof usageReport>>;
