// Subscriptions: follow a channel by any link form, stop following, and list what is followed
// with what ingest knows about each. Resolving goes through the user's own account (the ingest
// service holds the session) and is cached: Telegram bans accounts that resolve in bursts.
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { telegramGatewayKind } from '../../core/accounts/gateway-kind';
import { ChannelReferenceError, formatChannelReference, parseChannelReference, type ChannelReference } from '../../core/channels/reference';
import { AppError, NotFoundError } from '../../core/errors';
import { planLimits, type PlanName } from '../../core/plans';
import { RATE_LIMITS } from '../../core/rate-limits';
import * as queries from '../../db/queries/channels';
import { users } from '../../db/schema';
import type { Db } from '../../db/types';
import type { AppEnv } from '../env';
import type { IngestControl } from '../ports/ingest';
import type { Kv } from '../ports/kv';
import { bySignedInUser, rateLimit } from '../middleware/rate-limit';
import { validate } from '../validate';

const subscribeBody = z.object({
  channel: z.string().max(300),
  /** Optional: which of the user's accounts to resolve with (default: each usable one in turn). */
  accountId: z.uuid().optional(),
});
const unsubscribeBody = z.object({ channelId: z.coerce.number().int().positive() });

type Resolved = Awaited<ReturnType<IngestControl['resolveChannel']>>;
type CachedResolve = { ok: Resolved } | { error: { code: string; message: string } };

const RESOLVE_TTL_SECONDS = 24 * 3600;
const RESOLVE_FAILURE_TTL_SECONDS = 10 * 60;
// Failures that are facts about the channel (cacheable), not about the moment.
const CACHEABLE_FAILURES = new Set(['USERNAME_NOT_OCCUPIED', 'INVITE_INVALID', 'NOT_A_CHANNEL', 'CHANNEL_PRIVATE', 'CHANNEL_BANNED']);

function referenceError(reference: ChannelReference, code: string, message: string): AppError {
  const shown = formatChannelReference(reference);
  switch (code) {
    case 'USERNAME_NOT_OCCUPIED':
      return new AppError('NOT_FOUND', 'CHANNEL_NOT_FOUND', `Telegram has no channel ${shown}`);
    case 'INVITE_INVALID':
      return new AppError('NOT_FOUND', 'INVITE_INVALID', 'The invite link is invalid or has expired; ask the channel for a new one');
    case 'NOT_A_CHANNEL':
      return new AppError('UNPROCESSABLE', 'NOT_A_CHANNEL', `${shown} is a person or a bot, not a channel`);
    case 'CHANNEL_PRIVATE':
    case 'CHANNEL_BANNED':
      return new AppError('FORBIDDEN', 'CHANNEL_NO_ACCESS', `Your Telegram account cannot see ${shown}: join the channel in Telegram first, then add it here`);
    case 'ACCOUNT_NEEDS_RELOGIN':
      return new AppError('CONFLICT', 'ACCOUNT_NEEDS_RELOGIN', 'Your Telegram account was signed out; connect it again to add channels');
    case 'TELEGRAM_FLOOD_WAIT':
      return new AppError('RATE_LIMITED', 'TELEGRAM_RATE_LIMITED', 'Telegram asked us to slow down; try again in a minute');
    default:
      return new AppError('UPSTREAM_UNAVAILABLE', 'TELEGRAM_UNAVAILABLE', message || 'Telegram could not be reached; try again shortly');
  }
}

function errorCode(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  const reason = (error as { reason?: unknown })?.reason;
  if (typeof reason === 'string') return { code: reason === 'FLOOD_WAIT' ? 'TELEGRAM_FLOOD_WAIT' : reason === 'AUTH_REVOKED' ? 'ACCOUNT_NEEDS_RELOGIN' : reason, message: String((error as Error).message) };
  return { code: 'TELEGRAM_UNAVAILABLE', message: '' };
}

async function resolveCached(kv: Kv, ingest: IngestControl, userId: string, accountId: string, reference: ChannelReference): Promise<CachedResolve> {
  const key = `channels:resolve:v1:${accountId}:${formatChannelReference(reference)}`;
  const hit = await kv.get(key);
  if (hit) return JSON.parse(hit) as CachedResolve;
  try {
    const ok = await ingest.resolveChannel({ userId, accountId, reference });
    await kv.set(key, JSON.stringify({ ok }), { ttlSeconds: RESOLVE_TTL_SECONDS });
    return { ok };
  } catch (error) {
    const failure = errorCode(error);
    if (CACHEABLE_FAILURES.has(failure.code)) await kv.set(key, JSON.stringify({ error: failure }), { ttlSeconds: RESOLVE_FAILURE_TTL_SECONDS });
    return { error: failure };
  }
}

async function userPlan(db: Db, userId: string): Promise<PlanName> {
  const [row] = await db.select({ plan: users.plan }).from(users).where(eq(users.id, userId));
  return row?.plan ?? 'free';
}

export const channelRoutes = new Hono<AppEnv>()
  .post('/v1/channels/subscribe', rateLimit(RATE_LIMITS.channelSubscribe, bySignedInUser), validate('json', subscribeBody), async (c) => {
    const { channel: input, accountId: preferred } = c.req.valid('json');
    const { database, kv, ingest, config } = c.get('services');
    const db = database.db;
    const user = c.get('user');

    let reference: ChannelReference;
    try {
      reference = parseChannelReference(input);
    } catch (error) {
      if (error instanceof ChannelReferenceError) throw new AppError('VALIDATION_FAILED', 'INVALID_CHANNEL_REFERENCE', error.message);
      throw error;
    }

    const accounts = await queries.accountsForResolving(db, user.id);
    const candidates = preferred ? accounts.usable.filter((id) => id === preferred) : accounts.usable;
    if (preferred && candidates.length === 0) throw new NotFoundError('Telegram account', preferred);
    if (candidates.length === 0) {
      throw accounts.needsRelogin
        ? new AppError('CONFLICT', 'ACCOUNT_NEEDS_RELOGIN', 'Your Telegram account was signed out; connect it again to add channels')
        : new AppError('CONFLICT', 'NO_CONNECTED_ACCOUNT', 'Connect your Telegram account first: channels are read through your own session');
    }

    // A public channel someone already follows needs no call to Telegram: every account sees it.
    const known = reference.kind === 'username' ? await queries.findPublicChannelByUsername(db, reference.username) : null;
    if (known && (await queries.isSubscribed(db, user.id, known.id))) {
      return c.json({ channel: (await queries.listMyChannels(db, user.id, known.id))[0], created: false }, 200);
    }

    const plan = await userPlan(db, user.id);
    const limit = planLimits(plan).channels;
    if ((await queries.countSubscriptions(db, user.id)) >= limit) {
      throw new AppError('QUOTA_EXCEEDED', 'PLAN_LIMIT_CHANNELS', `Your ${plan} plan allows ${limit} channels; remove one or upgrade to add more`, { limit: 'channels', max: limit, plan });
    }

    let resolved: { channel: queries.ResolvedChannelInput; accountId: string | null; accessHash: string | null } | null = null;
    if (known?.tgChannelId) {
      const [row] = await queries.knownPublicChannel(db, known.id);
      resolved = { channel: row, accountId: candidates[0], accessHash: null };
    } else {
      if (!ingest) throw new AppError('SERVICE_UNAVAILABLE', 'INGEST_UNAVAILABLE', 'The Telegram service is not running; try again shortly');
      let failure: { code: string; message: string } | null = null;
      for (const accountId of candidates) {
        const result = await resolveCached(kv, ingest, user.id, accountId, reference);
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
      if (!resolved) throw referenceError(reference, failure?.code ?? 'TELEGRAM_UNAVAILABLE', failure?.message ?? '');
    }

    const { channelId, created } = await queries.subscribe(db, { userId: user.id, ...resolved });
    const [view] = await queries.listMyChannels(db, user.id, channelId);
    c.get('log')?.info('channel followed', { channelId, created, visibility: view.visibility, sandbox: telegramGatewayKind(config) === 'sandbox' });
    return c.json({ channel: view, created }, created ? 201 : 200);
  })
  .delete('/v1/channels/unsubscribe', validate('json', unsubscribeBody), async (c) => {
    const { channelId } = c.req.valid('json');
    const removed = await queries.unsubscribe(c.get('services').database.db, c.get('user').id, channelId);
    if (!removed) throw new NotFoundError('Subscription to channel', channelId);
    return c.json({ ok: true, channelId });
  })
  .get('/v1/channels/my', async (c) => {
    const { database, config } = c.get('services');
    const items = await queries.listMyChannels(database.db, c.get('user').id);
    const plan = await userPlan(database.db, c.get('user').id);
    // Sandbox channels replay a data set without engagement figures: metrics are simulated.
    const simulatedMetrics = telegramGatewayKind(config) === 'sandbox';
    return c.json({
      items: items.map((item) => ({ ...item, simulatedMetrics })),
      limit: { channels: planLimits(plan).channels, used: items.length, plan },
      simulatedMetrics,
    });
  });
