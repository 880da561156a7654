// Subscribing: follow a channel by any link form. Resolving goes through the user's own account
// (the ingest service holds the session) and is cached: Telegram bans accounts that resolve in
// bursts. The plan's channel limit is checked again in the transaction that inserts the
// subscription, under the user's row lock, so concurrent subscribes never pass it.
import { telegramGatewayKind } from '../../core/accounts/gateway-kind';
import { ChannelReferenceError, formatChannelReference, parseChannelReference, type ChannelReference } from '../../core/channels/reference';
import { AppError, NotFoundError } from '../../core/errors';
import { channelResolveError, ingestFailureOf } from '../../core/ingest-contract';
import type { Logger } from '../../core/log';
import { planLimits, type PlanName } from '../../core/plans';
import * as queries from '../../db/queries/channels';
import { lockUserForQuota } from '../../db/queries/quotas';
import { findChannelByTelegramId, userPlan } from '../../db/queries/subscriptions';
import type { Db } from '../../db/types';
import type { IngestControl } from '../ports/ingest';
import type { Kv } from '../ports/kv';
import type { Services } from '../services';

type Resolved = Awaited<ReturnType<IngestControl['resolveChannel']>>;
type CachedResolve = { ok: Resolved } | { error: { code: string; message: string } };

const RESOLVE_TTL_SECONDS = 24 * 3600;
const RESOLVE_FAILURE_TTL_SECONDS = 10 * 60;
// Failures that are facts about the channel (cacheable), not about the moment.
const CACHEABLE_FAILURES = new Set(['USERNAME_NOT_OCCUPIED', 'INVITE_INVALID', 'NOT_A_CHANNEL', 'CHANNEL_PRIVATE', 'CHANNEL_BANNED']);

async function resolveCached(kv: Kv, ingest: IngestControl, userId: string, accountId: string, reference: ChannelReference): Promise<CachedResolve> {
  const key = `channels:resolve:v1:${accountId}:${formatChannelReference(reference)}`;
  const hit = await kv.get(key);
  if (hit) return JSON.parse(hit) as CachedResolve;
  try {
    const ok = await ingest.resolveChannel({ userId, accountId, reference });
    await kv.set(key, JSON.stringify({ ok }), { ttlSeconds: RESOLVE_TTL_SECONDS });
    return { ok };
  } catch (error) {
    const failure = ingestFailureOf(error);
    if (CACHEABLE_FAILURES.has(failure.code)) await kv.set(key, JSON.stringify({ error: failure }), { ttlSeconds: RESOLVE_FAILURE_TTL_SECONDS });
    return { error: failure };
  }
}

export function channelLimitError(plan: PlanName, used: number): AppError {
  const max = planLimits(plan).channels;
  return new AppError('PLAN_LIMIT_CHANNELS', `Your ${plan} plan allows ${max} channels; remove one, or see Settings → Plans to change plan`, { limit: 'channels', used, allowed: max, max, plan });
}

export type SubscriptionInput = Parameters<typeof queries.subscribe>[1];

/**
 * Inserts the subscription unless the plan's channel limit is reached: the count and the insert
 * are one transaction under the user's row lock. Following a channel again never counts.
 */
export async function subscribeWithinLimit(db: Db, input: SubscriptionInput): Promise<{ channelId: number; created: boolean }> {
  return db.transaction(async (tx) => {
    await lockUserForQuota(tx, input.userId);
    const plan = await userPlan(tx, input.userId);
    const known = await findChannelByTelegramId(tx, input.channel.tgChannelId);
    if (!(known && (await queries.isSubscribed(tx, input.userId, known.id)))) {
      const used = await queries.countSubscriptions(tx, input.userId);
      if (used >= planLimits(plan).channels) throw channelLimitError(plan, used);
    }
    return queries.subscribe(tx, input);
  });
}

/** POST /v1/channels/subscribe: resolve, check the plan, record. */
export async function subscribeChannel(params: { services: Services; userId: string; input: string; preferredAccountId?: string; log?: Logger }) {
  const { services, userId, input, preferredAccountId } = params;
  const { database, kv, ingest, config } = services;
  const db = database.db;

  let reference: ChannelReference;
  try {
    reference = parseChannelReference(input);
  } catch (error) {
    if (error instanceof ChannelReferenceError) throw new AppError('INVALID_CHANNEL_REFERENCE', error.message);
    throw error;
  }

  const accounts = await queries.accountsForResolving(db, userId);
  const candidates = preferredAccountId ? accounts.usable.filter((id) => id === preferredAccountId) : accounts.usable;
  if (preferredAccountId && candidates.length === 0) throw new NotFoundError('Telegram account', preferredAccountId);
  if (candidates.length === 0) {
    throw accounts.needsRelogin
      ? new AppError('ACCOUNT_NEEDS_RELOGIN', 'Your Telegram account was signed out; connect it again to add channels')
      : new AppError('NO_CONNECTED_ACCOUNT', 'Connect your Telegram account first: channels are read through your own session');
  }

  // A public channel someone already follows needs no call to Telegram: every account sees it.
  const known = reference.kind === 'username' ? await queries.findPublicChannelByUsername(db, reference.username) : null;
  if (known && (await queries.isSubscribed(db, userId, known.id))) {
    return { channel: (await queries.listMyChannels(db, userId, known.id))[0], created: false };
  }

  // A cheap early answer before asking Telegram; the transaction below has the final word.
  const plan = await userPlan(db, userId);
  const used = await queries.countSubscriptions(db, userId);
  if (used >= planLimits(plan).channels) throw channelLimitError(plan, used);

  let resolved: { channel: queries.ResolvedChannelInput; accountId: string | null; accessHash: string | null } | null = null;
  if (known?.tgChannelId) {
    const [row] = await queries.knownPublicChannel(db, known.id);
    resolved = { channel: row, accountId: candidates[0], accessHash: null };
  } else {
    if (!ingest) throw new AppError('INGEST_UNAVAILABLE', 'The Telegram service is not running; try again shortly');
    let failure: { code: string; message: string } | null = null;
    for (const accountId of candidates) {
      const result = await resolveCached(kv, ingest, userId, accountId, reference);
      if ('ok' in result) {
        const ok = result.ok;
        resolved = {
          accountId,
          accessHash: ok.accessHash,
          channel: {
            tgChannelId: ok.tgChannelId,
            username: ok.username,
            title: ok.title,
            about: ok.about,
            visibility: ok.visibility,
            participantsCount: ok.participantsCount,
            inviteHash: reference.kind === 'invite' ? reference.hash : null,
          },
        };
        break;
      }
      failure = result.error;
      // Another of the user's accounts may see what this one cannot.
      if (failure.code !== 'CHANNEL_PRIVATE' && failure.code !== 'CHANNEL_BANNED' && failure.code !== 'ACCOUNT_NEEDS_RELOGIN') break;
    }
    if (!resolved) throw channelResolveError(failure ?? { code: 'TELEGRAM_UNAVAILABLE', message: '' }, formatChannelReference(reference));
  }

  const { channelId, created } = await subscribeWithinLimit(db, { userId, ...resolved });
  const [view] = await queries.listMyChannels(db, userId, channelId);
  params.log?.info('channel followed', { channelId, created, visibility: view.visibility, sandbox: telegramGatewayKind(config) === 'sandbox' });
  return { channel: view, created };
}
