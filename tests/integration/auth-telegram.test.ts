// The Telegram Login widget callback against known-answer vectors signed in the test with a test
// bot token (by node:crypto, independently of the code under test).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../core/config';
import { createApp } from '../../edge/app';
import { createTestContext, type TestContext } from '../helpers/context';

const BOT_TOKEN = '7000000001:AAtest-bot-token-for-known-answer-vectors';
const ORIGIN = 'http://localhost:8080';

function sign(fields: Record<string, string>, token = BOT_TOKEN): string {
  const check = Object.keys(fields)
    .filter((k) => k !== 'hash')
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('\n');
  return createHmac('sha256', createHash('sha256').update(token).digest()).update(check).digest('hex');
}

let nextTgId = 500_000_000 + Math.floor(Math.random() * 1_000_000);

function payload(overrides: Record<string, string> = {}, now = Math.floor(Date.now() / 1000)): Record<string, string> {
  const fields: Record<string, string> = {
    id: String(nextTgId++),
    first_name: 'Анна',
    last_name: 'Petrova',
    username: 'anna_news',
    photo_url: 'https://t.me/i/userpic/320/anna.jpg',
    auth_date: String(now),
    ...overrides,
  };
  return { ...fields, hash: sign(fields) };
}

describe('Telegram Login widget callback', () => {
  let ctx: TestContext;
  const post = (body: unknown, origin = ORIGIN) =>
    ctx.app.request('/auth/telegram/callback', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify(body) });
  const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;
  const tried = { forged: 0, stale: 0, future: 0, replayed: 0 };

  beforeAll(async () => {
    ctx = await createTestContext({
      TELEGRAM_AUTH_TOKEN: BOT_TOKEN,
      TELEGRAM_BOT_USERNAME: 'tgstudio_test_bot',
      // Every sign-in here comes from one address within a minute (tests/integration/rate-limit.test.ts pins the limit).
      RATE_LIMIT_MULTIPLIER: '10',
    });
  });
  afterAll(async () => {
    console.info(`widget vectors tried: ${JSON.stringify(tried)}`);
    await ctx.close();
  });

  it('accepts a valid payload (POST), sets a locked-down session cookie, and the cookie opens /v1', async () => {
    const fields = payload();
    const res = await post(fields);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: { id: string; tgId: number; username: string; firstName: string; role: string; plan: string } };
    expect(body.user).toMatchObject({ tgId: Number(fields.id), username: 'anna_news', firstName: 'Анна', role: 'user', plan: 'free' });

    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tgs_session=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(`Max-Age=${ctx.config.SESSION_TTL_SECONDS}`);
    // Local mode (app on http://localhost): Secure would make browsers drop the cookie.
    expect(cookie).not.toContain('Secure');

    const me = await ctx.app.request('/v1/me', { headers: { cookie: cookie.split(';')[0] } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(body.user.id);
  });

  it('marks the cookie Secure when the app is served over https', async () => {
    const config = { ...ctx.config, ...parseConfig({ APP_ENV: 'test', PUBLIC_URL: 'https://studio.example.com', TELEGRAM_AUTH_TOKEN: BOT_TOKEN }) };
    const app = createApp({ ...ctx.services, config });
    const res = await app.request('https://studio.example.com/auth/telegram/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://studio.example.com' },
      body: JSON.stringify(payload()),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly.*Secure|Secure.*HttpOnly/);
  });

  it('accepts the JSON the widget JS callback sends (numbers for id and auth_date)', async () => {
    const fields = payload();
    const res = await post({ ...fields, id: Number(fields.id), auth_date: Number(fields.auth_date) });
    expect(res.status).toBe(200);
  });

  it('GET redirect: signs in and redirects into the app', async () => {
    const res = await ctx.app.request(`/auth/telegram/callback?${new URLSearchParams(payload())}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('set-cookie')).toContain('tgs_session=');
  });

  it('GET redirect with a bad payload: back to the login page naming the reason, no cookie', async () => {
    const fields = payload();
    const res = await ctx.app.request(`/auth/telegram/callback?${new URLSearchParams({ ...fields, first_name: 'Mallory' })}`);
    tried.forged++;
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?error=TELEGRAM_HASH_MISMATCH');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses forged hashes', async () => {
    const base = payload();
    const forgeries = [
      { ...base, hash: randomBytes(32).toString('hex') },
      { ...base, hash: sign(base, '7000000002:AAsome-other-bot-token') },
      { ...base, hash: base.hash.toUpperCase().replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A')) },
      { ...base, hash: base.hash.slice(0, 63) },
      { ...base, hash: 'z'.repeat(64) },
      { ...base, hash: '' },
    ];
    for (const forged of forgeries) {
      tried.forged++;
      const res = await post(forged);
      expect(res.status).toBe(401);
      expect((await errorCode(res)).code).toBe(forged.hash === '' ? 'TELEGRAM_HASH_MISSING' : 'TELEGRAM_HASH_MISMATCH');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('refuses a payload with one field changed', async () => {
    const base = payload();
    for (const [key, value] of Object.entries({ id: '1', username: 'admin', first_name: 'Admin', photo_url: 'https://evil.example/x.jpg', auth_date: String(Number(base.auth_date) + 1) })) {
      tried.forged++;
      const res = await post({ ...base, [key]: value });
      expect(res.status, key).toBe(401);
      expect((await errorCode(res)).code, key).toBe('TELEGRAM_HASH_MISMATCH');
    }
  });

  it('refuses a payload with a field removed or added after signing', async () => {
    const base = payload();
    const { username: _dropped, ...withoutUsername } = base;
    tried.forged += 2;
    expect((await errorCode(await post(withoutUsername))).code).toBe('TELEGRAM_HASH_MISMATCH');
    expect((await errorCode(await post({ ...base, is_admin: 'true' }))).code).toBe('TELEGRAM_HASH_MISMATCH');
  });

  it('refuses a signed payload missing a required field, and a missing hash', async () => {
    const now = String(Math.floor(Date.now() / 1000));
    const noAuthDate = { id: String(nextTgId++), first_name: 'X' };
    const noId = { first_name: 'X', auth_date: now };
    tried.forged += 3;
    let res = await post({ ...noAuthDate, hash: sign(noAuthDate) });
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toMatchObject({ code: 'TELEGRAM_FIELD_MISSING', message: expect.stringContaining('auth_date') });
    res = await post({ ...noId, hash: sign(noId) });
    expect(await errorCode(res)).toMatchObject({ code: 'TELEGRAM_FIELD_MISSING', message: expect.stringContaining('user id') });
    const { hash: _h, ...unsigned } = payload();
    res = await post(unsigned);
    expect((await errorCode(res)).code).toBe('TELEGRAM_HASH_MISSING');
  });

  it('refuses a stale payload (older than TELEGRAM_AUTH_MAX_AGE_SECONDS) and accepts one just inside', async () => {
    const now = ctx.services.now();
    for (const age of [3601, 7200, 86_400 * 30]) {
      tried.stale++;
      const res = await post(payload({}, now - age));
      expect(res.status).toBe(401);
      expect((await errorCode(res)).code).toBe('TELEGRAM_AUTH_STALE');
    }
    expect((await post(payload({}, now - 3590))).status).toBe(200);
  });

  it('refuses a payload dated in the future beyond the clock skew, allows a small skew', async () => {
    const now = ctx.services.now();
    for (const ahead of [120, 3600]) {
      tried.future++;
      const res = await post(payload({}, now + ahead));
      expect(res.status).toBe(401);
      expect((await errorCode(res)).code).toBe('TELEGRAM_AUTH_FROM_FUTURE');
    }
    expect((await post(payload({}, now + 20))).status).toBe(200);
  });

  it('refuses a replay of a used payload, also when the replays race', async () => {
    const fields = payload();
    expect((await post(fields)).status).toBe(200);
    tried.replayed++;
    const again = await post(fields);
    expect(again.status).toBe(401);
    expect((await errorCode(again)).code).toBe('TELEGRAM_AUTH_REPLAYED');

    const racing = payload();
    const results = await Promise.all(Array.from({ length: 8 }, () => post(racing)));
    tried.replayed += 7;
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 200)) expect((await errorCode(r)).code).toBe('TELEGRAM_AUTH_REPLAYED');
  });

  it('upserts: the same Telegram id is one user whose profile is refreshed on each login', async () => {
    const first = payload();
    const a = ((await (await post(first)).json()) as { user: { id: string } }).user;
    const second = payload({ id: first.id, username: 'anna_renamed', first_name: 'Anna', photo_url: 'https://t.me/i/userpic/320/new.jpg' });
    const b = ((await (await post(second)).json()) as { user: { id: string; username: string; firstName: string; photoUrl: string } }).user;
    expect(b).toMatchObject({ id: a.id, username: 'anna_renamed', firstName: 'Anna', photoUrl: 'https://t.me/i/userpic/320/new.jpg' });
  });

  it('refuses malformed bodies with 400 naming the problem, never 500', async () => {
    let res = await post({ id: { nested: true } });
    expect(res.status).toBe(400);
    expect((await errorCode(res)).code).toBe('VALIDATION_FAILED');
    res = await ctx.app.request('/auth/telegram/callback', { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: '{not json' });
    expect(res.status).toBe(400);
  });

  it('the callback itself refuses a cross-origin POST (login CSRF)', async () => {
    const res = await post(payload(), 'https://evil.example');
    expect(res.status).toBe(403);
    expect((await errorCode(res)).code).toBe('ORIGIN_REFUSED');
  });

  it('publishes the login configuration for the login page', async () => {
    const res = await ctx.app.request('/auth/config');
    expect(await res.json()).toEqual({ botUsername: 'tgstudio_test_bot', oidcEnabled: false, demoEnabled: true });
  });
});
