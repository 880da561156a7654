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

export function tuningFromConfig(config: Config): IngestTuning {
  return {
    pollMs: config.INGEST_POLL_MS,
    pacingMs: config.INGEST_ACCOUNT_PACING_MS,
    leaseMs: config.INGEST_LEASE_MS,
    backfillDays: config.INGEST_BACKFILL_DAYS,
    backfillMaxPosts: config.INGEST_BACKFILL_MAX_POSTS,
    batchSize: 100,
    maxBatchesPerPass: 20,
    refreshEveryMs: 10 * 60_000,
    refreshDepth: 50,
    retryAttempts: 4,
    retryBaseMs: 500,
    maxChannelBackoffMs: 15 * 60_000,
  };
}
