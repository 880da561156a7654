// Everything under /v1 needs a signed-in user: 401 JSON when the cookie is missing, invalid,
// expired or revoked. The user is loaded once and passed on as c.get('user'); a token in its last
// quarter of life is reissued.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { currentUser } from '../../db/queries/users';
import { setSessionCookie } from '../auth/cookie';
import { issueSessionToken, revokedKey, SESSION_COOKIE, shouldRenew, verifySessionToken } from '../auth/session-token';
import type { AppEnv } from '../env';
import { errorResponse } from '../errors';

export function requireUser(): MiddlewareHandler<AppEnv> {
  return async function requireUserMiddleware(c, next) {
    const { config, kv, database, now } = c.get('services');
    const token = getCookie(c, SESSION_COOKIE);
    if (!token) return errorResponse(c, 'UNAUTHENTICATED', 'Sign in with Telegram to continue');
    const verdict = await verifySessionToken(config.SECRET_KEY, token, now());
    if (!verdict.ok) {
      const message = verdict.reason === 'expired' ? 'Your session has expired; sign in again' : 'Your session is not valid; sign in again';
      return errorResponse(c, verdict.reason === 'expired' ? 'SESSION_EXPIRED' : 'SESSION_INVALID', message);
    }
    // The revocation check and the user's row are read at once (one round trip's wait, not two);
    // their outcomes are then taken in the same order as before: a kv failure or a revoked session
    // first, then the user's row.
    const [revoked, loaded] = await Promise.allSettled([kv.get(revokedKey(verdict.claims.jti)), currentUser(database.db, verdict.claims.userId)]);
    if (revoked.status === 'rejected') throw revoked.reason;
    if (revoked.value) return errorResponse(c, 'SESSION_REVOKED', 'You have signed out; sign in again');
    if (loaded.status === 'rejected') throw loaded.reason;
    const user = loaded.value;
    if (!user) return errorResponse(c, 'SESSION_INVALID', 'Your account no longer exists');
    c.set('user', user);
    c.set('session', verdict.claims);
    // Sliding session: an active user gets a fresh token before the old one runs out.
    if (shouldRenew(verdict.claims, now())) {
      const renewed = await issueSessionToken(config.SECRET_KEY, user.id, config.SESSION_TTL_SECONDS, now());
      setSessionCookie(c, config, renewed.token);
    }
    await next();
  };
}
