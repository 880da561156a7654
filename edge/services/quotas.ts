// The plan's AI quotas, checked and reserved in the caller's transaction under the user's row lock:
// 50 concurrent starts against a limit of 20 start exactly 20. Over a limit → 429 QUOTA_EXCEEDED
// naming it, used / allowed, and when room comes back (a rolling 30-day window).
import { AppError } from '../../core/errors';
import { planLimits, QUOTA_WINDOW_SECONDS, quotaState, quotaVerdict, type PlanName, type QuotaRefusal, type QuotaState } from '../../core/plans';
import { imagesInWindow, lockUserForQuota, runsInWindow, spendInWindow } from '../../db/queries/quotas';
import type { Db } from '../../db/types';

export class QuotaExceededError extends AppError {
  constructor(readonly refusal: QuotaRefusal) {
    super('QUOTA_EXCEEDED', `Quota ${refusal.limit} reached: ${refusal.used} of ${refusal.allowed} used; room comes back at ${refusal.retryAt}`, { ...refusal });
  }
}

/** Throws QuotaExceededError unless one more run (making `images` images) fits the plan. */
export async function reserveRun(tx: Db, params: { userId: string; plan: PlanName; images: number; now: Date }): Promise<void> {
  const limits = planLimits(params.plan);
  const since = new Date(params.now.getTime() - QUOTA_WINDOW_SECONDS * 1000);
  await lockUserForQuota(tx, params.userId);
  const runs = await runsInWindow(tx, params.userId, since, 0);
  const runsRefusal = quotaVerdict({ limit: 'generationsPer30d', allowed: limits.generationsPer30d, used: runs.used, adding: 1, usesOldestFirst: await oldestIfOver(runs.used + 1 - limits.generationsPer30d, (n) => runsInWindow(tx, params.userId, since, n)), now: params.now });
  if (runsRefusal) throw new QuotaExceededError(runsRefusal);
  const images = await imagesInWindow(tx, params.userId, since, 0);
  const imagesRefusal = quotaVerdict({ limit: 'imagesPer30d', allowed: limits.imagesPer30d, used: images.used, adding: params.images, usesOldestFirst: await oldestIfOver(images.used + params.images - limits.imagesPer30d, (n) => imagesInWindow(tx, params.userId, since, n)), now: params.now });
  if (imagesRefusal) throw new QuotaExceededError(imagesRefusal);
  const spend = await spendInWindow(tx, params.userId, since);
  if (spend.usd >= limits.aiCostUsdPer30d) {
    const retryAt = new Date((spend.oldestPaidAt ?? params.now).getTime() + QUOTA_WINDOW_SECONDS * 1000);
    throw new QuotaExceededError({
      limit: 'aiCostUsdPer30d',
      used: Math.round(spend.usd * 1e6) / 1e6,
      allowed: limits.aiCostUsdPer30d,
      retryAt: retryAt.toISOString(),
      retryAfterSeconds: Math.max(1, Math.ceil((retryAt.getTime() - params.now.getTime()) / 1000)),
    });
  }
}

async function oldestIfOver(over: number, read: (n: number) => Promise<{ oldest: Date[] }>): Promise<Date[]> {
  return over > 0 ? (await read(over)).oldest : [];
}

export interface QuotaStateWithReset extends QuotaState {
  /** When the oldest counted use leaves the rolling window (ISO), null when nothing is counted. */
  resetsAt: string | null;
}

/**
 * The plan's quotas as `reserveRun` counts them (the same queries), each with the moment the
 * oldest counted use leaves the window: what the Usage page and Settings show.
 */
export async function quotaStates(db: Db, params: { userId: string; plan: PlanName; now: Date }): Promise<Record<'generations' | 'images' | 'aiCostUsd', QuotaStateWithReset>> {
  const limits = planLimits(params.plan);
  const since = new Date(params.now.getTime() - QUOTA_WINDOW_SECONDS * 1000);
  const [runs, images, spend] = await Promise.all([runsInWindow(db, params.userId, since, 1), imagesInWindow(db, params.userId, since, 1), spendInWindow(db, params.userId, since)]);
  const reset = (oldest: Date | null | undefined) => (oldest ? new Date(oldest.getTime() + QUOTA_WINDOW_SECONDS * 1000).toISOString() : null);
  return {
    generations: { ...quotaState(runs.used, limits.generationsPer30d), resetsAt: reset(runs.oldest[0]) },
    images: { ...quotaState(images.used, limits.imagesPer30d), resetsAt: reset(images.oldest[0]) },
    aiCostUsd: { ...quotaState(Math.round(spend.usd * 1e6) / 1e6, limits.aiCostUsdPer30d), resetsAt: reset(spend.oldestPaidAt) },
  };
}

/**
 * The single-step AI endpoints (Editor, Image Brief, Images one by one) start no run, so they
 * count against the spend and image quotas only: refused once the spend cap is reached or the
 * images would not fit. (A pre-check: the step's own cost is known only after the call.)
 */
export async function checkAiAllowance(db: Db, params: { userId: string; plan: PlanName; images: number; now: Date }): Promise<void> {
  const limits = planLimits(params.plan);
  const since = new Date(params.now.getTime() - QUOTA_WINDOW_SECONDS * 1000);
  if (params.images > 0) {
    const images = await imagesInWindow(db, params.userId, since, 0);
    const over = images.used + params.images - limits.imagesPer30d;
    const refusal = quotaVerdict({ limit: 'imagesPer30d', allowed: limits.imagesPer30d, used: images.used, adding: params.images, usesOldestFirst: over > 0 ? (await imagesInWindow(db, params.userId, since, over)).oldest : [], now: params.now });
    if (refusal) throw new QuotaExceededError(refusal);
  }
  const spend = await spendInWindow(db, params.userId, since);
  if (spend.usd >= limits.aiCostUsdPer30d) {
    const retryAt = new Date((spend.oldestPaidAt ?? params.now).getTime() + QUOTA_WINDOW_SECONDS * 1000);
    throw new QuotaExceededError({ limit: 'aiCostUsdPer30d', used: Math.round(spend.usd * 1e6) / 1e6, allowed: limits.aiCostUsdPer30d, retryAt: retryAt.toISOString(), retryAfterSeconds: Math.max(1, Math.ceil((retryAt.getTime() - params.now.getTime()) / 1000)) });
  }
}
