// Request id on every request (taken from X-Request-Id when sane), a child logger that carries it,
// one access-log line per request, and HTTP metrics. It also sets the request's services: the
// app's own, or (Workers) those made for this request from the isolate's, closed after it.
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../env';
import type { Services } from '../services';
import { httpMetrics } from '../metrics';
import { setResponseHeader } from '../response-body';

const SANE_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** What lives as long as the isolate on Workers: everything but what is bound to a request's I/O. */
export type IsolateServices = Omit<Services, 'database' | 'kv' | 'jobs'>;

/** The services of one request and how to release what they opened. */
export interface RequestServices {
  services: Services;
  close(): Promise<void>;
}

export interface ScopedServices {
  isolate: IsolateServices;
  /** Called once per request; `close()` runs after the response (waitUntil where there is one). */
  perRequest(isolate: IsolateServices): RequestServices;
}

export function isScoped(services: Services | ScopedServices): services is ScopedServices {
  return 'perRequest' in services;
}

export function requestContext(services: Services | ScopedServices): MiddlewareHandler<AppEnv> {
  const isolate = isScoped(services) ? services.isolate : services;
  const servicesFor: () => { services: Services; close?: () => Promise<void> } = isScoped(services)
    ? () => services.perRequest(services.isolate)
    : () => ({ services });
  const metrics = httpMetrics(isolate.metrics);
  return async function requestContextMiddleware(c, next) {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && SANE_ID.test(incoming) ? incoming : crypto.randomUUID();
    const log = isolate.log.child({ requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    const scope = servicesFor();
    c.set('services', scope.services);
    const started = performance.now();
    try {
      await next();
    } finally {
      if (scope.close) await afterResponse(c, scope.close().catch((error: unknown) => log.warn('closing the request services failed', { error })));
    }
    // In place: c.header() here would rebuild the response around a stream of its body.
    setResponseHeader(c, 'X-Request-Id', requestId);
    const seconds = (performance.now() - started) / 1000;
    const route = routePath(c) || 'unmatched';
    metrics.requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    metrics.duration.observe({ method: c.req.method, route }, seconds);
    if (c.req.path !== '/healthz' && c.req.path !== '/metrics') {
      log.info('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(seconds * 1000) });
    }
  };
}

/** Work that must not delay the response: handed to the runtime's waitUntil, else awaited (Node). */
async function afterResponse(c: Context<AppEnv>, work: Promise<void>): Promise<void> {
  let waitUntil: ((promise: Promise<unknown>) => void) | undefined;
  try {
    const ctx = c.executionCtx;
    waitUntil = (promise) => ctx.waitUntil(promise);
  } catch {
    // Hono throws when the runtime gave no execution context: nothing to hand the work to.
  }
  if (waitUntil) waitUntil(work);
  else await work;
}
