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

export type UsageWindow = '24h' | '7d' | '30d' | '90d';

export const USAGE_WINDOW_SECONDS: Record<UsageWindow, number> = {
  '24h': 24 * 3600,
  '7d': 7 * 24 * 3600,
  '30d': 30 * 24 * 3600,
  '90d': 90 * 24 * 3600,
};

export interface QuotaState {
  used: number;
  limit: number;
  /** 0..1 of the limit used (capped at 1). */
  share: number;
  exceeded: boolean;
}

export function quotaState(used: number, limit: number): QuotaState {
  return { used, limit, share: limit > 0 ? Math.min(1, used / limit) : 1, exceeded: used >= limit };
}

/** The plan's rolling 30-day quotas against what was used in the last 30 days. */
export function planQuotas(limits: PlanLimits, used30d: { generations: number; images: number; costUsd: number }) {
  return {
    generations: quotaState(used30d.generations, limits.generationsPer30d),
    images: quotaState(used30d.images, limits.imagesPer30d),
    aiCostUsd: quotaState(Math.round(used30d.costUsd * 1e6) / 1e6, limits.aiCostUsdPer30d),
  };
}
