// A defence beyond SameSite=Lax: a state-changing request must come from the app's own origin or a
// trusted front end (FRONTEND_ORIGINS), as its Origin (or, failing that, Referer) header says.
// Server-to-server paths that carry their own signatures are exempt.
import type { MiddlewareHandler } from 'hono';
import { appOrigin, type Config } from '../../core/config';
import type { AppEnv } from '../env';
import { errorResponse } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const EXEMPT_PREFIXES = ['/internal/', '/queue/'];
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function originOf(value: string | undefined): URL | null {
  if (!value || value === 'null') return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

export function isTrustedOrigin(config: Config, requestUrl: URL, origin: URL): boolean {
  if (origin.origin === appOrigin(config) || origin.origin === requestUrl.origin) return true;
  if (config.FRONTEND_ORIGINS.some((o) => new URL(o).origin === origin.origin)) return true;
  // Local mode: the app answers on localhost and 127.0.0.1 alike, on whatever port it was given.
  if (!config.isProduction && LOOPBACK.has(requestUrl.hostname) && LOOPBACK.has(origin.hostname) && origin.protocol === 'http:') {
    return requestUrl.port === '' || requestUrl.port === origin.port;
  }
  return false;
}

export function originCheck(config: Config): MiddlewareHandler<AppEnv> {
  return async function originCheckMiddleware(c, next) {
    if (SAFE_METHODS.has(c.req.method) || EXEMPT_PREFIXES.some((p) => c.req.path.startsWith(p))) return next();
    const claimed = originOf(c.req.header('origin')) ?? originOf(c.req.header('referer'));
    if (!claimed || !isTrustedOrigin(config, new URL(c.req.url), claimed)) {
      c.get('log').warn('cross-origin request refused', { method: c.req.method, path: c.req.path, origin: claimed?.origin ?? null });
      return errorResponse(c, 'ORIGIN_REFUSED', 'This request must come from the TG Studio app itself (Origin header missing or not trusted)');
    }
    return next();
  };
}
