// Subscriptions: follow a channel by any link form (the verb: edge/services/subscriptions.ts),
// stop following, and list what is followed with what ingest knows about each.
import { Hono } from 'hono';
import { z } from 'zod';
import { telegramGatewayKind } from '../../core/accounts/gateway-kind';
import { NotFoundError } from '../../core/errors';
import { planLimits } from '../../core/plans';
import { RATE_LIMITS } from '../../core/rate-limits';
import * as queries from '../../db/queries/channels';
import type { AppEnv } from '../env';
import { bySignedInUser, rateLimit } from '../middleware/rate-limit';
import { subscribeChannel } from '../services/subscriptions';
import { MAX_ID, validate } from '../validate';

const subscribeBody = z.object({
  channel: z.string().max(300),
  /** Optional: which of the user's accounts to resolve with (default: each usable one in turn). */
  accountId: z.uuid().optional(),
}).strict();
const unsubscribeBody = z.object({ channelId: z.number().int().positive().max(MAX_ID) }).strict();

export const channelRoutes = new Hono<AppEnv>()
  .post('/v1/channels/subscribe', rateLimit(RATE_LIMITS.channelSubscribe, bySignedInUser), validate('json', subscribeBody), async (c) => {
    const { channel: input, accountId: preferred } = c.req.valid('json');
    const result = await subscribeChannel({ services: c.get('services'), userId: c.get('user').id, input, preferredAccountId: preferred, log: c.get('log') });
    return c.json(result, result.created ? 201 : 200);
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
    const { plan } = c.get('user');
    // Sandbox channels replay a data set without engagement figures: metrics are simulated.
    const simulatedMetrics = telegramGatewayKind(config) === 'sandbox';
    return c.json({
      items: items.map((item) => ({ ...item, simulatedMetrics })),
      limit: { channels: planLimits(plan).channels, used: items.length, plan },
      simulatedMetrics,
    });
  });
