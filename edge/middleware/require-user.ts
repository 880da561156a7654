// Everything under /v1 needs a signed-in user: 401 JSON when the cookie is missing, invalid,
// expired or revoked. The user is loaded once and passed on as c.get('user').
import { eq } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { users } from '../../db/schema';
import { revokedKey, SESSION_COOKIE, verifySessionToken } from '../auth/session-token';
import type { AppEnv } from '../env';
import { errorResponse } from '../errors';

export function requireUser(): MiddlewareHandler<AppEnv> {
  return async function requireUserMiddleware(c, next) {
    const { config, kv, database, now } = c.get('services');
    const token = getCookie(c, SESSION_COOKIE);
    if (!token) return errorResponse(c, 401, 'UNAUTHENTICATED', 'Sign in with Telegram to continue');
    const verdict = await verifySessionToken(config.SECRET_KEY, token, now());
    if (!verdict.ok) {
      const message = verdict.reason === 'expired' ? 'Your session has expired; sign in again' : 'Your session is not valid; sign in again';
      return errorResponse(c, 401, verdict.reason === 'expired' ? 'SESSION_EXPIRED' : 'SESSION_INVALID', message);
    }
    if (await kv.get(revokedKey(verdict.claims.jti))) return errorResponse(c, 401, 'SESSION_REVOKED', 'You have signed out; sign in again');
    const [user] = await database.db
      .select({
        id: users.id,
        tgId: users.tgId,
        username: users.username,
        firstName: users.firstName,
        lastName: users.lastName,
        photoUrl: users.photoUrl,
        role: users.role,
        plan: users.plan,
      })
      .from(users)
      .where(eq(users.id, verdict.claims.userId))
      .limit(1);
    if (!user) return errorResponse(c, 401, 'SESSION_INVALID', 'Your account no longer exists');
    c.set('user', user);
    c.set('session', verdict.claims);
    await next();
  };
}
