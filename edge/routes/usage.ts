// GET /v1/usage?window=24h|7d|30d|90d: the user's AI calls (totals, by day, purpose and model) and
// the plan's quotas with reset times; GET /v1/usage/export?window=…: the calls as CSV.
import { Hono } from 'hono';
import { z } from 'zod';
import { USAGE_WINDOW_SECONDS, type UsageWindow } from '../../core/plans';
import type { AppEnv } from '../env';
import { usageCsv, usageReport } from '../services/usage';
import { validate } from '../validate';

const usageQuery = z
  .object({ window: z.enum(Object.keys(USAGE_WINDOW_SECONDS) as [UsageWindow, ...UsageWindow[]]).default('30d') })
  .strict();

export const usageRoutes = new Hono<AppEnv>()
  .get('/v1/usage', validate('query', usageQuery), async (c) => {
    const { database, now } = c.get('services');
    return c.json(await usageReport({ db: database.db, user: c.get('user'), window: c.req.valid('query').window, nowMs: now() * 1000 }));
  })
  .get('/v1/usage/export', validate('query', usageQuery), async (c) => {
    const { database, now } = c.get('services');
    const window = c.req.valid('query').window;
    const csv = await usageCsv({ db: database.db, user: c.get('user'), window, nowMs: now() * 1000 });
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="tg-studio-usage-${window}.csv"` });
  });
