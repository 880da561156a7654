// Request body size limits, before anything reads a body: 413 PAYLOAD_TOO_LARGE in the one error
// shape. A declared Content-Length over the limit is refused without reading; a chunked body is
// counted as it streams and refused as soon as it passes the limit.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../env';
import { errorResponse } from '../errors';

/** Bytes a request body may hold, by kind of route. */
export const BODY_LIMITS = {
  /** Sign-in and sign-out: a Telegram Login payload is a dozen short fields. */
  signIn: 8 * 1024,
  /** Signed server-to-server calls (queue callbacks carry `{ runId, step }`). */
  internal: 16 * 1024,
  /** The signed-in API: the largest body is a run over a hand-picked list of posts. */
  api: 64 * 1024,
} as const;

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

export function bodyLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  return honoBodyLimit({
    maxSize: maxBytes,
    onError: (c) => errorResponse(c, 'PAYLOAD_TOO_LARGE', `The request body is larger than this endpoint accepts (at most ${kib(maxBytes)})`, { maxBytes }),
  });
}

/** The limit for a request path: small for sign-in and the signed server-to-server paths. */
export function bodyLimitFor(path: string): number {
  if (path.startsWith('/auth/')) return BODY_LIMITS.signIn;
  if (path.startsWith('/queue/') || path.startsWith('/internal/')) return BODY_LIMITS.internal;
  return BODY_LIMITS.api;
}

const bodyless = (method: string) => method === 'GET' || method === 'HEAD';

/** One middleware for every route, choosing the limit by path (a body is read at most once). */
export function bodyLimits(): MiddlewareHandler<AppEnv> {
  const byLimit = new Map(Object.values(BODY_LIMITS).map((bytes) => [bytes, bodyLimit(bytes)]));
  return async function bodyLimitsMiddleware(c, next) {
    // A GET or HEAD that declares no body has none to limit. Not asking for it matters on Node:
    // reading `c.req.raw.body` makes @hono/node-server build a whole fetch Request (an
    // AbortController, streams) for every read, garbage that outlived minor GCs and slowed them.
    if (bodyless(c.req.method) && !c.req.header('content-length') && !c.req.header('transfer-encoding')) return next();
    return byLimit.get(bodyLimitFor(c.req.path))!(c, next);
  };
}
