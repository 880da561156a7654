// A response's body and headers as the middlewares after a route use them (CORS, request id, ETag,
// compression), without copying the response for each.
//
// On Node, @hono/node-server writes a response made from a string or bytes straight out, but one
// whose body was read (`.body`, `.clone()`, `.arrayBuffer()`) becomes a web stream it must pump.
// Hono's `c.header()` after the route, and its `c.res = …` setter, both rebuild the response from
// `.body`. So: headers are set on `c.res.headers` in place (`setResponseHeader`), a new response goes
// in through `replaceResponse`, and a body a route already holds as text (`jsonTextResponse`) is
// registered with `withKnownBody`, so reading it (`bodyOf`) costs nothing and the body is read at
// most once per request. On Workers the same calls are simply correct.
import type { Context } from 'hono';

interface KnownBody {
  body: string | Uint8Array<ArrayBuffer>;
  /** SHA-256 of the body's bytes, hex, once someone computed it (a content address for caches). */
  sha256?: string;
}

const known = new WeakMap<Response, KnownBody>();

/** Registers the body `res` was made from (the exact text or bytes it sends). */
export function withKnownBody<R extends Response>(res: R, body: string | Uint8Array<ArrayBuffer>): R {
  known.set(res, { body });
  return res;
}

/** The body of `c.res`: the registered one, else read once (and `c.res` replaced by a response over those bytes). */
export async function bodyOf(c: Context): Promise<KnownBody> {
  const entry = known.get(c.res);
  if (entry) return entry;
  const res = c.res;
  const bytes = new Uint8Array(await res.arrayBuffer());
  return known.get(replaceResponse(c, bytes, { status: res.status, headers: res.headers }))!;
}

/** The body's bytes (text encoded once). */
export function bytesOf(entry: KnownBody): Uint8Array<ArrayBuffer> {
  if (typeof entry.body === 'string') entry.body = new TextEncoder().encode(entry.body);
  return entry.body;
}

/**
 * Makes `c.res` a new response as given. Hono's setter would rebuild it from the old one (reading
 * its body into a stream to merge headers): `init.headers` carries the headers to keep instead.
 */
export function replaceResponse(c: Context, body: string | Uint8Array<ArrayBuffer> | null, init: ResponseInit): Response {
  const res = new Response(body, init);
  if (body !== null) known.set(res, { body });
  c.res = undefined;
  c.res = res;
  return res;
}

/**
 * Sets (or with `append`, adds to) a header of `c.res` in place. A response whose headers are
 * immutable (one a route passed through from `fetch`) goes through `c.header`, which copies it.
 */
export function setResponseHeader(c: Context, name: string, value: string, options: { append?: boolean } = {}): void {
  try {
    if (options.append) c.res.headers.append(name, value);
    else c.res.headers.set(name, value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    c.header(name, value, options);
  }
}
