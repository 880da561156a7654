// GET /v1/usage?window=30d: the user's AI calls (tokens, images, cost) and the plan's quotas.
import { Hono } from 'hono';
import { z } from 'zod';
import { planLimits, planQuotas, USAGE_WINDOW_SECONDS, type UsageWindow } from '../../core/plans';
import { pipelineRunsSince, usageSummary } from '../../db/queries/usage';
import type { Db } from '../../db/types';
import type { AppEnv, CurrentUser } from '../env';
import { validate } from '../validate';
import { loadSettings } from './settings';

const usageQuery = z.object({
  window: z.enum(Object.keys(USAGE_WINDOW_SECONDS) as [UsageWindow, ...UsageWindow[]]).default('30d'),
});

export async function loadUsageReport(db: Db, user: CurrentUser, window: UsageWindow, nowMs: number) {
  const since = new Date(nowMs - USAGE_WINDOW_SECONDS[window] * 1000);
  const since30d = new Date(nowMs - USAGE_WINDOW_SECONDS['30d'] * 1000);
  const settings = await loadSettings(db, user.id);
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

export type UsageReport = Awaited<ReturnType<typeof loadUsageReport>>;

export const usageRoutes = new Hono<AppEnv>().get('/v1/usage', validate('query', usageQuery), async (c) => {
  const { database, now } = c.get('services');
  return c.json(await loadUsageReport(database.db, c.get('user'), c.req.valid('query').window, now() * 1000));
});
