// Sign-in and sign-out: the Telegram Login widget callback (GET redirect and POST JSON), Telegram's
// OpenID Connect flow, the local-only demo login, and logout. Public routes, outside /v1.
import { Hono, type Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import { authorizationUrl, identityFromClaims, newLoginAttempt } from '../../core/auth/oidc';
import { verifyTelegramLogin } from '../../core/auth/telegram-login';
import { appOrigin, type Config } from '../../core/config';
import { AppError } from '../../core/errors';
import { clearSessionCookie, cookieIsSecure } from '../auth/cookie';
import { DEFAULT_TELEGRAM_OIDC_ISSUER, discover, exchangeCode, verifyIdToken } from '../auth/oidc-client';
import { verifiedSessions } from '../auth/session-cache';
import { revocationTtl, revokedKey, SESSION_COOKIE, verifySessionToken } from '../auth/session-token';
import { startSession } from '../auth/start-session';
import { upsertTelegramUser } from '../../db/queries/users';
import type { AppEnv } from '../env';
import { errorResponse } from '../errors';
import { validate } from '../validate';

/** Where a browser lands after signing in. */
const APP_HOME = '/';
const LOGIN_PAGE = '/login';
const CLOCK_SKEW_SECONDS = 60;
const OIDC_ATTEMPT_TTL_SECONDS = 600;
const OIDC_STATE_COOKIE = 'tgs_oidc_state';
const OIDC_CALLBACK_PATH = '/auth/telegram/oidc/callback';

export const DEMO_USER = { tgId: 1, username: 'demo', firstName: 'Demo', lastName: 'User', photoUrl: null } as const;

// The widget sends a flat object of short scalar fields; anything else is not a Telegram login.
// PostgreSQL text cannot hold NUL: a signed name with one is refused, not a database error.
const widgetValue = z.union([z.string().max(2048).refine((v) => !v.includes('\u0000'), 'must not contain NUL characters'), z.number().finite()]).transform(String);
const widgetFields = z
  .record(z.string().regex(/^[a-z_]{1,32}$/, 'unexpected field name'), widgetValue)
  .refine((fields) => Object.keys(fields).length <= 16, 'too many fields');

const oidcCallbackQuery = z.union([
  z.object({ code: z.string().min(1).max(2048), state: z.string().min(1).max(256) }),
  z.object({ error: z.string().max(256), error_description: z.string().max(1024).optional(), state: z.string().max(256).optional() }),
]);

const oidcEnabled = (config: Config) => Boolean(config.TELEGRAM_OIDC_CLIENT_ID);
const demoEnabled = (config: Config) => config.DEMO_LOGIN && !config.isProduction;

async function signInWithWidget(c: Context<AppEnv>, raw: Record<string, string>) {
  const { config, kv, database, now } = c.get('services');
  if (!config.TELEGRAM_AUTH_TOKEN) throw new AppError('TELEGRAM_LOGIN_DISABLED', 'Telegram Login is not configured on this server');
  const verdict = await verifyTelegramLogin(raw, config.TELEGRAM_AUTH_TOKEN, {
    nowSeconds: now(),
    maxAgeSeconds: config.TELEGRAM_AUTH_MAX_AGE_SECONDS,
    maxSkewSeconds: CLOCK_SKEW_SECONDS,
  });
  if (!verdict.ok) {
    c.get('log').warn('telegram login rejected', { code: verdict.code });
    throw new AppError(verdict.code, verdict.message);
  }
  // A payload is good for one sign-in: remember its hash for as long as it could still pass the age check.
  const fresh = await kv.set(`tglogin:used:${verdict.hash}`, '1', {
    ifAbsent: true,
    ttlSeconds: config.TELEGRAM_AUTH_MAX_AGE_SECONDS + CLOCK_SKEW_SECONDS,
  });
  if (!fresh) {
    c.get('log').warn('telegram login rejected', { code: 'TELEGRAM_AUTH_REPLAYED' });
    throw new AppError('TELEGRAM_AUTH_REPLAYED', 'This Telegram login was already used; sign in again');
  }
  const user = await upsertTelegramUser(database.db, verdict.identity);
  await startSession(c, user, 'widget');
  return user;
}

const loginPageWithError = (code: string) => `${LOGIN_PAGE}?error=${encodeURIComponent(code)}`;

function redirectUri(c: Context<AppEnv>, config: Config) {
  const origin = config.PUBLIC_URL ? appOrigin(config) : new URL(c.req.url).origin;
  return `${origin}${OIDC_CALLBACK_PATH}`;
}

const attemptKey = (state: string) => `oidc:attempt:${state}`;

export const authRoutes = new Hono<AppEnv>()
  .get('/auth/config', (c) => {
    const { config } = c.get('services');
    return c.json({
      botUsername: config.TELEGRAM_AUTH_TOKEN ? (config.TELEGRAM_BOT_USERNAME ?? null) : null,
      oidcEnabled: oidcEnabled(config),
      demoEnabled: demoEnabled(config),
    });
  })
  .get('/auth/telegram/callback', async (c) => {
    const parsed = widgetFields.safeParse(c.req.query());
    if (!parsed.success) return c.redirect(loginPageWithError('TELEGRAM_FIELD_INVALID'), 303);
    try {
      await signInWithWidget(c, parsed.data);
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return c.redirect(loginPageWithError(error.code), 303);
      throw error;
    }
    return c.redirect(APP_HOME, 303);
  })
  .post('/auth/telegram/callback', validate('json', widgetFields), async (c) => {
    const user = await signInWithWidget(c, c.req.valid('json'));
    return c.json({ user });
  })
  .get('/auth/telegram/oidc/start', async (c) => {
    const { config, kv } = c.get('services');
    if (!config.TELEGRAM_OIDC_CLIENT_ID) return errorResponse(c, 'OIDC_DISABLED', 'Telegram OpenID Connect login is not configured on this server');
    const discovery = await discover(config.TELEGRAM_OIDC_ISSUER ?? DEFAULT_TELEGRAM_OIDC_ISSUER);
    const attempt = newLoginAttempt();
    await kv.set(attemptKey(attempt.state), JSON.stringify({ nonce: attempt.nonce, codeVerifier: attempt.codeVerifier }), {
      ttlSeconds: OIDC_ATTEMPT_TTL_SECONDS,
    });
    // Binds the attempt to this browser: a callback carrying someone else's state is refused (login CSRF).
    setCookie(c, OIDC_STATE_COOKIE, attempt.state, {
      httpOnly: true,
      secure: cookieIsSecure(config),
      sameSite: 'Lax',
      path: OIDC_CALLBACK_PATH,
      maxAge: OIDC_ATTEMPT_TTL_SECONDS,
    });
    const url = await authorizationUrl({
      authorizationEndpoint: discovery.authorization_endpoint,
      clientId: config.TELEGRAM_OIDC_CLIENT_ID,
      redirectUri: redirectUri(c, config),
      attempt,
    });
    return c.redirect(url, 302);
  })
  .get(OIDC_CALLBACK_PATH, validate('query', oidcCallbackQuery), async (c) => {
    const { config, kv, database, now, log } = c.get('services');
    if (!config.TELEGRAM_OIDC_CLIENT_ID) return errorResponse(c, 'OIDC_DISABLED', 'Telegram OpenID Connect login is not configured on this server');
    const query = c.req.valid('query');
    const boundState = getCookie(c, OIDC_STATE_COOKIE);
    deleteCookie(c, OIDC_STATE_COOKIE, { path: OIDC_CALLBACK_PATH, secure: cookieIsSecure(config), httpOnly: true, sameSite: 'Lax' });
    if ('error' in query) return c.redirect(loginPageWithError('OIDC_DENIED'), 303);
    if (!boundState || boundState !== query.state) {
      log.warn('oidc callback rejected', { code: 'OIDC_STATE_MISMATCH' });
      return c.redirect(loginPageWithError('OIDC_STATE_MISMATCH'), 303);
    }
    const stored = await kv.get(attemptKey(query.state));
    await kv.del(attemptKey(query.state));
    if (!stored) return c.redirect(loginPageWithError('OIDC_ATTEMPT_EXPIRED'), 303);
    const attempt = JSON.parse(stored) as { nonce: string; codeVerifier: string };
    try {
      const discovery = await discover(config.TELEGRAM_OIDC_ISSUER ?? DEFAULT_TELEGRAM_OIDC_ISSUER);
      const idToken = await exchangeCode({
        discovery,
        clientId: config.TELEGRAM_OIDC_CLIENT_ID,
        clientSecret: config.TELEGRAM_OIDC_CLIENT_SECRET,
        code: query.code,
        codeVerifier: attempt.codeVerifier,
        redirectUri: redirectUri(c, config),
      });
      const claims = await verifyIdToken(idToken, { discovery, clientId: config.TELEGRAM_OIDC_CLIENT_ID, nonce: attempt.nonce, nowSeconds: now() });
      const identity = identityFromClaims(claims, now());
      if (!identity) throw new AppError('OIDC_CLAIMS_INVALID', 'Telegram did not name a user in the ID token');
      const user = await upsertTelegramUser(database.db, identity);
      await startSession(c, user, 'oidc');
    } catch (error) {
      if (error instanceof AppError) {
        log.warn('oidc callback rejected', { code: error.code, message: error.message });
        return c.redirect(loginPageWithError(error.code), 303);
      }
      throw error;
    }
    return c.redirect(APP_HOME, 303);
  })
  .post('/auth/demo', async (c) => {
    const { config, database } = c.get('services');
    // parseConfig already forces DEMO_LOGIN off in production; checked again here on purpose.
    if (!demoEnabled(config)) throw new AppError('DEMO_LOGIN_DISABLED', 'Demo login is available only in local mode');
    const user = await upsertTelegramUser(database.db, DEMO_USER);
    await startSession(c, user, 'demo');
    return c.json({ user });
  })
  .post('/auth/logout', async (c) => {
    const { config, kv, now } = c.get('services');
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const verdict = await verifySessionToken(config.SECRET_KEY, token, now());
      if (verdict.ok) {
        await kv.set(revokedKey(verdict.claims.jti), '1', { ttlSeconds: revocationTtl(verdict.claims, now()) });
        // After the deny-list write: a request from now on reads it (edge/auth/session-cache.ts).
        verifiedSessions.forget(token);
      }
    }
    clearSessionCookie(c, config);
    return c.json({ signedOut: true });
  });
