// Conditional reads for the lists a page polls: a weak ETag from the JSON body's SHA-256, and 304
// with no body when the client's If-None-Match already holds it. Polling an unchanged list then
// costs the query and a hash, not the transfer and the client's re-render. Node and Workers (edge/digest.ts).
// The body is read once for the whole chain (edge/response-body.ts) and its full digest kept with it,
// which the compression step uses as the body's content address.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { sha256Hex } from '../digest';
import { bodyOf, replaceResponse } from '../response-body';

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

/** Most recent text bodies whose digest is kept: a cached page sent again is not hashed again. */
const KNOWN_DIGESTS = 256;

export function etag(options: EtagOptions): MiddlewareHandler<AppEnv> {
  // By the text itself: a cache hands out the same string each time, and a Map finds it by identity first.
  const digests = new Map<string, string>();
  const digestOf = async (body: string | Uint8Array<ArrayBuffer>) => {
    if (typeof body !== 'string') return sha256Hex(body);
    let digest = digests.get(body);
    if (digest === undefined) {
      digest = await sha256Hex(body);
      if (digests.size >= KNOWN_DIGESTS) digests.delete(digests.keys().next().value!);
      digests.set(body, digest);
    }
    return digest;
  };
  return async function conditionalGet(c, next) {
    await next();
    if (!options.paths.test(c.req.path)) return;
    if (c.req.method !== 'GET' || c.res.status !== 200 || c.res.headers.has('etag')) return;
    if (!(c.res.headers.get('content-type') ?? '').startsWith('application/json')) return;
    const body = await bodyOf(c);
    body.sha256 ??= await digestOf(body.body);
    const tag = `W/"${body.sha256.slice(0, 24)}"`;
    // Per reader and per session: never shared by caches between people.
    const headers = c.res.headers;
    headers.set('etag', tag);
    headers.set('cache-control', 'private, no-cache');
    headers.set('vary', 'Cookie');
    if (ifNoneMatchHits(c.req.header('if-none-match'), tag)) {
      // The 304 keeps the answer's headers but those that describe its body.
      for (const k of ['content-type', 'content-length']) headers.delete(k);
      replaceResponse(c, null, { status: 304, headers });
    }
  };
}
