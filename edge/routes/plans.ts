// GET /v1/plans: every plan with its limits, the user's own, and how a plan is changed.
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { planCatalogue } from '../services/plans';
import { quotaStates } from '../services/quotas';

export const planRoutes = new Hono<AppEnv>().get('/v1/plans', async (c) => {
  const { database, now } = c.get('services');
  const user = c.get('user');
  return c.json({ ...planCatalogue(user.plan), quotas: await quotaStates(database.db, { userId: user.id, plan: user.plan, now: new Date(now() * 1000) }), changeBy: 'operator' as const });
});
