// GET /v1/usage?window=30d: the user's AI calls (tokens, images, cost) and the plan's quotas.
import { Hono } from 'hono';
import { z } from 'zod';
import { USAGE_WINDOW_SECONDS, type UsageWindow } from '../../core/plans';
import type { AppEnv } from '../env';
import { usageReport } from '../services/usage';
import { validate } from '../validate';

const usageQuery = z.object({
  window: z.enum(Object.keys(USAGE_WINDOW_SECONDS) as [UsageWindow, ...UsageWindow[]]).default('30d'),
});

export const usageRoutes = new Hono<AppEnv>().get('/v1/usage', validate('query', usageQuery), async (c) => {
  const { database, now } = c.get('services');
  return c.json(await usageReport({ db: database.db, user: c.get('user'), window: c.req.valid('query').window, nowMs: now() * 1000 }));
});
