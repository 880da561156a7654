// Sign-in on Workers: the same app in workerd, with the kv on Upstash (REST, through the real
// @upstash/redis client against the local fake) — widget login, replay refusal, OIDC against a
// provider with real signed tokens, logout + revocation, and the Origin check.
import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOidcProvider } from '../fakes/oidc-provider';
import { startFakeUpstash } from '../fakes/upstash';
import { startWorker } from '../helpers/worker-harness';

const BOT_TOKEN = '7000000001:AAworkers-test-bot-token';
const APP = 'http://localhost';

function signedLogin(id: number): Record<string, string> {
  const fields: Record<string, string> = { id: String(id), first_name: 'Workers', username: `w${id}`, auth_date: String(Math.floor(Date.now() / 1000)) };
  const check = Object.keys(fields).sort().map((k) => `${k}=${fields[k]}`).join('\n');
  return { ...fields, hash: createHmac('sha256', createHash('sha256').update(BOT_TOKEN).digest()).update(check).digest('hex') };
}

describe('sign-in on Workers (workerd via Miniflare, kv on Upstash REST)', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let upstash: Awaited<ReturnType<typeof startFakeUpstash>>;
  let provider: Awaited<ReturnType<typeof startFakeOidcProvider>>;
  const dispatch = async (path: string, init: RequestInit = {}) => {
    const res = (await worker.mf.dispatchFetch(`${APP}${path}`, { redirect: 'manual', ...init } as never)) as unknown as Response;
    if (res.status >= 500) throw new Error(`${init.method ?? 'GET'} ${path} answered ${res.status}: ${await res.text()}`);
    return res;
  };
  const postLogin = (body: unknown, origin = APP) =>
    dispatch('/auth/telegram/callback', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify(body) });

  beforeAll(async () => {
    upstash = await startFakeUpstash({ redisUrl: process.env.REDIS_URL });
    provider = await startFakeOidcProvider({ clientId: 'workers-client', clientSecret: 'workers-secret' });
    worker = await startWorker({
      TELEGRAM_AUTH_TOKEN: BOT_TOKEN,
      UPSTASH_REDIS_REST_URL: upstash.url,
      UPSTASH_REDIS_REST_TOKEN: upstash.token,
      TELEGRAM_OIDC_CLIENT_ID: 'workers-client',
      TELEGRAM_OIDC_CLIENT_SECRET: 'workers-secret',
      TELEGRAM_OIDC_ISSUER: provider.issuer,
    });
  });
  afterAll(async () => {
    await worker?.close();
    await provider?.close();
    await upstash?.close();
  });

  it('widget login: signs in, the cookie opens /v1/me, a replay is refused, logout revokes', async () => {
    const login = signedLogin(880_000_000 + Math.floor(Math.random() * 1000));
    const res = await postLogin(login);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const session = cookie.split(';')[0];

    const me = await dispatch('/v1/me', { headers: { cookie: session } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe(login.username);

    const replay = await postLogin(login);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('TELEGRAM_AUTH_REPLAYED');

    const forged = await postLogin({ ...login, id: '1' });
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('TELEGRAM_HASH_MISMATCH');

    expect((await dispatch('/auth/logout', { method: 'POST', headers: { cookie: session, origin: APP } })).status).toBe(200);
    const reuse = await dispatch('/v1/me', { headers: { cookie: session } });
    expect(reuse.status).toBe(401);
    expect(((await reuse.json()) as { error: { code: string } }).error.code).toBe('SESSION_REVOKED');
  });

  it('refuses a cross-origin POST', async () => {
    const res = await postLogin(signedLogin(880_001_000 + Math.floor(Math.random() * 1000)), 'https://evil.example');
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ORIGIN_REFUSED');
  });

  it('OIDC login: PKCE round trip and an ID token verified against the JWKS', async () => {
    provider.state.nextUser = { id: 880_777, name: 'Olga Workers', preferred_username: 'olga_w' };
    const start = await dispatch('/auth/telegram/oidc/start');
    expect(start.status).toBe(302);
    const stateCookie = start.headers.get('set-cookie')!.split(';')[0];
    const consent = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const callback = new URL(consent.headers.get('location')!);
    const done = await dispatch(callback.pathname + callback.search, { headers: { cookie: stateCookie } });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/');
    const session = done.headers.getSetCookie().find((c) => c.startsWith('tgs_session='))!.split(';')[0];
    const me = await dispatch('/v1/me', { headers: { cookie: session } });
    expect(((await me.json()) as { user: unknown }).user).toMatchObject({ tgId: 880_777, username: 'olga_w', firstName: 'Olga' });
  });
});
