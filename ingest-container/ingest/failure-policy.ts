// What a failed Telegram call does: FLOOD_WAIT pauses that account only (with jitter), a revoked
// session marks the account needs_relogin and drops it, a channel the account can no longer see
// marks the subscription inaccessible with the reason, and any other channel error is recorded and
// retried with backoff while the account's other channels go on.
import type { Logger } from '../../core/log';
import { markAccount, markInaccessible, recordChannelError, type ChannelCursor, type IngestAccount, type IngestChannel } from '../../db/queries/ingest-reading';
import type { Db } from '../../db/types';
import { TelegramFailure } from '../gateway/port';
import { failureReason, type IngestMetrics } from '../metrics';
import type { IngestTuning } from './options';

/** After a failure: go on with the account's next channel, or stop the account for this pass. */
export type ChannelOutcome = 'continue' | 'stop-account';

export interface FailureContext {
  db: Db;
  log: Logger;
  metrics: IngestMetrics;
  now(): number;
  random(): number;
  /** Stops reading the account in this process (its lease goes back). */
  drop(accountId: string): Promise<void>;
}

/** Telegram's answers that mean this account cannot read the channel: the subscription shows why. */
const INACCESSIBLE_REASONS: Partial<Record<TelegramFailure['reason'], string>> = {
  CHANNEL_PRIVATE: 'CHANNEL_PRIVATE',
  CHANNEL_BANNED: 'CHANNEL_BANNED',
  INVITE_INVALID: 'INVITE_INVALID',
  USERNAME_NOT_OCCUPIED: 'USERNAME_NOT_OCCUPIED',
  NOT_A_CHANNEL: 'NOT_A_CHANNEL',
};

export async function onAccountFailure(ctx: FailureContext, account: IngestAccount, error: unknown): Promise<ChannelOutcome> {
  if (error instanceof TelegramFailure && error.reason === 'FLOOD_WAIT') {
    const seconds = error.seconds ?? 30;
    ctx.metrics.floodWaits.inc();
    ctx.metrics.floodWaitSeconds.inc({}, seconds);
    ctx.metrics.accountFailures.inc({ reason: 'FLOOD_WAIT' });
    // Jitter, so accounts released together do not call Telegram together.
    const waitMs = seconds * 1000 + Math.round(ctx.random() * Math.min(10_000, 1000 + seconds * 100));
    const until = new Date(ctx.now() + waitMs);
    await markAccount(ctx.db, account.id, { status: 'flood_wait', floodWaitUntil: until, lastError: `Telegram asked to wait ${seconds} s` });
    ctx.log.warn('FLOOD_WAIT: pausing this account only', { accountId: account.id, seconds, until: until.toISOString() });
    return 'stop-account';
  }
  if (error instanceof TelegramFailure && error.reason === 'AUTH_REVOKED') {
    ctx.metrics.accountFailures.inc({ reason: 'AUTH_REVOKED' });
    await markAccount(ctx.db, account.id, { status: 'needs_relogin', lastError: error.message });
    ctx.log.warn('session revoked: the account needs a new login', { accountId: account.id, reason: error.message });
    await ctx.drop(account.id);
    return 'stop-account';
  }
  ctx.metrics.accountFailures.inc({ reason: failureReason(error) });
  ctx.log.warn('account could not be read this pass', { accountId: account.id, error });
  return 'stop-account';
}

export async function onChannelFailure(ctx: FailureContext, account: IngestAccount, channel: IngestChannel, error: unknown): Promise<ChannelOutcome> {
  if (error instanceof TelegramFailure) {
    if (error.reason === 'FLOOD_WAIT' || error.reason === 'AUTH_REVOKED') return onAccountFailure(ctx, account, error);
    const reason = INACCESSIBLE_REASONS[error.reason];
    if (reason) {
      ctx.metrics.channelFailures.inc({ reason });
      await markInaccessible(ctx.db, account, channel.id, reason);
      ctx.log.warn('channel not readable by this account', { accountId: account.id, channelId: channel.id, reason, detail: error.message });
      return 'continue';
    }
  }
  ctx.metrics.channelFailures.inc({ reason: failureReason(error) });
  const message = error instanceof Error ? error.message : String(error);
  await recordChannelError(ctx.db, account.id, channel.id, message.slice(0, 500));
  ctx.log.warn('channel failed; backing off, the others go on', { accountId: account.id, channelId: channel.id, error });
  return 'continue';
}

/** A failing channel waits pollMs × 2^errors (capped) after its last failure before it is read again. */
export function inBackoff(cursor: ChannelCursor, tuning: Pick<IngestTuning, 'pollMs' | 'maxChannelBackoffMs'>, nowMs: number): boolean {
  if (cursor.errorCount === 0 || !cursor.updatedAt) return false;
  const wait = Math.min(tuning.pollMs * 2 ** cursor.errorCount, tuning.maxChannelBackoffMs);
  return cursor.updatedAt.getTime() + wait > nowMs;
}
