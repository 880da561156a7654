// Request id on every request (taken from X-Request-Id when sane), a child logger that carries it,
// one access-log line per request, and HTTP metrics.
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../env';
import type { Services } from '../services';
import { httpMetrics } from '../metrics';

const SANE_ID = /^[A-Za-z0-9._-]{8,128}$/;

export function requestContext(services: Services): MiddlewareHandler<AppEnv> {
  const metrics = httpMetrics(services.metrics);
  return async function requestContextMiddleware(c, next) {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && SANE_ID.test(incoming) ? incoming : crypto.randomUUID();
    const log = services.log.child({ requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    c.set('services', services);
    const started = performance.now();
    await next();
    c.header('X-Request-Id', requestId);
    const seconds = (performance.now() - started) / 1000;
    const route = routePath(c) || 'unmatched';
    metrics.requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    metrics.duration.observe({ method: c.req.method, route }, seconds);
    if (c.req.path !== '/healthz' && c.req.path !== '/metrics') {
      log.info('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(seconds * 1000) });
    }
  };
}
