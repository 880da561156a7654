// Conditional reads for the lists a page polls: a weak ETag from the JSON body's SHA-256, and 304
// with no body when the client's If-None-Match already holds it. Polling an unchanged list then
// costs the query and a hash, not the transfer and the client's re-render. WebCrypto: Node and Workers.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

/** Whether an If-None-Match header names `tag` (weak comparison, `*` matches anything). */
export function ifNoneMatchHits(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || opaque(t) === opaque(tag));
}

export interface EtagOptions {
  /** Paths that answer conditional reads (one registration on a wildcard, filtered here). */
  paths: RegExp;
}

export function etag(options: EtagOptions): MiddlewareHandler<AppEnv> {
  return async function conditionalGet(c, next) {
    await next();
    if (!options.paths.test(c.req.path)) return;
    if (c.req.method !== 'GET' || c.res.status !== 200 || c.res.headers.has('etag')) return;
    if (!(c.res.headers.get('content-type') ?? '').startsWith('application/json')) return;
    const body = await c.res.clone().arrayBuffer();
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
    const tag = `W/"${[...digest.slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('')}"`;
    // Per reader and per session: never shared by caches between people.
    const headers = { etag: tag, 'cache-control': 'private, no-cache', vary: 'Cookie' };
    for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
    if (ifNoneMatchHits(c.req.header('if-none-match'), tag)) {
      // Hono carries the replaced response's headers over: drop those that describe its body.
      for (const k of ['content-type', 'content-length']) c.res.headers.delete(k);
      c.res = new Response(null, { status: 304, headers: c.res.headers });
    }
  };
}
