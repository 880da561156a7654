// Sessions after sign-in: the /v1 gate, renewal, logout + revocation, demo login, CORS and the
// Origin check on state-changing requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../core/config';
import { createApp } from '../../edge/app';
import { issueSessionToken, SESSION_COOKIE } from '../../edge/auth/session-token';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser, sessionCookie } from '../helpers/users';

const TRUSTED_FRONT_END = 'https://app.tgstudio.example';

describe('sessions, logout, demo login, CORS and Origin check', () => {
  let ctx: TestContext;
  let userId: string;
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; requestId: string } }).error;

  beforeAll(async () => {
    ctx = await createTestContext({ FRONTEND_ORIGINS: TRUSTED_FRONT_END });
    userId = (await createUser(ctx, { username: 'session_user', plan: 'pro' })).id;
  });
  afterAll(() => ctx.close());

  describe('the /v1 gate', () => {
    it('401 without a cookie, with a garbage one, an expired one, or one signed with another key', async () => {
      const now = ctx.services.now();
      const expired = await issueSessionToken(ctx.config.SECRET_KEY, userId, 60, now - 120);
      const foreign = await issueSessionToken('another-secret-another-secret-another-secret', userId, 3600, now);
      const cases: [string | undefined, string][] = [
        [undefined, 'UNAUTHENTICATED'],
        [`${SESSION_COOKIE}=not-a-jwt`, 'SESSION_INVALID'],
        [`${SESSION_COOKIE}=${expired.token}`, 'SESSION_EXPIRED'],
        [`${SESSION_COOKIE}=${foreign.token}`, 'SESSION_INVALID'],
      ];
      for (const [cookie, code] of cases) {
        const res = await ctx.app.request('/v1/me', { headers: cookie ? { cookie } : {} });
        expect(res.status, code).toBe(401);
        const error = await errorOf(res);
        expect(error.code).toBe(code);
        expect(error.requestId).toBeTruthy();
      }
    });

    it('GET /v1/me: the user, plan, limits, settings and sandbox flags', async () => {
      const res = await ctx.app.request('/v1/me', await asUser(ctx, userId));
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        user: { id: userId, username: 'session_user', role: 'user', plan: 'pro' },
        plan: 'pro',
        limits: { channels: 100, accounts: 3 },
        settings: { language: 'ru', tone: 'neutral', timeZone: 'Europe/Moscow' },
        sandbox: { telegram: true, aiOffline: true },
      });
    });

    it('renews the token in its last quarter of life, not before', async () => {
      const ttl = ctx.config.SESSION_TTL_SECONDS;
      const now = ctx.services.now();
      const old = await issueSessionToken(ctx.config.SECRET_KEY, userId, ttl, now - Math.ceil(ttl * 0.8));
      const renewed = await ctx.app.request('/v1/me', { headers: { cookie: `${SESSION_COOKIE}=${old.token}` } });
      expect(renewed.status).toBe(200);
      const setCookie = renewed.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
      expect(setCookie).toContain('HttpOnly');
      const fresh = setCookie.split(';')[0];
      expect(fresh).not.toBe(`${SESSION_COOKIE}=${old.token}`);
      expect((await ctx.app.request('/v1/me', { headers: { cookie: fresh } })).status).toBe(200);

      const young = await ctx.app.request('/v1/me', { headers: { cookie: await sessionCookie(ctx, userId) } });
      expect(young.headers.get('set-cookie')).toBeNull();
    });
  });

  describe('logout', () => {
    it('clears the cookie and revokes the token: reusing the old cookie is 401', async () => {
      const cookie = await sessionCookie(ctx, userId);
      expect((await ctx.app.request('/v1/me', { headers: { cookie } })).status).toBe(200);
      const out = await ctx.app.request('/auth/logout', { method: 'POST', headers: { cookie, origin: 'http://localhost:8080' } });
      expect(out.status).toBe(200);
      expect(out.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
      const reuse = await ctx.app.request('/v1/me', { headers: { cookie } });
      expect(reuse.status).toBe(401);
      expect((await errorOf(reuse)).code).toBe('SESSION_REVOKED');
      // Other sessions of the same user stay valid: logout ends this one only.
      expect((await ctx.app.request('/v1/me', { headers: { cookie: await sessionCookie(ctx, userId) } })).status).toBe(200);
    });

    it('without a session it still answers and clears the cookie', async () => {
      const out = await ctx.app.request('/auth/logout', { method: 'POST', headers: { origin: 'http://localhost:8080' } });
      expect(out.status).toBe(200);
    });
  });

  describe('demo login', () => {
    it('in local mode signs in the demo user', async () => {
      const res = await ctx.app.request('/auth/demo', { method: 'POST', headers: { origin: 'http://localhost:8080' } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { user: { username: string } }).user.username).toBe('demo');
      const cookie = res.headers.get('set-cookie')!.split(';')[0];
      expect((await ctx.app.request('/v1/me', { headers: { cookie } })).status).toBe(200);
    });

    it('is off when DEMO_LOGIN=false', async () => {
      const app = createApp({ ...ctx.services, config: { ...ctx.config, DEMO_LOGIN: false } });
      const res = await app.request('/auth/demo', { method: 'POST', headers: { origin: 'http://localhost:8080' } });
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe('DEMO_LOGIN_DISABLED');
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(((await (await app.request('/auth/config')).json()) as { demoEnabled: boolean }).demoEnabled).toBe(false);
    });

    it('can never be enabled in production: parseConfig forces it off, and the route refuses it regardless', async () => {
      const production = parseConfig({
        APP_ENV: 'production',
        DEMO_LOGIN: 'true',
        SECRET_KEY: 'p'.repeat(40),
        INTERNAL_SECRET: 'i'.repeat(40),
        SESSION_KEY_1: btoa('k'.repeat(32)),
        PUBLIC_URL: 'https://studio.example.com',
        TELEGRAM_AUTH_TOKEN: '1:abc',
      });
      expect(production.DEMO_LOGIN).toBe(false);
      // Even a config object that claims DEMO_LOGIN in production is refused by the route.
      const app = createApp({ ...ctx.services, config: { ...production, DEMO_LOGIN: true } });
      const res = await app.request('https://studio.example.com/auth/demo', { method: 'POST', headers: { origin: 'https://studio.example.com' } });
      expect(res.status).toBe(404);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(((await (await app.request('https://studio.example.com/auth/config')).json()) as { demoEnabled: boolean }).demoEnabled).toBe(false);
    });
  });

  describe('Origin check on state-changing requests', () => {
    const put = async (headers: Record<string, string>) =>
      ctx.app.request('/v1/settings', { method: 'PUT', headers: { cookie: await sessionCookie(ctx, userId), 'content-type': 'application/json', ...headers }, body: JSON.stringify({ tone: 'formal' }) });

    it('refuses a cross-origin POST/PUT with 403 ORIGIN_REFUSED, and changes nothing', async () => {
      const attempts: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, { referer: 'https://evil.example/page' }, {}, { origin: 'http://localhost.evil.example' }];
      for (const headers of attempts) {
        const res = await put(headers);
        expect(res.status, JSON.stringify(headers)).toBe(403);
        expect((await errorOf(res)).code).toBe('ORIGIN_REFUSED');
      }
      const logout = await ctx.app.request('/auth/logout', { method: 'POST', headers: { origin: 'https://evil.example' } });
      expect(logout.status).toBe(403);
      const settings = await ctx.app.request('/v1/settings', await asUser(ctx, userId));
      expect(((await settings.json()) as { settings: { tone: string } }).settings.tone).toBe('neutral');
    });

    it('accepts the app origin, a trusted front end, and a same-origin Referer', async () => {
      expect((await put({ origin: 'http://localhost:8080' })).status).toBe(200);
      expect((await put({ origin: TRUSTED_FRONT_END })).status).toBe(200);
      expect((await put({ referer: 'http://localhost:8080/settings' })).status).toBe(200);
    });

    it('in production only the public origin and trusted front ends pass (no localhost leniency)', async () => {
      const config = { ...ctx.config, isProduction: true, PUBLIC_URL: 'https://studio.example.com' };
      const app = createApp({ ...ctx.services, config });
      const request = (origin: string) =>
        app.request('https://studio.example.com/auth/logout', { method: 'POST', headers: { origin } });
      expect((await request('https://studio.example.com')).status).toBe(200);
      expect((await request(TRUSTED_FRONT_END)).status).toBe(200);
      expect((await request('http://localhost:8080')).status).toBe(403);
      expect((await request('https://studio.example.com.evil.example')).status).toBe(403);
    });

    it('leaves safe methods and signed server-to-server paths alone', async () => {
      expect((await ctx.app.request('/v1/me', { headers: { cookie: await sessionCookie(ctx, userId), origin: 'https://evil.example' } })).status).toBe(200);
      const queue = await ctx.app.request('/queue/nothing', { method: 'POST', headers: { origin: 'https://evil.example' } });
      expect(queue.status).not.toBe(403);
      const internal = await ctx.app.request('/internal/nothing', { method: 'POST' });
      expect(internal.status).not.toBe(403);
    });
  });

  describe('CORS', () => {
    it('answers a trusted front end with credentials, and no one else', async () => {
      const preflight = (origin: string) =>
        ctx.app.request('/v1/settings', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' } });
      const ok = await preflight(TRUSTED_FRONT_END);
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe(TRUSTED_FRONT_END);
      expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
      expect(ok.headers.get('access-control-allow-methods')).toContain('PUT');

      const evil = await preflight('https://evil.example');
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();

      const get = await ctx.app.request('/v1/me', { headers: { cookie: await sessionCookie(ctx, userId), origin: TRUSTED_FRONT_END } });
      expect(get.headers.get('access-control-allow-origin')).toBe(TRUSTED_FRONT_END);
      expect(get.headers.get('access-control-allow-credentials')).toBe('true');
      expect(get.headers.get('access-control-expose-headers')).toBe('x-request-id');
      // Another site, or none (a same-origin page, a script): no CORS headers at all.
      for (const origin of ['https://evil.example', undefined]) {
        const other = await ctx.app.request('/v1/me', { headers: { cookie: await sessionCookie(ctx, userId), ...(origin ? { origin } : {}) } });
        expect(other.headers.get('access-control-allow-origin')).toBeNull();
        expect(other.headers.get('access-control-allow-credentials')).toBeNull();
        expect(other.headers.get('access-control-expose-headers')).toBeNull();
        expect(other.headers.get('vary')).toContain('Origin');
      }
    });
  });
});
