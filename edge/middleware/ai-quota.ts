// The plan's AI quotas in front of the single-step endpoints (POST /v1/transform, /v1/image-brief,
// /v1/images): 429 QUOTA_EXCEEDED before any AI call is paid for.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { checkAiAllowance } from '../services/quotas';

export function aiQuota(options: { images: number }): MiddlewareHandler<AppEnv> {
  return async function aiQuotaGuard(c, next) {
    const { database, now } = c.get('services');
    const user = c.get('user');
    await checkAiAllowance(database.db, { userId: user.id, plan: user.plan, images: options.images, now: new Date(now() * 1000) });
    return next();
  };
}
