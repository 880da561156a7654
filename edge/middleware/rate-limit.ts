// Rate limits as middleware: a fixed-window counter in the kv (INCR with expiry is atomic on every
// adapter), keyed by the rule and a subject taken from the request. Over the limit → 429
// RATE_LIMITED naming the limit, with Retry-After; RateLimit-* headers tell clients where they stand.
import type { Context, MiddlewareHandler } from 'hono';
import { addressBucket, effectiveMax, rateLimitMessage, windowPosition, type RateLimitRule } from '../../core/rate-limits';
import type { AppEnv } from '../env';
import { errorResponse } from '../errors';
import type { Metrics } from '../metrics';
import { unlessKvDown } from '../adapters/kv/guard';

// One counter per registry (a registry would render a second registration twice).
const refusals = new WeakMap<Metrics, ReturnType<Metrics['counter']>>();
function refusalCounter(metrics: Metrics) {
  let counter = refusals.get(metrics);
  if (!counter) refusals.set(metrics, (counter = metrics.counter('rate_limited_total', 'Requests refused by a rate limit, by limit')));
  return counter;
}

/** Who a request is counted against. */
export type RateLimitSubject = (c: Context<AppEnv>) => string;

/** The client's network (IPv4 address or IPv6 /64), as the runtime's trusted source reports it. */
export const byClientAddress: RateLimitSubject = (c) => `ip:${addressBucket(c.get('services').clientAddress(c))}`;

/** The signed-in user (use under /v1, after requireUser). */
export const bySignedInUser: RateLimitSubject = (c) => `user:${c.get('user').id}`;

export function rateLimit(rule: RateLimitRule, subjectOf: RateLimitSubject): MiddlewareHandler<AppEnv> {
  return async function rateLimitMiddleware(c, next) {
    const { kv, config, now, metrics } = c.get('services');
    const max = effectiveMax(rule, config.RATE_LIMIT_MULTIPLIER);
    const window = windowPosition(now(), rule.windowSeconds);
    const subject = subjectOf(c);
    // With the kv down a read goes on uncounted (fails open); a write is refused with 503 (fails closed).
    const readOnly = c.req.method === 'GET' || c.req.method === 'HEAD';
    const counted = kv.incr(`ratelimit:${rule.name}:${subject}:${window.index}`, { ttlSeconds: window.secondsLeft + 1 });
    const count = readOnly ? await unlessKvDown(counted, null) : await counted;
    if (count === null) return next();
    c.header('RateLimit-Limit', String(max));
    c.header('RateLimit-Remaining', String(Math.max(0, max - count)));
    c.header('RateLimit-Reset', String(window.secondsLeft));
    if (count > max) {
      refusalCounter(metrics).inc({ limit: rule.name });
      // Log the first refusal of a window only: a flood must not become a flood of log lines.
      if (count === max + 1) c.get('log').warn('rate limit reached', { limit: rule.name, subject, max, windowSeconds: rule.windowSeconds });
      c.header('Retry-After', String(window.secondsLeft));
      return errorResponse(c, 'RATE_LIMITED', rateLimitMessage(rule, max, window.secondsLeft), {
        limit: rule.name,
        max,
        windowSeconds: rule.windowSeconds,
        retryAfterSeconds: window.secondsLeft,
      });
    }
    await next();
  };
}
