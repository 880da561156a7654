// The single AI steps are inside the plan's quotas too: over the 30-day spend cap or image quota,
// POST /v1/transform, /v1/image-brief and /v1/images answer 429 QUOTA_EXCEEDED naming the limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_LIMITS } from '../../core/plans';
import { aiUsage, generatedImages } from '../../db/schema';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

async function post(userId: string, path: string, body: unknown) {
  const res = await ctx.app.request(path, await asUser(ctx, userId, { method: 'POST', body: JSON.stringify(body) }));
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { error?: { code: string; details?: Record<string, unknown> } } };
}

describe('quotas on the single steps', () => {
  it('the spend cap refuses Editor and Image Brief with the limit, used/allowed and retryAt', async () => {
    const user = await createUser(ctx, { plan: 'free' });
    const paidAt = new Date(Date.now() - 86_400_000);
    await ctx.database.db.insert(aiUsage).values({ userId: user.id, ts: paidAt, model: 'gpt-4.1-mini', costUsd: String(PLAN_LIMITS.free.aiCostUsdPer30d), purpose: 'editor' });
    for (const [path, body] of [['/v1/transform', { messageIds: [1] }], ['/v1/image-brief', { editorResultId: crypto.randomUUID() }]] as const) {
      const res = await post(user.id, path, body);
      expect(res.status).toBe(429);
      expect(res.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { limit: 'aiCostUsdPer30d', used: 2, allowed: 2, retryAt: new Date(paidAt.getTime() + 30 * 86_400_000).toISOString() } });
      expect(Number(res.retryAfter)).toBeGreaterThan(0);
    }
  });

  it('a full image quota refuses POST /v1/images', async () => {
    const user = await createUser(ctx, { plan: 'free' });
    await ctx.database.db.insert(generatedImages).values(Array.from({ length: PLAN_LIMITS.free.imagesPer30d }, (_, i) => ({ userId: user.id, briefHash: `h${i}`, url: '/media/x.png', storageKey: 'x', model: 'offline-card', size: '1024x1024' as const })));
    const res = await post(user.id, '/v1/images', { briefId: crypto.randomUUID() });
    expect(res.status).toBe(429);
    expect(res.body.error?.details).toMatchObject({ limit: 'imagesPer30d', used: 20, allowed: 20 });
  });

  it('under the quotas the request reaches the step (here: 404 for a brief that is not the user’s)', async () => {
    const user = await createUser(ctx, { plan: 'free' });
    expect((await post(user.id, '/v1/images', { briefId: crypto.randomUUID() })).status).toBe(404);
  });
});
