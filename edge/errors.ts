// One mapping from failures to HTTP, and one JSON error shape: { error: { code, message, requestId } }.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { AppError, DependencyUnavailableError, errorStatus, type ErrorBody, type ErrorCode } from '../core/errors';
import { connectionFailure } from '../db/unavailable';
import type { AppEnv } from './env';

/** The one JSON error answer; its status is the code's (core/errors.ts). */
export function errorResponse(c: Context<AppEnv>, code: ErrorCode, message: string, details?: Record<string, unknown>): Response {
  const body: ErrorBody = { error: { code, message, requestId: c.get('requestId'), ...(details ? { details } : {}) } };
  return c.json(body, errorStatus[code] as ContentfulStatusCode);
}

const codeByHttpStatus: Partial<Record<number, ErrorCode>> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE', 429: 'RATE_LIMITED' };

export function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`)
    .join('; ');
}

export function handleError(error: Error, c: Context<AppEnv>) {
  if (error instanceof AppError) {
    if (error instanceof DependencyUnavailableError) c.get('log')?.warn('dependency unavailable', { dependency: error.dependency, reason: error.reason });
    else if (error.status >= 500) {
      c.get('log')?.error('request failed', { code: error.code, error });
      reportUnexpected(c, error);
    }
    const retryAfter = error.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number' && retryAfter > 0) c.header('Retry-After', String(Math.ceil(retryAfter)));
    return errorResponse(c, error.code, error.message, error.details);
  }
  if (error instanceof ZodError) return errorResponse(c, 'VALIDATION_FAILED', describeZodError(error));
  if (error instanceof HTTPException) return errorResponse(c, codeByHttpStatus[error.status] ?? 'BAD_REQUEST', error.message || 'Request rejected');
  if (error instanceof SyntaxError) return errorResponse(c, 'MALFORMED_JSON', 'The request body is not valid JSON');
  // The database went away under a query: 503 naming it, never a 500 (the kv says so itself).
  const lost = connectionFailure(error);
  if (lost) return handleError(new DependencyUnavailableError('database', lost), c);
  c.get('log')?.error('unhandled error', { error });
  reportUnexpected(c, error);
  return errorResponse(c, 'INTERNAL', 'Something went wrong on our side; the request id identifies it in our logs');
}

/**
 * A 5xx the app did not mean (not a 4xx, not a dependency outage) goes to the error reporter with
 * the route pattern and the request id only, after the response: Workers through waitUntil, Node
 * without waiting (the report never rejects).
 */
function reportUnexpected(c: Context<AppEnv>, error: Error): void {
  const reporter = c.get('services')?.errors;
  if (!reporter || reporter.kind === 'none') return;
  const route = routePath(c, -1);
  const delivery = reporter.report(error, {
    route: `${c.req.method} ${route && route !== '*' && route !== '/*' ? route : 'unmatched'}`,
    requestId: c.get('requestId'),
    ...(error instanceof AppError ? { code: error.code } : {}),
  });
  try {
    c.executionCtx.waitUntil(delivery);
  } catch {
    // No execution context (Node): the delivery runs on by itself.
  }
}
