// The loop's knobs, from configuration (INGEST_*), with the defaults tests override.
import type { Config } from '../../core/config';

export interface IngestTuning {
  /** Pause between two passes over an account's channels. */
  pollMs: number;
  /** At least this long between two Telegram calls of one account. */
  pacingMs: number;
  /** How long a lease lives without renewal (a dead process's accounts move on after this). */
  leaseMs: number;
  /** First sync: posts of the last N days … */
  backfillDays: number;
  /** … and at most M posts. */
  backfillMaxPosts: number;
  /** Messages per history request (Telegram's maximum is 100). */
  batchSize: number;
  /** Batches per channel per pass, so one busy channel does not starve the others. */
  maxBatchesPerPass: number;
  /** How often recent posts are re-read for edits, deletions and fresh metrics. */
  refreshEveryMs: number;
  /** How many recent posts a refresh re-reads. */
  refreshDepth: number;
  /** Attempts for a transient failure, and the first backoff. */
  retryAttempts: number;
  retryBaseMs: number;
  /** A channel that keeps failing waits pollMs × 2^errors, at most this long. */
  maxChannelBackoffMs: number;
}

// Telegram's limits are per account and unpublished; about one call a second keeps an account clear
// of FLOOD_WAIT. The sandbox has no such limit (its faults are injected), so it reads at local speed.
const DEFAULT_PACING_MS = { gramjs: 1000, sandbox: 25 } as const;

export function tuningFromConfig(config: Config, gateway: keyof typeof DEFAULT_PACING_MS): IngestTuning {
  return {
    pollMs: config.INGEST_POLL_MS,
    pacingMs: config.INGEST_ACCOUNT_PACING_MS ?? DEFAULT_PACING_MS[gateway],
    leaseMs: config.INGEST_LEASE_MS,
    backfillDays: config.INGEST_BACKFILL_DAYS,
    backfillMaxPosts: config.INGEST_BACKFILL_MAX_POSTS,
    batchSize: 100,
    // Small, so a first sync fills every followed channel a little before any one of them fully.
    maxBatchesPerPass: 2,
    refreshEveryMs: 10 * 60_000,
    refreshDepth: 50,
    retryAttempts: 4,
    retryBaseMs: 500,
    maxChannelBackoffMs: 15 * 60_000,
  };
}
