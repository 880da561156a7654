// One mapping from failures to HTTP, and one JSON error shape: { error: { code, message, requestId } }.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { AppError, type ErrorBody } from '../core/errors';
import type { AppEnv } from './env';

export function errorResponse(c: Context<AppEnv>, status: number, code: string, message: string, details?: Record<string, unknown>) {
  const body: ErrorBody = { error: { code, message, requestId: c.get('requestId'), ...(details ? { details } : {}) } };
  return c.json(body, status as ContentfulStatusCode);
}

export function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`)
    .join('; ');
}

export function handleError(error: Error, c: Context<AppEnv>) {
  if (error instanceof AppError) {
    if (error.status >= 500) c.get('log')?.error('request failed', { code: error.code, error });
    const retryAfter = error.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number' && retryAfter > 0) c.header('Retry-After', String(Math.ceil(retryAfter)));
    return errorResponse(c, error.status, error.code, error.message, error.details);
  }
  if (error instanceof ZodError) return errorResponse(c, 400, 'VALIDATION_FAILED', describeZodError(error));
  if (error instanceof HTTPException) {
    const status = error.status;
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 401 ? 'UNAUTHENTICATED' : status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST';
    return errorResponse(c, status, code, error.message || 'Request rejected');
  }
  if (error instanceof SyntaxError) return errorResponse(c, 400, 'MALFORMED_JSON', 'The request body is not valid JSON');
  c.get('log')?.error('unhandled error', { error });
  return errorResponse(c, 500, 'INTERNAL', 'Something went wrong on our side; the request id identifies it in our logs');
}
