// After any successful sign-in: a fresh session token in the cookie.
import type { Context } from 'hono';
import type { AppEnv, CurrentUser } from '../env';
import { setSessionCookie } from './cookie';
import { issueSessionToken } from './session-token';

export async function startSession(c: Context<AppEnv>, user: CurrentUser, method: 'widget' | 'oidc' | 'demo') {
  const { config, now } = c.get('services');
  const { token } = await issueSessionToken(config.SECRET_KEY, user.id, config.SESSION_TTL_SECONDS, now());
  setSessionCookie(c, config, token);
  c.get('log').info('signed in', { userId: user.id, method });
}
