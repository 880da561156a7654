// The session cookie: HttpOnly, SameSite=Lax, Path=/, Secure except when the app itself is served
// from http://localhost (local mode; browsers drop Secure cookies on plain HTTP).
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { appOrigin, type Config } from '../../core/config';
import type { AppEnv } from '../env';
import { SESSION_COOKIE } from './session-token';

export function cookieIsSecure(config: Config): boolean {
  if (config.isProduction) return true;
  const origin = new URL(appOrigin(config));
  const local = origin.hostname === 'localhost' || origin.hostname === '127.0.0.1';
  return !(origin.protocol === 'http:' && local);
}

export function setSessionCookie(c: Context<AppEnv>, config: Config, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: cookieIsSecure(config),
    sameSite: 'Lax',
    path: '/',
    maxAge: config.SESSION_TTL_SECONDS,
  });
}

export function clearSessionCookie(c: Context<AppEnv>, config: Config) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: cookieIsSecure(config), httpOnly: true, sameSite: 'Lax' });
}
