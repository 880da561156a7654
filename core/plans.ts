// Plans and their limits: the quota policy in one place. A limit reached answers 429 naming it.
export type PlanName = 'free' | 'pro' | 'enterprise';

export interface PlanLimits {
  /** Channels a user may follow. */
  channels: number;
  /** Telegram accounts a user may connect. */
  accounts: number;
  /** Largest media file ingest downloads (bytes); larger ones keep only their metadata. */
  mediaMaxBytes: number;
  /** AI pipeline runs per 30 days. */
  generationsPer30d: number;
  /** Generated images per 30 days. */
  imagesPer30d: number;
  /** AI spend cap per 30 days, USD. */
  aiCostUsdPer30d: number;
}

export const PLAN_LIMITS: Record<PlanName, PlanLimits> = {
  free: { channels: 10, accounts: 1, mediaMaxBytes: 5 * 1024 * 1024, generationsPer30d: 20, imagesPer30d: 20, aiCostUsdPer30d: 2 },
  pro: { channels: 100, accounts: 3, mediaMaxBytes: 50 * 1024 * 1024, generationsPer30d: 500, imagesPer30d: 500, aiCostUsdPer30d: 50 },
  enterprise: { channels: 1000, accounts: 20, mediaMaxBytes: 200 * 1024 * 1024, generationsPer30d: 10_000, imagesPer30d: 10_000, aiCostUsdPer30d: 1000 },
};

export function planLimits(plan: PlanName): PlanLimits {
  return PLAN_LIMITS[plan];
}
