// Telegram's OpenID Connect login against a local provider that signs real ID tokens (RS256) and
// serves discovery, a token endpoint with PKCE, and a JWKS.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { startFakeOidcProvider } from '../fakes/oidc-provider';

const CLIENT_ID = '7000000001';
const CLIENT_SECRET = 'fake-client-secret-for-tests';

describe('Telegram OpenID Connect login', () => {
  let ctx: TestContext;
  let provider: Awaited<ReturnType<typeof startFakeOidcProvider>>;

  beforeAll(async () => {
    provider = await startFakeOidcProvider({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    ctx = await createTestContext({
      TELEGRAM_OIDC_CLIENT_ID: CLIENT_ID,
      TELEGRAM_OIDC_CLIENT_SECRET: CLIENT_SECRET,
      TELEGRAM_OIDC_ISSUER: provider.issuer,
      // Every sign-in here comes from one address within a minute (tests/integration/rate-limit.test.ts pins the limit).
      RATE_LIMIT_MULTIPLIER: '10',
    });
  });
  afterAll(async () => {
    await ctx.close();
    await provider.close();
  });
  beforeEach(() => {
    provider.state.misbehave = {};
  });

  /** Runs start → provider consent → our callback, as a browser would; returns the callback's answer. */
  async function signIn(tamper: (callback: URL, stateCookie: string) => { url: URL; cookie: string } = (url, cookie) => ({ url, cookie })) {
    const start = await ctx.app.request('/auth/telegram/oidc/start');
    expect(start.status).toBe(302);
    const stateCookie = start.headers.get('set-cookie')!.split(';')[0];
    const consent = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const { url, cookie } = tamper(new URL(consent.headers.get('location')!), stateCookie);
    return ctx.app.request(url.pathname + url.search, { headers: { cookie } });
  }

  it('start: redirects to the provider with PKCE S256, state, nonce, and binds the state to the browser', async () => {
    const start = await ctx.app.request('/auth/telegram/oidc/start');
    const location = new URL(start.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(`${provider.issuer}/auth`);
    const p = location.searchParams;
    expect(p.get('client_id')).toBe(CLIENT_ID);
    expect(p.get('response_type')).toBe('code');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(p.get('scope')).toContain('openid');
    expect(p.get('redirect_uri')).toBe('http://localhost/auth/telegram/oidc/callback');
    expect(p.get('state')).not.toBe(p.get('nonce'));
    const cookie = start.headers.get('set-cookie')!;
    expect(cookie).toContain(`tgs_oidc_state=${p.get('state')}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Path=/auth/telegram/oidc/callback');
  });

  it('callback: verifies the ID token, upserts the user and signs in', async () => {
    provider.state.nextUser = { id: 424242, name: 'Ivan Petrov', preferred_username: 'ivan_p', picture: 'https://t.me/i/userpic/320/ivan.jpg' };
    const res = await signIn();
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const session = res.headers.getSetCookie().find((c) => c.startsWith('tgs_session='))!;
    expect(session).toContain('HttpOnly');
    expect(provider.state.tokenRequests.at(-1)).toEqual({ verifierOk: true, clientAuthOk: true });
    const me = await ctx.app.request('/v1/me', { headers: { cookie: session.split(';')[0] } });
    expect(((await me.json()) as { user: unknown }).user).toMatchObject({ tgId: 424242, username: 'ivan_p', firstName: 'Ivan', lastName: 'Petrov', photoUrl: 'https://t.me/i/userpic/320/ivan.jpg' });
  });

  const rejected = async (res: Response, code: string) => {
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/login?error=${code}`);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('tgs_session=') && !c.startsWith('tgs_session=;'))).toBe(false);
  };

  it('refuses an ID token signed by a key outside the JWKS', async () => {
    provider.state.misbehave = { foreignKey: true };
    await rejected(await signIn(), 'OIDC_ID_TOKEN_INVALID');
  });

  it('refuses a token for another audience, another issuer, an expired one, or another nonce', async () => {
    for (const [misbehave, code] of [
      [{ audience: 'someone-else' }, 'OIDC_ID_TOKEN_INVALID'],
      [{ issuer: 'https://evil.example' }, 'OIDC_ID_TOKEN_INVALID'],
      [{ expiredSecondsAgo: 3600 }, 'OIDC_ID_TOKEN_INVALID'],
      [{ nonce: 'replayed-nonce' }, 'OIDC_NONCE_MISMATCH'],
    ] as const) {
      provider.state.misbehave = misbehave;
      await rejected(await signIn(), code);
    }
  });

  it('refuses a callback whose state is not bound to this browser (login CSRF), or reused', async () => {
    await rejected(await signIn((url) => ({ url, cookie: '' })), 'OIDC_STATE_MISMATCH');
    await rejected(await signIn((url) => ({ url, cookie: 'tgs_oidc_state=someone-elses-state' })), 'OIDC_STATE_MISMATCH');
    // A finished attempt cannot be used twice.
    let replay: { url: URL; cookie: string } | undefined;
    const first = await signIn((url, cookie) => (replay = { url, cookie }));
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    await rejected(await ctx.app.request(replay!.url.pathname + replay!.url.search, { headers: { cookie: replay!.cookie } }), 'OIDC_ATTEMPT_EXPIRED');
  });

  it('a forged code is refused by the provider and the user lands on the login page', async () => {
    await rejected(
      await signIn((url, cookie) => {
        url.searchParams.set('code', 'forged-code');
        return { url, cookie };
      }),
      'OIDC_CODE_REJECTED',
    );
  });

  it('answers 400 for a callback without code or error', async () => {
    const res = await ctx.app.request('/auth/telegram/oidc/callback?state=x');
    expect(res.status).toBe(400);
  });

  it('is advertised by /auth/config and off when not configured', async () => {
    expect(((await (await ctx.app.request('/auth/config')).json()) as { oidcEnabled: boolean }).oidcEnabled).toBe(true);
    const { createApp } = await import('../../edge/app');
    const off = createApp({ ...ctx.services, config: { ...ctx.config, TELEGRAM_OIDC_CLIENT_ID: undefined } });
    const res = await off.request('/auth/telegram/oidc/start');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('OIDC_DISABLED');
  });
});
