// Webhooks against a local receiver: Standard Webhooks signatures that the library's own verifier
// accepts (both while a secret rotates), 500-then-200 delivered once, 410 disables the endpoint,
// and the SSRF guard in production configuration.
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webhookDeliveries, webhooks } from '../../db/schema';
import type { EnqueueOptions, Queue } from '../../edge/ports/queue';
import { attemptDelivery, emitEvent, targetRefusal, webhookContext, type WebhookContext } from '../../edge/services/webhooks';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';

let ctx: TestContext;
let receiver: WebhookReceiver;
let userId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  receiver = await startWebhookReceiver();
  userId = (await createUser(ctx)).id;
});
afterAll(async () => {
  await ctx?.services.queue.close?.();
  await receiver?.close();
  await ctx?.close();
});
beforeEach(async () => {
  receiver.reset();
  // A user per test: each test's events reach only its own endpoints.
  userId = (await createUser(ctx)).id;
});

async function api(path: string, init: RequestInit = {}) {
  const res = await ctx.app.request(path, await asUser(ctx, userId, init));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; details?: Record<string, unknown> } } };
}

async function newEndpoint(events = ['package.ready', 'run.failed']) {
  const { status, body } = await api('/v1/webhooks', { method: 'POST', body: JSON.stringify({ url: receiver.url, events }) });
  expect(status).toBe(201);
  const secret = body.secret as string;
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
  receiver.secret = secret;
  return { id: (body.webhook as { id: string }).id, secret };
}

/** A context whose queue records what it was asked to queue (the test plays the queue). */
function capturing(): { wctx: WebhookContext; queued: { topic: string; payload: { deliveryId: number; attempt: number }; options?: EnqueueOptions }[] } {
  const queued: { topic: string; payload: { deliveryId: number; attempt: number }; options?: EnqueueOptions }[] = [];
  const queue: Queue = { enqueue: async (topic, payload, options) => (queued.push({ topic, payload: payload as { deliveryId: number; attempt: number }, options }), { messageId: String(queued.length) }) };
  return { wctx: { ...webhookContext(ctx.services), queue }, queued };
}

describe('signatures', () => {
  it('a test event arrives signed; the standardwebhooks verifier accepts it; the secret is stored encrypted', async () => {
    const { id, secret } = await newEndpoint();
    const [row] = await ctx.database.db.select().from(webhooks).where(eq(webhooks.id, id));
    expect(row.secretCipher).toMatch(/^v\d+:/);
    expect(row.secretCipher).not.toContain(secret.slice(6));

    expect((await api(`/v1/webhooks/${id}/test`, { method: 'POST' })).status).toBe(202);
    await ctx.services.queue.drain?.();
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0];
    expect(got.verified).toBe(true);
    expect(got.headers['webhook-id']).toMatch(/^msg_test_/);
    expect(JSON.parse(got.body)).toMatchObject({ type: 'webhook.test', data: { webhookId: id } });
    // A tampered body does not verify.
    expect(() => new Webhook(secret).verify(got.body.replace('test', 'tset'), got.headers as Record<string, string>)).toThrow();

    const log = await api(`/v1/webhooks/${id}/deliveries`);
    expect(log.body.items).toMatchObject([{ eventType: 'webhook.test', status: 'delivered', attempts: 1, lastStatusCode: 200 }]);
  });

  it('while a secret is rotated both signatures are sent, and each secret verifies', async () => {
    const { id, secret: old } = await newEndpoint();
    const rotated = await api(`/v1/webhooks/${id}/rotate-secret`, { method: 'POST' });
    const next = rotated.body.secret as string;
    expect(next).not.toBe(old);
    expect((rotated.body.webhook as { rotatingUntil: string | null }).rotatingUntil).not.toBeNull();
    receiver.secret = next;
    await api(`/v1/webhooks/${id}/test`, { method: 'POST' });
    await ctx.services.queue.drain?.();
    const got = receiver.received[0];
    expect(String(got.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const s of [old, next]) expect(() => new Webhook(s).verify(got.body, got.headers as Record<string, string>)).not.toThrow();
  });
});

describe('delivery', () => {
  it('500 then 200 is delivered once, retried after the first backoff; duplicate jobs send nothing', async () => {
    const { id } = await newEndpoint();
    const { wctx, queued } = capturing();
    receiver.respondWith(500);
    expect(await emitEvent(wctx, { userId, type: 'package.ready', messageId: 'msg_package_ready_a', data: { packageId: 'p1' } })).toBe(1);
    // The same event again (a second delivery of the job that emitted it) queues nothing.
    expect(await emitEvent(wctx, { userId, type: 'package.ready', messageId: 'msg_package_ready_a', data: { packageId: 'p1' } })).toBe(0);
    const first = queued[0].payload;
    expect(first.attempt).toBe(1);

    expect(await attemptDelivery(wctx, first)).toBe('retrying');
    expect(queued[1]).toMatchObject({ payload: { deliveryId: first.deliveryId, attempt: 2 }, options: { delaySeconds: 5 } });
    expect(await attemptDelivery(wctx, first)).toBe('skipped');
    expect(await attemptDelivery(wctx, queued[1].payload)).toBe('delivered');
    expect(await attemptDelivery(wctx, queued[1].payload)).toBe('skipped');

    expect(receiver.received.map((r) => r.status)).toEqual([500, 200]);
    expect(receiver.processed()).toHaveLength(1);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id']))).toEqual(new Set(['msg_package_ready_a']));
    const [row] = await ctx.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, first.deliveryId));
    expect(row).toMatchObject({ webhookId: id, status: 'delivered', attempts: 2, lastStatusCode: 200 });
  });

  it('backs off from seconds to hours and gives up after the last retry', async () => {
    await newEndpoint();
    const { wctx, queued } = capturing();
    receiver.respondWith(...Array(20).fill(503));
    await emitEvent(wctx, { userId, type: 'run.failed', messageId: 'msg_run_failed_b', data: {} });
    const outcomes: string[] = [];
    for (let i = 0; i < queued.length && i < 20; i++) outcomes.push(await attemptDelivery(wctx, queued[i].payload));
    const delays = queued.slice(1).map((q) => q.options?.delaySeconds);
    expect(delays[0]).toBe(5);
    expect(delays[delays.length - 1]).toBeGreaterThanOrEqual(3600 * 6);
    expect(outcomes[outcomes.length - 1]).toBe('failed');
    expect(outcomes.filter((o) => o === 'retrying')).toHaveLength(delays.length);
  });

  it('410 disables the endpoint; it gets no more events', async () => {
    const { id } = await newEndpoint(['package.ready']);
    const { wctx, queued } = capturing();
    receiver.respondWith(410);
    await emitEvent(wctx, { userId, type: 'package.ready', messageId: 'msg_package_ready_c', data: {} });
    const mine = queued.filter((q) => q.payload.attempt === 1);
    const outcomes = [];
    for (const q of mine) outcomes.push(await attemptDelivery(wctx, q.payload));
    expect(outcomes).toContain('failed');
    const [row] = await ctx.database.db.select().from(webhooks).where(eq(webhooks.id, id));
    expect(row).toMatchObject({ isActive: false, disabledReason: 'GONE' });
    const list = await api('/v1/webhooks');
    expect((list.body.items as { id: string; isActive: boolean; disabledReason: string }[]).find((w) => w.id === id)).toMatchObject({ isActive: false, disabledReason: 'GONE' });
    expect(await emitEvent(wctx, { userId, type: 'package.ready', messageId: 'msg_package_ready_d', data: {} })).toBe(0);
  });
});

describe('SSRF guard in production configuration', () => {
  const resolving = (map: Record<string, string[]>) => ({ strict: true, resolveHost: async (host: string) => map[host] ?? [] });

  it.each([
    ['http://hooks.example.com/x', 'SCHEME_NOT_ALLOWED'],
    ['https://127.0.0.1/x', 'ADDRESS_NOT_PUBLIC'],
    ['https://10.1.2.3/x', 'ADDRESS_NOT_PUBLIC'],
    ['https://192.168.0.10/x', 'ADDRESS_NOT_PUBLIC'],
    ['https://169.254.169.254/latest/meta-data', 'ADDRESS_NOT_PUBLIC'],
    ['https://[::1]/x', 'ADDRESS_NOT_PUBLIC'],
    ['https://[fe80::1]/x', 'ADDRESS_NOT_PUBLIC'],
    ['https://[fd00::5]/x', 'ADDRESS_NOT_PUBLIC'],
    ['https://[::ffff:127.0.0.1]/x', 'ADDRESS_NOT_PUBLIC'],
    ['https://2130706433/x', 'ADDRESS_NOT_PUBLIC'],
    ['https://localhost/x', 'HOST_NOT_ALLOWED'],
    ['https://user:pw@hooks.example.com/x', 'CREDENTIALS_IN_URL'],
    ['https://internal.example.com/x', 'ADDRESS_NOT_PUBLIC'],
    ['https://nowhere.example.com/x', 'UNRESOLVABLE'],
    ['https://hooks.example.com/x', null],
  ])('%s → %s', async (url, expected) => {
    const policy = resolving({ 'hooks.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'], 'internal.example.com': ['93.184.216.34', '10.0.0.7'] });
    expect(await targetRefusal(policy, url)).toBe(expected);
  });

  it('the API refuses a loopback endpoint with 422 naming the reason; a rebinding host is refused at delivery', async () => {
    const { id } = await newEndpoint();
    const config = ctx.services.config;
    ctx.services.config = { ...config, isProduction: true };
    try {
      const refused = await api('/v1/webhooks', { method: 'POST', body: JSON.stringify({ url: receiver.url, events: ['package.ready'] }) });
      expect(refused.status).toBe(422);
      expect(refused.body.error?.details).toMatchObject({ reason: 'SCHEME_NOT_ALLOWED' });
      const loopback = await api('/v1/webhooks', { method: 'POST', body: JSON.stringify({ url: 'https://127.0.0.1:9/x', events: ['package.ready'] }) });
      expect(loopback.body.error?.details).toMatchObject({ reason: 'ADDRESS_NOT_PUBLIC' });

      // An endpoint saved earlier (here: in development) is checked again before each attempt.
      const { wctx, queued } = capturing();
      await emitEvent(wctx, { userId, type: 'webhook.test', messageId: 'msg_test_rebind', webhookId: id, data: {} });
      expect(await attemptDelivery(wctx, queued[0].payload)).toBe('failed');
      expect(receiver.received).toHaveLength(0);
      const log = await api(`/v1/webhooks/${id}/deliveries`);
      expect((log.body.items as { lastError: string }[])[0].lastError).toMatch(/^TARGET_REFUSED:/);
    } finally {
      ctx.services.config = config;
    }
  });
});
