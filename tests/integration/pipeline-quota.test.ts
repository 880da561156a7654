// Plan quotas on pipeline runs: exact under concurrency (the check and the run's row are one
// transaction under the user's lock), a rolling window that frees room when the oldest counted run
// leaves it, and a run that failed before spending gives its place back.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_LIMITS } from '../../core/plans';
import { pipelineRuns } from '../../db/schema';
import type { Queue } from '../../edge/ports/queue';
import { pipelineContext, startRun, type PipelineContext } from '../../edge/services/pipeline';
import { QuotaExceededError } from '../../edge/services/quotas';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';
import { seedStory, seedTelegramDay } from './pipeline-fixtures';

let ctx: TestContext;
let topicId: number;
const T0 = Date.parse('2026-12-01T12:00:00Z') / 1000;
const idle: Queue = { enqueue: async () => ({ messageId: 'held' }) };

function at(seconds: number): PipelineContext {
  return { ...pipelineContext(ctx.services), queue: idle, now: () => seconds };
}

beforeAll(async () => {
  ctx = await createTestContext();
  const owner = await createUser(ctx);
  const day = await seedTelegramDay(ctx.database.db, [owner.id]);
  topicId = (await seedStory(ctx.database.db, day, 'Байден помиловал сына', /омилова/i, 10)).topicId;
});

afterAll(async () => {
  await ctx?.services.queue.close?.();
  await ctx?.close();
});

async function followerOfStory() {
  const user = await createUser(ctx, { plan: 'free' });
  await seedTelegramDay(ctx.database.db, [user.id]);
  return user;
}

describe('generations per 30 days', () => {
  const limit = PLAN_LIMITS.free.generationsPer30d;

  it(`50 concurrent starts against a limit of ${limit} start exactly ${limit}`, async () => {
    const user = await followerOfStory();
    const starts = await Promise.allSettled(
      Array.from({ length: 50 }, () => startRun({ ctx: at(T0), actor: { id: user.id, plan: 'free' }, input: { selection: { topicId }, briefCount: 1 } })),
    );
    expect(starts.filter((s) => s.status === 'fulfilled')).toHaveLength(limit);
    const refused = starts.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(refused).toHaveLength(50 - limit);
    expect(refused.every((r) => r.reason instanceof QuotaExceededError && r.reason.refusal.limit === 'generationsPer30d')).toBe(true);
    expect(await ctx.database.db.select().from(pipelineRuns).where(eq(pipelineRuns.userId, user.id))).toHaveLength(limit);
  });

  it('answers 429 QUOTA_EXCEEDED naming the limit, and room comes back when the oldest run leaves the window', async () => {
    const user = await followerOfStory();
    for (let i = 0; i < limit; i++) await startRun({ ctx: at(T0 + i * 60), actor: { id: user.id, plan: 'free' }, input: { selection: { topicId }, briefCount: 1 } });

    const refused = await ctx.app.request('/v1/runs', await asUser(ctx, user.id, { method: 'POST', body: JSON.stringify({ topicId }) }));
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { error: { code: string; details: { limit: string; used: number; allowed: number; retryAt: string } } };
    expect(body.error.code).toBe('QUOTA_EXCEEDED');
    expect(body.error.details).toMatchObject({ limit: 'generationsPer30d', used: limit, allowed: limit });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    const windowEnd = T0 + 30 * 86_400;
    await expect(startRun({ ctx: at(windowEnd - 1), actor: { id: user.id, plan: 'free' }, input: { selection: { topicId }, briefCount: 1 } })).rejects.toMatchObject({
      refusal: { retryAt: new Date(windowEnd * 1000).toISOString() },
    });
    // One second later the first run has left the rolling window.
    await expect(startRun({ ctx: at(windowEnd), actor: { id: user.id, plan: 'free' }, input: { selection: { topicId }, briefCount: 1 } })).resolves.toMatchObject({ status: 'queued' });
  });

  it('a run that failed before spending gives its place back', async () => {
    const user = await followerOfStory();
    const runs = [];
    for (let i = 0; i < limit; i++) runs.push(await startRun({ ctx: at(T0), actor: { id: user.id, plan: 'free' }, input: { selection: { topicId }, briefCount: 1 } }));
    await ctx.database.db.update(pipelineRuns).set({ status: 'failed', errorCode: 'AI_UNAVAILABLE' }).where(eq(pipelineRuns.id, runs[0].id));
    await expect(startRun({ ctx: at(T0 + 10), actor: { id: user.id, plan: 'free' }, input: { selection: { topicId }, briefCount: 1 } })).resolves.toMatchObject({ status: 'queued' });
    await expect(startRun({ ctx: at(T0 + 20), actor: { id: user.id, plan: 'free' }, input: { selection: { topicId }, briefCount: 1 } })).rejects.toBeInstanceOf(QuotaExceededError);
  });
});
