// The ingest service's Prometheus metrics: one set per process, registered on a core/metrics
// registry that main.ts serves at /metrics (and scripts/start.ts appends to the API's).
// No per-channel labels: a tenant can follow thousands of channels; lag is reported as the
// oldest successful pass and a histogram of pass intervals instead.
import { Metrics } from '../core/metrics/registry';
import { TelegramFailure } from './gateway/port';

const DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const INTERVAL_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];
export const ACCOUNT_STATUSES = ['active', 'flood_wait', 'needs_relogin', 'disabled'] as const;

/** The label a failure is counted under: the Telegram reason, or ERROR for anything else. */
export function failureReason(error: unknown): string {
  return error instanceof TelegramFailure ? error.reason : 'ERROR';
}

/**
 * Failure reasons whose series exist from the start at 0: `increase()` sees a first failure only
 * against an earlier sample, so an alert on a series born at 1 would never fire.
 */
const ACCOUNT_FAILURE_REASONS = ['FLOOD_WAIT', 'AUTH_REVOKED', 'TRANSIENT', 'ERROR'] as const;
const CHANNEL_FAILURE_REASONS = ['CHANNEL_PRIVATE', 'CHANNEL_BANNED', 'TRANSIENT', 'ERROR'] as const;

export function createIngestMetrics(registry: Metrics = new Metrics(), gateway = 'unknown') {
  const metrics = buildIngestMetrics(registry, gateway);
  for (const reason of ACCOUNT_FAILURE_REASONS) metrics.accountFailures.inc({ reason }, 0);
  for (const reason of CHANNEL_FAILURE_REASONS) metrics.channelFailures.inc({ reason }, 0);
  metrics.postsIngested.inc({ gateway }, 0);
  metrics.floodWaits.inc({}, 0);
  metrics.floodWaitSeconds.inc({}, 0);
  metrics.jobFailures.inc({ job: 'topic_batch' }, 0);
  metrics.jobFailures.inc({ job: 'ranking_refresh' }, 0);
  return metrics;
}

function buildIngestMetrics(registry: Metrics, gateway: string) {
  // Wall time of each channel's last successful pass, for the staleness gauge.
  const lastPass = new Map<number, number>();
  return {
    registry,
    gateway,
    postsIngested: registry.counter('ingest_posts_ingested_total', 'Posts newly stored, by gateway'),
    batchesCommitted: registry.counter('ingest_batches_committed_total', 'Batches committed (posts + cursor in one transaction), by gateway'),
    telegramCalls: registry.counter('ingest_telegram_calls_total', 'Telegram calls (each attempt) by method and outcome (ok or the failure reason)'),
    floodWaits: registry.counter('ingest_flood_waits_total', 'FLOOD_WAIT answers that paused an account'),
    floodWaitSeconds: registry.counter('ingest_flood_wait_seconds_total', 'Seconds Telegram asked accounts to wait, summed'),
    channelFailures: registry.counter('ingest_channel_failures_total', 'Channel passes that failed, by reason (CHANNEL_PRIVATE, TRANSIENT, ERROR, …)'),
    accountFailures: registry.counter('ingest_account_failures_total', 'Account passes that stopped, by reason (FLOOD_WAIT, AUTH_REVOKED, …)'),
    accounts: registry.gauge('ingest_accounts', 'Connected Telegram accounts by status (all processes)'),
    accountsLeased: registry.gauge('ingest_accounts_leased', 'Accounts this process holds the ingest lease of'),
    channelPassInterval: registry.histogram('ingest_channel_pass_interval_seconds', 'Seconds between two successful passes of a channel', INTERVAL_BUCKETS),
    channelPassAgeMax: registry.gauge('ingest_channel_pass_age_seconds_max', 'Seconds since the least recent successful pass among the channels this process reads', (gauge) => {
      const oldest = Math.min(...lastPass.values());
      gauge.set({}, lastPass.size ? Math.max(0, Math.round((Date.now() - oldest) / 1000)) : 0);
    }),
    channelsRead: registry.gauge('ingest_channels_read', 'Channels this process has read at least once and still reads', (gauge) => gauge.set({}, lastPass.size)),
    mediaBytes: registry.counter('ingest_media_downloaded_bytes_total', 'Bytes of media downloaded from Telegram'),
    mediaDedupHits: registry.counter('ingest_media_dedup_hits_total', 'Downloaded files already in storage (same SHA-256), not stored again'),
    mediaSkipped: registry.counter('ingest_media_skipped_total', 'Media kept as metadata only, by reason (too_large, quota, download_failed)'),
    qrLogins: registry.counter('ingest_qr_logins_total', 'QR logins ended, by outcome (AUTHORIZED, EXPIRED, INTERRUPTED, FLOOD_WAIT, …)'),
    topicBatchDuration: registry.histogram('ingest_topic_batch_duration_seconds', 'Clustering + ranking of one ingested batch', DURATION_BUCKETS),
    rankingRefreshDuration: registry.histogram('ingest_ranking_refresh_duration_seconds', 'Rescoring of the whole ranking window', DURATION_BUCKETS),
    jobFailures: registry.counter('ingest_job_failures_total', 'Topic and ranking jobs that failed, by job'),
    /** A channel was read successfully: observe the interval since its previous pass. */
    channelPassed(channelId: number) {
      const now = Date.now();
      const previous = lastPass.get(channelId);
      if (previous !== undefined) this.channelPassInterval.observe({}, (now - previous) / 1000);
      lastPass.set(channelId, now);
    },
    /** The process no longer reads these channels (lease lost, account removed). */
    forgetChannels(channelIds: Iterable<number>) {
      for (const id of channelIds) lastPass.delete(id);
    },
  };
}

export type IngestMetrics = ReturnType<typeof buildIngestMetrics>;
