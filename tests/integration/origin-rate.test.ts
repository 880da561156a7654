// The Origin check runs before rate counting: POSTs from another site are refused without using up
// the sign-in limit of the address they come from, so no page on the web can lock users out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signTelegramLogin } from '../../core/auth/telegram-login';
import { RATE_LIMITS } from '../../core/rate-limits';
import { createTestContext, type TestContext } from '../helpers/context';

const BOT_TOKEN = '7000000002:AAorigin-rate-test-bot-token';
const SAME_ORIGIN = 'http://localhost:8080';

describe('Origin check before the sign-in rate limit', () => {
  let ctx: TestContext;
  let tgId = 610_000_000 + Math.floor(Math.random() * 1_000_000);

  const signedLogin = async () => {
    const fields = { id: String(tgId++), first_name: 'Origin', auth_date: String(ctx.services.now()) };
    return { ...fields, hash: await signTelegramLogin(fields, BOT_TOKEN) };
  };
  const post = async (path: string, origin: string | null, body: unknown) =>
    ctx.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    ctx = await createTestContext({ TELEGRAM_AUTH_TOKEN: BOT_TOKEN, RATE_LIMIT_MULTIPLIER: '1', DEMO_LOGIN: 'true' });
  });
  afterAll(async () => ctx?.close());

  it('refuses cross-origin sign-in POSTs with ORIGIN_REFUSED, and the real sign-in after them still passes', async () => {
    const max = RATE_LIMITS.signIn.max;
    for (let i = 0; i < max + 5; i++) {
      const origin = i % 3 === 0 ? null : i % 3 === 1 ? 'https://evil.example' : 'null';
      const res = await post(i % 2 ? '/auth/telegram/callback' : '/auth/demo', origin, await signedLogin());
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ORIGIN_REFUSED');
      // Nothing was counted: a refused request carries no RateLimit headers.
      expect(res.headers.get('ratelimit-remaining')).toBeNull();
    }
    const real = await post('/auth/telegram/callback', SAME_ORIGIN, await signedLogin());
    expect(real.status, await real.clone().text()).toBe(200);
    expect(real.headers.get('ratelimit-remaining')).toBe(String(max - 1));
  });

  it('still counts same-origin sign-in attempts (the limit itself is on)', async () => {
    // The previous test used one; the window may have rolled over since, so count from the header.
    let last: Response | null = null;
    for (let i = 0; i < RATE_LIMITS.signIn.max + 1; i++) {
      last = await post('/auth/telegram/callback', SAME_ORIGIN, { id: 'x' });
      if (last.status === 429) break;
    }
    expect(last?.status).toBe(429);
    expect(((await last!.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });
});
