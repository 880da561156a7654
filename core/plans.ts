// Plans and their limits: the quota policy in one place. A limit reached answers 429 naming it.
export const PLAN_NAMES = ['free', 'pro', 'enterprise'] as const;
export type PlanName = (typeof PLAN_NAMES)[number];

export interface PlanLimits {
  /** Channels a user may follow. */
  channels: number;
  /** Telegram accounts a user may connect. */
  accounts: number;
  /** Largest media file ingest downloads (bytes); larger ones keep only their metadata. */
  mediaMaxBytes: number;
  /**
   * Total media bytes stored for the user's channels (the sum of media_assets.size over posts of
   * channels one of the user's Telegram accounts reads). A file that would pass it keeps only its
   * metadata on the post (reason `quota`); nothing stored is ever deleted to make room.
   */
  mediaBytesStored: number;
  /** AI pipeline runs per 30 days. */
  generationsPer30d: number;
  /** Generated images per 30 days. */
  imagesPer30d: number;
  /** AI spend cap per 30 days, USD. */
  aiCostUsdPer30d: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

// Media stored: free 1 GiB, pro 20 GiB, enterprise 200 GiB.
export const PLAN_LIMITS: Record<PlanName, PlanLimits> = {
  free: { channels: 10, accounts: 1, mediaMaxBytes: 5 * MiB, mediaBytesStored: 1 * GiB, generationsPer30d: 20, imagesPer30d: 20, aiCostUsdPer30d: 2 },
  pro: { channels: 100, accounts: 3, mediaMaxBytes: 50 * MiB, mediaBytesStored: 20 * GiB, generationsPer30d: 500, imagesPer30d: 500, aiCostUsdPer30d: 50 },
  enterprise: { channels: 1000, accounts: 20, mediaMaxBytes: 200 * MiB, mediaBytesStored: 200 * GiB, generationsPer30d: 10_000, imagesPer30d: 10_000, aiCostUsdPer30d: 1000 },
};

export function planLimits(plan: PlanName): PlanLimits {
  return PLAN_LIMITS[plan];
}

/** Looks up a plan's limits; the ingest loop takes one so tests can run it with small limits. */
export type PlanLimitsLookup = (plan: PlanName) => PlanLimits;

export type MediaStoreVerdict = { store: true } | { store: false; reason: 'too_large' | 'quota' };

/**
 * Whether one media file may be stored: not over the plan's per-file size, and the bytes already
 * stored for the user plus this file stay within `mediaBytesStored` (reaching it exactly is
 * allowed). `size` null (Telegram did not say) is decided after the download, with the real size.
 */
export function mediaStoreVerdict(limits: Pick<PlanLimits, 'mediaMaxBytes' | 'mediaBytesStored'>, usedBytes: number, size: number | null): MediaStoreVerdict {
  if (size === null) return usedBytes < limits.mediaBytesStored ? { store: true } : { store: false, reason: 'quota' };
  if (size > limits.mediaMaxBytes) return { store: false, reason: 'too_large' };
  if (usedBytes + size > limits.mediaBytesStored) return { store: false, reason: 'quota' };
  return { store: true };
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

/** The rolling window the AI quotas count over. */
export const QUOTA_WINDOW_SECONDS = USAGE_WINDOW_SECONDS['30d'];

export type QuotaName = 'generationsPer30d' | 'imagesPer30d' | 'aiCostUsdPer30d';

export interface QuotaRefusal {
  limit: QuotaName;
  used: number;
  allowed: number;
  /** When enough counted uses have left the rolling window for this request to fit (ISO). */
  retryAt: string;
  retryAfterSeconds: number;
}

/**
 * Whether `adding` more fits under `allowed`, given the counted uses in the window. `usesOldestFirst`
 * are the times of the counted uses (oldest first, as many as are needed to know when room comes
 * back); room comes back when the oldest uses that stand in the way leave the window.
 */
export function quotaVerdict(params: { limit: QuotaName; allowed: number; used: number; adding: number; usesOldestFirst: Date[]; now: Date }): QuotaRefusal | null {
  const { limit, allowed, used, adding, usesOldestFirst, now } = params;
  if (used + adding <= allowed) return null;
  // The (used + adding − allowed)-th oldest use must leave the window first.
  const blocking = usesOldestFirst[Math.min(used + adding - allowed, usesOldestFirst.length) - 1];
  const retryAt = new Date((blocking ?? now).getTime() + QUOTA_WINDOW_SECONDS * 1000);
  return { limit, used, allowed, retryAt: retryAt.toISOString(), retryAfterSeconds: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)) };
}
