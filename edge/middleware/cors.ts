// CORS for the separately hosted front ends in FRONTEND_ORIGINS only, with credentials. Any other
// origin gets no CORS headers, so browsers keep its scripts from reading our answers.
import type { MiddlewareHandler } from 'hono';
import { cors as honoCors } from 'hono/cors';
import type { Config } from '../../core/config';
import type { AppEnv } from '../env';
import { setResponseHeader } from '../response-body';

const EXPOSED = ['x-request-id'];

export function cors(config: Config): MiddlewareHandler<AppEnv> {
  const allowed = new Set(config.FRONTEND_ORIGINS.map((o) => new URL(o).origin));
  const preflight = honoCors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['content-type', 'x-request-id'],
    exposeHeaders: EXPOSED,
    maxAge: 600,
  });
  // Other requests get hono/cors's headers, set after the route on its response in place
  // (hono/cors sets them on a placeholder first, which makes Hono rebuild the route's response).
  return async function corsMiddleware(c, next) {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    await next();
    const origin = c.req.header('origin');
    if (origin && allowed.has(origin)) {
      setResponseHeader(c, 'Access-Control-Allow-Origin', origin);
      setResponseHeader(c, 'Access-Control-Allow-Credentials', 'true');
      setResponseHeader(c, 'Access-Control-Expose-Headers', EXPOSED.join(','));
    }
    // Whatever the origin, caches must tell the answers apart by it.
    setResponseHeader(c, 'Vary', 'Origin', { append: true });
  };
}
