// Rate limits: sign-in per client address, QR connect / 2FA password / subscribe per user.
// Requests carry a socket address the way @hono/node-server hands it to the app, so the real
// getConnInfo path runs; the clock is the services' now(), moved by the test.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../core/rate-limits';
import { createApp } from '../../edge/app';
import { createNodeServices } from '../../edge/wire-node';
import { createTestContext, testConfig, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';

let ctx: TestContext;
let clock: number;

/** The bindings @hono/node-server passes to app.fetch: the socket says who connected. */
const fromSocket = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress, remotePort: 40000, remoteFamily: 'IPv4' } } });

const demoSignIn = (app: TestContext['app'], remoteAddress: string, headers: Record<string, string> = {}) =>
  app.request('/auth/demo', { method: 'POST', headers: { origin: 'http://localhost:8080', ...headers } }, fromSocket(remoteAddress));

async function exhaustSignIn(app: TestContext['app'], remoteAddress: string, headers: Record<string, string> = {}) {
  for (let i = 0; i < RATE_LIMITS.signIn.max; i++) expect((await demoSignIn(app, remoteAddress, headers)).status).toBe(200);
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.services.now = () => clock;
});
afterAll(() => ctx?.close());

// Each test starts on a fresh hour boundary + 15 s, so windows never carry over between tests.
let hour = Math.floor(Date.now() / 1000 / 3600);
beforeEach(() => {
  hour += 2;
  clock = hour * 3600 + 15;
});

describe('sign-in, per client address', () => {
  it('answers 429 RATE_LIMITED with Retry-After once the limit is spent; others and the next window pass', async () => {
    const first = await demoSignIn(ctx.app, '203.0.113.5');
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('20');
    expect(first.headers.get('ratelimit-remaining')).toBe('19');
    for (let i = 1; i < RATE_LIMITS.signIn.max; i++) expect((await demoSignIn(ctx.app, '203.0.113.5')).status).toBe(200);

    const refused = await demoSignIn(ctx.app, '203.0.113.5');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('45');
    const body = (await refused.json()) as { error: { code: string; message: string; requestId: string; details: Record<string, unknown> } };
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.message).toContain('sign-in');
    expect(body.error.message).toContain('20 per minute');
    expect(body.error.requestId).toBe(refused.headers.get('x-request-id'));
    expect(body.error.details).toMatchObject({ limit: 'sign-in', max: 20, windowSeconds: 60, retryAfterSeconds: 45 });
    // A refused request does not sign anyone in.
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect(ctx.services.metrics.render()).toContain('rate_limited_total{limit="sign-in"} 1');

    // The other sign-in endpoints share the budget.
    expect((await ctx.app.request('/auth/telegram/callback?id=1', {}, fromSocket('203.0.113.5'))).status).toBe(429);
    // Another address is unaffected.
    expect((await demoSignIn(ctx.app, '198.51.100.9')).status).toBe(200);
    // The next window starts afresh.
    clock += 45;
    expect((await demoSignIn(ctx.app, '203.0.113.5')).status).toBe(200);
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped address as its IPv4', async () => {
    for (let i = 0; i < RATE_LIMITS.signIn.max; i++) expect((await demoSignIn(ctx.app, `2001:db8:1:2::${i + 1}`)).status).toBe(200);
    expect((await demoSignIn(ctx.app, '2001:db8:1:2:ffff::9')).status).toBe(429);
    expect((await demoSignIn(ctx.app, '2001:db8:1:3::1')).status).toBe(200);

    await exhaustSignIn(ctx.app, '192.0.2.44');
    expect((await demoSignIn(ctx.app, '::ffff:192.0.2.44')).status).toBe(429);
  });

  it('ignores X-Forwarded-For and CF-Connecting-IP on Node unless TRUST_PROXY is set', async () => {
    await exhaustSignIn(ctx.app, '203.0.113.77', { 'x-forwarded-for': '10.0.0.1' });
    expect((await demoSignIn(ctx.app, '203.0.113.77', { 'x-forwarded-for': '10.0.0.2' })).status).toBe(429);
    expect((await demoSignIn(ctx.app, '203.0.113.77', { 'cf-connecting-ip': '10.0.0.3' })).status).toBe(429);
  });

  it('with TRUST_PROXY, counts the hop the proxy appended, not what the client wrote before it', async () => {
    const services = await createNodeServices(testConfig({ TRUST_PROXY: 'true' }), ctx.database, ctx.services.log);
    services.now = () => clock;
    const behindProxy = createApp(services);
    const proxy = '10.1.2.3';
    await exhaustSignIn(behindProxy, proxy, { 'x-forwarded-for': 'spoofed-1, 198.51.100.20' });
    // The client changes the part it controls: still the same client.
    expect((await demoSignIn(behindProxy, proxy, { 'x-forwarded-for': '192.0.2.1, 198.51.100.20' })).status).toBe(429);
    // Another client behind the same proxy is not.
    expect((await demoSignIn(behindProxy, proxy, { 'x-forwarded-for': '198.51.100.20, 198.51.100.21' })).status).toBe(200);
  });
});

describe('expensive calls, per signed-in user', () => {
  it('subscribe: the 31st request in a minute is refused, even when its body is invalid; another user is not', async () => {
    const [alice, bob] = [await createUser(ctx), await createUser(ctx)];
    const subscribe = async (userId: string) =>
      ctx.app.request('/v1/channels/subscribe', await asUser(ctx, userId, { method: 'POST', body: JSON.stringify({}) }));
    for (let i = 0; i < RATE_LIMITS.channelSubscribe.max; i++) expect((await subscribe(alice.id)).status).toBe(400);
    const refused = await subscribe(alice.id);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { details: { limit: string } } }).error.details.limit).toBe('channel-subscribe');
    expect((await subscribe(bob.id)).status).toBe(400);
  });

  it('QR connect: 10 starts a minute per user', async () => {
    const user = await createUser(ctx);
    const start = async () => ctx.app.request('/v1/auth/qr', await asUser(ctx, user.id, { method: 'POST' }));
    // No ingest service in this context: each start is counted, then answers 503.
    for (let i = 0; i < RATE_LIMITS.qrStart.max; i++) expect((await start()).status).toBe(503);
    const refused = await start();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('45');
  });

  it('2FA password: 5 guesses a minute, 20 an hour', async () => {
    const user = await createUser(ctx);
    const guess = async () =>
      ctx.app.request(
        '/v1/auth/qr/00000000-0000-4000-8000-000000000000/password',
        await asUser(ctx, user.id, { method: 'POST', body: JSON.stringify({ password: 'hunter2' }) }),
      );
    const limitOf = async (res: Response) => ((await res.json()) as { error: { details: { limit: string } } }).error.details.limit;
    for (let minute = 0; minute < 4; minute++) {
      for (let i = 0; i < RATE_LIMITS.qrPassword.max; i++) expect((await guess()).status).toBe(404);
      const refused = await guess();
      expect(refused.status).toBe(429);
      expect(await limitOf(refused)).toBe('qr-password');
      clock += 60;
    }
    // Four minutes of five guesses each spent the hour: the next minute is refused too, until the hour ends.
    const hourly = await guess();
    expect(hourly.status).toBe(429);
    expect(await limitOf(hourly)).toBe('qr-password-hourly');
    expect(Number(hourly.headers.get('retry-after'))).toBe(3600 - 15 - 240);
  });
});
