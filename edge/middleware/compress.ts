// Response compression on Node: brotli when the client accepts it, else gzip, for text-like bodies
// of 1 KB or more (JSON, HTML, JS, CSS, SVG). Bodies of hashed assets never change, so their
// compressed forms are kept in memory. On Workers Cloudflare compresses at the edge: this passes.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

export interface Compressor {
  brotli(body: Uint8Array): Promise<Uint8Array<ArrayBuffer>>;
  gzip(body: Uint8Array): Promise<Uint8Array<ArrayBuffer>>;
}

export interface CompressOptions {
  compressor: Compressor;
  /** Smaller bodies go as they are. */
  minBytes?: number;
  /** Whether a path's body never changes (its compressed forms are cached by path). */
  immutable?: (path: string) => boolean;
  /** Most cached compressed bodies kept (the oldest go first). */
  cacheEntries?: number;
}

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json|xml)|image\/svg\+xml)/;

/** The encoding to answer with for an Accept-Encoding header: br, gzip, or none (q=0 refuses). */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0)) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
}

export function compress(options: CompressOptions): MiddlewareHandler<AppEnv> {
  const minBytes = options.minBytes ?? 1024;
  const cacheEntries = options.cacheEntries ?? 500;
  const cache = new Map<string, Uint8Array<ArrayBuffer>>();
  return async function compressResponse(c, next) {
    await next();
    const res = c.res;
    if (c.req.method === 'HEAD' || res.status < 200 || res.status === 204 || res.status === 304 || !res.body) return;
    if (res.headers.has('content-encoding') || /no-transform/.test(res.headers.get('cache-control') ?? '')) return;
    if (!COMPRESSIBLE.test(res.headers.get('content-type') ?? '')) return;
    res.headers.append('vary', 'Accept-Encoding');
    const encoding = chooseEncoding(c.req.header('accept-encoding'));
    if (!encoding) return;
    const length = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(length) && length < minBytes) return;
    const cacheKey = options.immutable?.(c.req.path) ? `${encoding}:${c.req.path}` : undefined;
    let out = cacheKey ? cache.get(cacheKey) : undefined;
    if (out) await res.body.cancel();
    else {
      const body = new Uint8Array(await res.arrayBuffer());
      if (body.byteLength < minBytes) {
        c.res = new Response(body, res);
        return;
      }
      out = encoding === 'br' ? await options.compressor.brotli(body) : await options.compressor.gzip(body);
      if (cacheKey) {
        if (cache.size >= cacheEntries) cache.delete(cache.keys().next().value!);
        cache.set(cacheKey, out);
      }
    }
    // Hono copies the replaced response's headers onto the new one: change them there.
    res.headers.set('content-encoding', encoding);
    res.headers.set('content-length', String(out.byteLength));
    c.res = new Response(out, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
