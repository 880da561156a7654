// The channel limit holds under concurrency: the count and the insert are one transaction under
// the user's row lock (edge/services/subscriptions.ts), so parallel subscribes never pass the plan.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_LIMITS } from '../../core/plans';
import { AppError } from '../../core/errors';
import { subscriptions } from '../../db/schema';
import { subscribeWithinLimit } from '../../edge/services/subscriptions';
import { createTestContext, type TestContext } from '../helpers/context';
import { createUser } from '../helpers/users';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const channel = (n: number) => ({ tgChannelId: 7_000_000 + n, username: `race_channel_${n}`, title: `Race ${n}`, about: null, visibility: 'public' as const, participantsCount: 100, inviteHash: null });

describe('channel limit under concurrency', () => {
  const limit = PLAN_LIMITS.free.channels;

  it(`30 concurrent subscribes to different channels on a plan of ${limit} keep exactly ${limit}`, async () => {
    const user = await createUser(ctx, { plan: 'free' });
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => subscribeWithinLimit(ctx.database.db, { userId: user.id, accountId: null, accessHash: null, channel: channel(i) })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(limit);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.every((r) => r.reason instanceof AppError && r.reason.code === 'PLAN_LIMIT_CHANNELS' && r.reason.details?.allowed === limit)).toBe(true);
    expect(await ctx.database.db.select().from(subscriptions).where(eq(subscriptions.userId, user.id))).toHaveLength(limit);
  });

  it('following a channel again at the limit is not refused and not counted twice', async () => {
    const user = await createUser(ctx, { plan: 'free' });
    for (let i = 0; i < limit; i++) await subscribeWithinLimit(ctx.database.db, { userId: user.id, accountId: null, accessHash: null, channel: channel(100 + i) });
    await expect(subscribeWithinLimit(ctx.database.db, { userId: user.id, accountId: null, accessHash: null, channel: channel(100) })).resolves.toMatchObject({ created: false });
    await expect(subscribeWithinLimit(ctx.database.db, { userId: user.id, accountId: null, accessHash: null, channel: channel(200) })).rejects.toMatchObject({ code: 'PLAN_LIMIT_CHANNELS' });
  });
});
