// Authenticates calls from the API: HMAC over timestamp.nonce.method.path.body (core/crypto),
// a ±60 s window, and each nonce accepted once (kept in the shared kv table, so a replay to
// another ingest replica is refused too).
import type { MiddlewareHandler } from 'hono';
import { INTERNAL_HEADERS, INTERNAL_SIGNATURE_MAX_SKEW_SECONDS, verifyInternal } from '../../core/crypto/internal-signature';
import { createTableKv } from '../../db/queries/kv';
import type { Db } from '../../db/types';
import type { InternalEnv } from './env';

const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

/** True the first time a nonce is seen within its window. */
function claimNonce(db: Db, nonce: string): Promise<boolean> {
  return createTableKv(db, { sweep: false }).set(`internal-nonce:${nonce}`, '1', { ifAbsent: true, ttlSeconds: 2 * INTERNAL_SIGNATURE_MAX_SKEW_SECONDS });
}

export function requireInternalSignature(options: { secret: string; db: Db; nowSeconds?: () => number }): MiddlewareHandler<InternalEnv> {
  const now = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  return async function internalSignature(c, next) {
    const body = await c.req.text();
    const url = new URL(c.req.url);
    const nonce = c.req.header(INTERNAL_HEADERS.nonce) ?? '';
    const verdict = await verifyInternal(
      options.secret,
      {
        timestamp: c.req.header(INTERNAL_HEADERS.timestamp),
        signature: c.req.header(INTERNAL_HEADERS.signature),
        nonce,
        method: c.req.method,
        path: url.pathname + url.search,
        body,
      },
      now(),
    );
    if (!verdict.ok || !NONCE.test(nonce)) {
      const reason = verdict.ok ? 'MISSING' : verdict.reason;
      c.get('log').warn('internal call rejected', { reason, path: url.pathname });
      return c.json({ error: { code: 'INTERNAL_SIGNATURE_INVALID', message: `Internal call rejected (${reason})` } }, 401);
    }
    if (!(await claimNonce(options.db, nonce))) {
      c.get('log').warn('internal call replayed', { path: url.pathname });
      return c.json({ error: { code: 'INTERNAL_REPLAY', message: 'Internal call rejected (replayed)' } }, 401);
    }
    c.set('rawBody', body);
    await next();
  };
}
