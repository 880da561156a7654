// Rules: a rule fires exactly once per (rule, topic), even when evaluated twice at once; a paused
// rule never fires; a quota hit pauses it with the reason; and end to end, a fired rule's run
// makes a package and the user's webhook receiver gets a signed package.ready.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_LIMITS } from '../../core/plans';
import { bumpRankingVersion } from '../../db/queries/ranking-clock';
import { upsertRankings } from '../../db/queries/ranking-scores';
import { pipelineRuns, ruleFirings } from '../../db/schema';
import type { Queue } from '../../edge/ports/queue';
import { pipelineContext, type PipelineContext } from '../../edge/services/pipeline';
import { evaluateRules } from '../../edge/services/rules';
import { startWebhookReceiver } from '../fakes/webhook-receiver';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';
import { seedStory, seedTelegramDay } from './pipeline-fixtures';

let ctx: TestContext;
let hot: number;
let cold: number;
const users: string[] = [];
const idle: Queue = { enqueue: async () => ({ messageId: 'held' }) };
const components = { popularity: 0.5, trend: 0.5, breadth: 0.5, freshness: 0.5 };

const held = (): PipelineContext => ({ ...pipelineContext(ctx.services), queue: idle });

beforeAll(async () => {
  ctx = await createTestContext();
  for (let i = 0; i < 5; i++) users.push((await createUser(ctx, { plan: 'free' })).id);
  const day = await seedTelegramDay(ctx.database.db, users);
  hot = (await seedStory(ctx.database.db, day, 'Байден помиловал сына', /омилова/i, 10)).topicId;
  cold = (await seedStory(ctx.database.db, day, 'Другая история', /Сирии|Сирия/i, 5)).topicId;
  await upsertRankings(ctx.database.db, [
    { entityKind: 'topic', entityId: hot, window: '24h', score: 0.9, components },
    { entityKind: 'topic', entityId: cold, window: '24h', score: 0.2, components },
  ]);
  // The rankings describe the end of the data set's day (the sandbox's clock).
  await bumpRankingVersion(ctx.database.db, Date.parse('2024-12-03T23:30:00Z'));
});
afterAll(async () => {
  await ctx?.services.queue.close?.();
  await ctx?.close();
});

async function api(userId: string, path: string, init: RequestInit = {}) {
  const res = await ctx.app.request(path, await asUser(ctx, userId, init));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function newRule(userId: string, fields: Record<string, unknown> = {}) {
  const { status, body } = await api(userId, '/v1/rules', { method: 'POST', body: JSON.stringify({ name: 'Горячее', minScore: 0.5, platforms: ['telegram'], ...fields }) });
  expect(status).toBe(201);
  return body as { id: string; status: string };
}

const runsOf = (userId: string) => ctx.database.db.select().from(pipelineRuns).where(eq(pipelineRuns.userId, userId));

describe('rules', () => {
  it('fires exactly once per (rule, topic), even when evaluated twice at once', async () => {
    const user = users[0];
    const rule = await newRule(user);
    const [a, b] = await Promise.all([evaluateRules(held()), evaluateRules(held())]);
    expect([...a.fired, ...b.fired].filter((f) => f.ruleId === rule.id)).toEqual([{ ruleId: rule.id, topicId: hot, runId: expect.any(String) }]);
    const again = await evaluateRules(held());
    expect(again.fired.filter((f) => f.ruleId === rule.id)).toEqual([]);
    expect(await runsOf(user)).toHaveLength(1);
    expect(await ctx.database.db.select().from(ruleFirings).where(eq(ruleFirings.ruleId, rule.id))).toHaveLength(1);

    const log = await api(user, '/v1/rules/log');
    expect(log.body.items).toMatchObject([{ ruleId: rule.id, ruleName: 'Горячее', topicId: hot, topicTitle: 'Байден помиловал сына', runStatus: 'queued' }]);
  });

  it('ten evaluations at once still start one run per topic', async () => {
    const user = users[1];
    await newRule(user, { minScore: 0.1 });
    const reports = await Promise.all(Array.from({ length: 10 }, () => evaluateRules(held(), { userId: user })));
    const fired = reports.flatMap((r) => r.fired);
    expect(fired.map((f) => f.topicId).sort()).toEqual([hot, cold].sort());
    expect(await runsOf(user)).toHaveLength(2);
  });

  it('a paused rule never fires; keywords and channel counts filter', async () => {
    const user = users[2];
    const paused = await newRule(user);
    expect((await api(user, `/v1/rules/${paused.id}`, { method: 'PATCH', body: JSON.stringify({ status: 'paused' }) })).body).toMatchObject({ status: 'paused', pausedReason: 'BY_USER' });
    await newRule(user, { keywords: ['землетрясение'] });
    await newRule(user, { minChannels: 500 });
    const report = await evaluateRules(held(), { userId: user });
    expect(report.fired).toEqual([]);
    expect(await runsOf(user)).toHaveLength(0);
    // The word matching the story fires it.
    await newRule(user, { keywords: ['ПОМИЛОВАЛ'] });
    expect((await evaluateRules(held(), { userId: user })).fired).toHaveLength(1);
  });

  it('a quota hit pauses the rule with the reason and leaves no firing; resuming clears it', async () => {
    const user = users[3];
    const input = { topicId: null, messageIds: [1], platforms: ['telegram' as const], language: 'ru' as const, tone: 'neutral' as const, briefCount: 1 };
    await ctx.database.db.insert(pipelineRuns).values(Array.from({ length: PLAN_LIMITS.free.generationsPer30d }, () => ({ userId: user, input, createdAt: new Date(ctx.services.now() * 1000) })));
    const rule = await newRule(user);
    const report = await evaluateRules(held(), { userId: user });
    expect(report.fired).toEqual([]);
    expect(report.paused).toEqual([{ ruleId: rule.id, reason: expect.stringMatching(/^QUOTA_EXCEEDED:generationsPer30d:\d{4}-/) }]);
    const listed = (await api(user, '/v1/rules')).body.items as { id: string; status: string; pausedReason: string }[];
    expect(listed.find((r) => r.id === rule.id)).toMatchObject({ status: 'paused', pausedReason: expect.stringMatching(/^QUOTA_EXCEEDED:/) });
    expect(await ctx.database.db.select().from(ruleFirings).where(eq(ruleFirings.ruleId, rule.id))).toHaveLength(0);
    expect((await evaluateRules(held(), { userId: user })).fired).toEqual([]);
    expect((await api(user, `/v1/rules/${rule.id}`, { method: 'PATCH', body: JSON.stringify({ status: 'active' }) })).body).toMatchObject({ status: 'active', pausedReason: null });
  });

  it('refuses a malformed rule with 400 naming the field', async () => {
    const res = await api(users[4], '/v1/rules', { method: 'POST', body: JSON.stringify({ name: 'x', minScore: '0.5', platforms: ['telegram'] }) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('minScore');
  });

  it('end to end: the fired run makes a package, the log links it, the webhook gets a signed package.ready', async () => {
    const user = users[4];
    const receiver = await startWebhookReceiver();
    try {
      const hook = await api(user, '/v1/webhooks', { method: 'POST', body: JSON.stringify({ url: receiver.url, events: ['package.ready'] }) });
      receiver.secret = hook.body.secret as string;
      await newRule(user, { platforms: ['telegram', 'x'] });
      const evaluated = await api(user, '/v1/rules/evaluate', { method: 'POST' });
      expect((evaluated.body.fired as unknown[]).length).toBe(1);
      await ctx.services.queue.drain?.();
      const log = (await api(user, '/v1/rules/log')).body.items as { runStatus: string; packageId: string | null }[];
      expect(log[0]).toMatchObject({ runStatus: 'succeeded', packageId: expect.any(String) });
      expect(receiver.processed()).toHaveLength(1);
      const event = JSON.parse(receiver.processed()[0].body) as { type: string; data: { packageId: string } };
      expect(event).toMatchObject({ type: 'package.ready', data: { packageId: log[0].packageId } });
      expect((await api(user, `/v1/packages/${log[0].packageId}`)).status).toBe(200);
    } finally {
      await receiver.close();
    }
  }, 60_000);
});
