import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiUsage, pipelineRuns } from '../../db/schema';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';

interface UsageBody {
  window: string;
  totals: { calls: number; inputTokens: number; outputTokens: number; images: number; costUsd: number };
  byModel: { model: string; calls: number; costUsd: number }[];
  byPurpose: { purpose: string; calls: number }[];
  daily: { day: string; calls: number }[];
  quotas: Record<'generations' | 'images' | 'aiCostUsd', { used: number; limit: number; exceeded: boolean }>;
}

describe('GET /v1/usage', () => {
  let ctx: TestContext;
  let userId: string;
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);

  beforeAll(async () => {
    ctx = await createTestContext();
    const user = await createUser(ctx);
    userId = user.id;
    const db = ctx.database.db;
    await db.insert(aiUsage).values([
      { userId, ts: hoursAgo(1), model: 'gpt-4.1-mini', inputTokens: 1000, outputTokens: 500, costUsd: '0.0012', purpose: 'editor' },
      { userId, ts: hoursAgo(2), model: 'gpt-4.1-mini', inputTokens: 400, outputTokens: 100, costUsd: '0.0004', purpose: 'brief' },
      { userId, ts: hoursAgo(3), model: 'gpt-image-1', images: 2, costUsd: '0.08', purpose: 'image' },
      { userId, ts: hoursAgo(24 * 10), model: 'gpt-4.1-mini', inputTokens: 5000, outputTokens: 2000, costUsd: '0.5', purpose: 'editor' },
      { userId, ts: hoursAgo(24 * 40), model: 'gpt-4.1-mini', inputTokens: 9, outputTokens: 9, costUsd: '9', purpose: 'editor' },
    ]);
    const input = { topicId: null, messageIds: [1], platforms: ['telegram' as const], language: 'ru' as const, tone: 'neutral' as const, briefCount: 1 };
    await db.insert(pipelineRuns).values([{ userId, input }, { userId, input }, { userId, input, createdAt: hoursAgo(24 * 45) }]);
  });
  afterAll(() => ctx.close());

  it('sums the window by model, purpose and day, and leaves older calls out', async () => {
    const res = await ctx.app.request('/v1/usage?window=7d', await asUser(ctx, userId));
    expect(res.status).toBe(200);
    const body = (await res.json()) as UsageBody;
    expect(body.window).toBe('7d');
    expect(body.totals).toEqual({ calls: 3, inputTokens: 1400, outputTokens: 600, images: 2, costUsd: 0.0816 });
    expect(body.byModel.map((m) => [m.model, m.calls])).toEqual([['gpt-image-1', 1], ['gpt-4.1-mini', 2]]);
    expect(body.byPurpose.map((p) => p.purpose).sort()).toEqual(['brief', 'editor', 'image']);
    expect(body.daily.reduce((n, d) => n + d.calls, 0)).toBe(3);
  });

  it('measures the quotas over the last 30 days whatever the window', async () => {
    const res = await ctx.app.request('/v1/usage?window=24h', await asUser(ctx, userId));
    const body = (await res.json()) as UsageBody;
    expect(body.quotas.generations).toMatchObject({ used: 2, limit: 20, exceeded: false });
    expect(body.quotas.images).toMatchObject({ used: 2, limit: 20 });
    expect(body.quotas.aiCostUsd.used).toBeCloseTo(0.5816, 6);
  });

  it('answers 400 naming the parameter for an unknown window', async () => {
    const res = await ctx.app.request('/v1/usage?window=1y', await asUser(ctx, userId));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toContain('window');
  });
});
