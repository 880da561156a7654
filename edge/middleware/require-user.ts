// Everything under /v1 needs a signed-in user: 401 JSON when the cookie is missing, invalid,
// expired or revoked. The user is loaded once and passed on as c.get('user'); a token in its last
// quarter of life is reissued. A verified session is remembered for a few seconds
// (edge/auth/session-cache.ts: what that means for sign-out), so a reader's next requests cost no
// round trip for it.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { currentUser } from '../../db/queries/users';
import { setSessionCookie } from '../auth/cookie';
import { verifiedSessions, type SessionCache, type SessionOutcome } from '../auth/session-cache';
import { issueSessionToken, revokedKey, SESSION_COOKIE, shouldRenew, verifySessionToken, type SessionClaims } from '../auth/session-token';
import type { AppEnv } from '../env';
import { errorResponse } from '../errors';
import type { Kv } from '../ports/kv';
import type { Services } from '../services';

export interface RequireUserOptions {
  /** Where verified sessions are remembered (default: the process's, which sign-out clears). */
  sessions?: SessionCache;
}

/**
 * The deny-list and the user's row, read at once (one round trip's wait, not two); their outcomes
 * are taken in this order: a kv failure or a revoked session first, then the user's row.
 */
async function lookUp(kv: Kv, database: Services['database'], claims: SessionClaims): Promise<SessionOutcome> {
  const [revoked, loaded] = await Promise.allSettled([kv.get(revokedKey(claims.jti)), currentUser(database.db, claims.userId)]);
  if (revoked.status === 'rejected') throw revoked.reason;
  if (revoked.value) return { ok: false, code: 'SESSION_REVOKED', message: 'You have signed out; sign in again' };
  if (loaded.status === 'rejected') throw loaded.reason;
  if (!loaded.value) return { ok: false, code: 'SESSION_INVALID', message: 'Your account no longer exists' };
  return { ok: true, user: Object.freeze(loaded.value) };
}

export function requireUser(options: RequireUserOptions = {}): MiddlewareHandler<AppEnv> {
  const sessions = options.sessions ?? verifiedSessions;
  return async function requireUserMiddleware(c, next) {
    const { config, kv, database, now } = c.get('services');
    const token = getCookie(c, SESSION_COOKIE);
    if (!token) return errorResponse(c, 'UNAUTHENTICATED', 'Sign in with Telegram to continue');
    let session = sessions.recall(token, config.SECRET_KEY, now());
    if (!session) {
      const verdict = await verifySessionToken(config.SECRET_KEY, token, now());
      if (!verdict.ok) {
        const message = verdict.reason === 'expired' ? 'Your session has expired; sign in again' : 'Your session is not valid; sign in again';
        return errorResponse(c, verdict.reason === 'expired' ? 'SESSION_EXPIRED' : 'SESSION_INVALID', message);
      }
      session = sessions.remember(token, config.SECRET_KEY, verdict.claims, () => lookUp(kv, database, verdict.claims));
    }
    const outcome = await session.outcome;
    if (!outcome.ok) return errorResponse(c, outcome.code, outcome.message);
    const { user } = outcome;
    c.set('user', user);
    c.set('session', session.claims);
    // Sliding session: an active user gets a fresh token before the old one runs out.
    if (shouldRenew(session.claims, now())) {
      const renewed = await issueSessionToken(config.SECRET_KEY, user.id, config.SESSION_TTL_SECONDS, now());
      setSessionCookie(c, config, renewed.token);
    }
    await next();
  };
}
