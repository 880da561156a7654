import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { aiUsage, pipelineRuns, userSettings } from '../../db/schema';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';

interface UsageBody {
  window: string;
  totals: { calls: number; inputTokens: number; outputTokens: number; cachedTokens: number; images: number; costUsd: number };
  byModel: { model: string; calls: number; costUsd: number }[];
  byPurpose: { purpose: string; calls: number }[];
  daily: { day: string; calls: number }[];
  quotas: Record<'generations' | 'images' | 'aiCostUsd', { used: number; limit: number; exceeded: boolean; resetsAt: string | null }>;
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
      { userId, ts: hoursAgo(1), model: 'gpt-4.1-mini', inputTokens: 1000, outputTokens: 500, cachedTokens: 300, costUsd: '0.0012', purpose: 'editor' },
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
    expect(body.totals).toEqual({ calls: 3, inputTokens: 1400, outputTokens: 600, cachedTokens: 300, images: 2, costUsd: 0.0816 });
    // Every day of the window is on the chart's axis, quiet days as zeros.
    expect(body.daily.length).toBeGreaterThanOrEqual(7);
    expect(body.daily.length).toBeLessThanOrEqual(8);
    expect(body.byModel.map((m) => [m.model, m.calls])).toEqual([['gpt-image-1', 1], ['gpt-4.1-mini', 2]]);
    expect(body.byPurpose.map((p) => p.purpose).sort()).toEqual(['brief', 'editor', 'image']);
    expect(body.daily.reduce((n, d) => n + d.calls, 0)).toBe(3);
  });

  it('measures the quotas over the last 30 days whatever the window', async () => {
    const res = await ctx.app.request('/v1/usage?window=24h', await asUser(ctx, userId));
    const body = (await res.json()) as UsageBody;
    expect(body.quotas.generations).toMatchObject({ used: 2, limit: 20, exceeded: false });
    // Images count as the quota check counts them: generated images stored (none seeded here).
    expect(body.quotas.images).toMatchObject({ used: 0, limit: 20, resetsAt: null });
    expect(body.quotas.aiCostUsd.used).toBeCloseTo(0.5816, 6);
    // Room comes back when the oldest counted use leaves the 30-day window.
    expect(Date.parse(body.quotas.aiCostUsd.resetsAt as string)).toBeCloseTo(hoursAgo(24 * 10).getTime() + 30 * 86_400_000, -4);
  });

  it('answers 400 naming the parameter for an unknown window', async () => {
    const res = await ctx.app.request('/v1/usage?window=1y', await asUser(ctx, userId));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toContain('window');
  });
});

describe('usage by day in the user\'s zone, by purpose and model; CSV', () => {
  let ctx: TestContext;
  let userId: string;
  const NOW = Date.parse('2026-12-03T12:00:00Z');

  beforeAll(async () => {
    ctx = await createTestContext();
    ctx.services.now = () => NOW / 1000;
    userId = (await createUser(ctx)).id;
    const db = ctx.database.db;
    await db.update(userSettings).set({ timeZone: 'Asia/Tokyo' }).where(eq(userSettings.userId, userId));
    await db.insert(aiUsage).values([
      // 23:30 and 00:30 in Tokyo (UTC+9): two calendar days there, one in UTC.
      { userId, ts: new Date('2026-12-01T14:30:00Z'), model: 'gpt-4.1-mini', inputTokens: 100, outputTokens: 10, cachedTokens: 40, costUsd: '0.010000', purpose: 'editor' },
      { userId, ts: new Date('2026-12-01T15:30:00Z'), model: 'gpt-4.1-mini', inputTokens: 200, outputTokens: 20, costUsd: '0.020000', purpose: 'brief' },
      { userId, ts: new Date('2026-12-01T15:45:00Z'), model: 'gpt-image-1', images: 3, costUsd: '0.120000', purpose: 'image' },
      { userId, ts: new Date('2026-12-02T03:00:00Z'), model: 'omni-moderation-latest', inputTokens: 50, purpose: 'moderation' },
    ]);
  });
  afterAll(() => ctx.close());

  it('buckets by the calendar day of the user\'s zone and sums purposes and models exactly', async () => {
    const body = (await (await ctx.app.request('/v1/usage?window=7d', await asUser(ctx, userId))).json()) as UsageBody & { timeZone: string };
    expect(body.timeZone).toBe('Asia/Tokyo');
    const day = (d: string) => body.daily.find((x) => x.day === d) as unknown as UsageBody['totals'];
    expect(day('2026-12-01')).toMatchObject({ calls: 1, inputTokens: 100, cachedTokens: 40, costUsd: 0.01 });
    expect(day('2026-12-02')).toMatchObject({ calls: 3, inputTokens: 250, outputTokens: 20, images: 3, costUsd: 0.14 });
    expect(day('2026-12-03')).toMatchObject({ calls: 0, costUsd: 0 });
    const purposes = Object.fromEntries(body.byPurpose.map((p) => [p.purpose, p]));
    expect(purposes).toMatchObject({ editor: { calls: 1 }, brief: { calls: 1 }, image: { calls: 1, images: 3 }, moderation: { calls: 1, costUsd: 0 } });
    const models = Object.fromEntries(body.byModel.map((m) => [m.model, m]));
    expect(models['gpt-4.1-mini']).toMatchObject({ calls: 2, inputTokens: 300, outputTokens: 30, cachedTokens: 40, costUsd: 0.03 });
    expect(models['gpt-image-1']).toMatchObject({ calls: 1, images: 3, costUsd: 0.12 });
  });

  it('exports the rows as CSV with a BOM, oldest first', async () => {
    const res = await ctx.app.request('/v1/usage/export?window=7d', await asUser(ctx, userId));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('\r\n');
    const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.purpose)).toEqual(['editor', 'brief', 'image', 'moderation']);
    expect(rows[0]).toMatchObject({ ts: '2026-12-01T14:30:00.000Z', model: 'gpt-4.1-mini', input_tokens: '100', cached_tokens: '40', output_tokens: '10', cost_usd: '0.010000' });
  });
});
