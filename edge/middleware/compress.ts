// Response compression on Node: brotli when the client accepts it, else gzip, for text-like bodies
// of 1 KB or more (JSON, HTML, JS, CSS, SVG). Bodies of hashed assets never change, so their
// compressed forms are kept in memory, as are those of recent bodies whose SHA-256 is known. On
// Workers Cloudflare compresses at the edge: this passes.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { bodyOf, bytesOf, replaceResponse, setResponseHeader } from '../response-body';

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
  /** Most compressed immutable bodies kept (the oldest go first). */
  cacheEntries?: number;
  /** Most compressed bodies kept by content (SHA-256, when the ETag step computed it). */
  contentEntries?: number;
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
  const contentEntries = options.contentEntries ?? 256;
  const assets = new Map<string, Uint8Array<ArrayBuffer>>();
  const contents = new Map<string, Uint8Array<ArrayBuffer>>();
  const keep = (cache: Map<string, Uint8Array<ArrayBuffer>>, max: number, key: string, value: Uint8Array<ArrayBuffer>) => {
    if (cache.size >= max) cache.delete(cache.keys().next().value!);
    cache.set(key, value);
  };
  return async function compressResponse(c, next) {
    await next();
    const res = c.res;
    if (c.req.method === 'HEAD' || res.status < 200 || res.status === 204 || res.status === 304 || res.headers.get('content-length') === '0') return;
    if (res.headers.has('content-encoding') || /no-transform/.test(res.headers.get('cache-control') ?? '')) return;
    if (!COMPRESSIBLE.test(res.headers.get('content-type') ?? '')) return;
    setResponseHeader(c, 'vary', 'Accept-Encoding', { append: true });
    const encoding = chooseEncoding(c.req.header('accept-encoding'));
    if (!encoding) return;
    const length = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(length) && length < minBytes) return;
    const assetKey = options.immutable?.(c.req.path) ? `${encoding}:${c.req.path}` : undefined;
    let out = assetKey ? assets.get(assetKey) : undefined;
    if (out) await res.body?.cancel();
    else {
      // Read once for the chain (edge/response-body.ts); with a digest (the ETag step's), the body's
      // content address: the same bytes again (a cached top list, an unchanged page) are not
      // compressed again, whoever asks, as only those exact bytes have that SHA-256.
      const body = await bodyOf(c);
      const contentKey = body.sha256 ? `${encoding}:${body.sha256}` : undefined;
      out = contentKey ? contents.get(contentKey) : undefined;
      if (!out) {
        const bytes = bytesOf(body);
        if (bytes.byteLength < minBytes) return;
        out = encoding === 'br' ? await options.compressor.brotli(bytes) : await options.compressor.gzip(bytes);
        if (assetKey) keep(assets, cacheEntries, assetKey, out);
        else if (contentKey) keep(contents, contentEntries, contentKey, out);
      }
    }
    const headers = c.res.headers;
    headers.set('content-encoding', encoding);
    headers.set('content-length', String(out.byteLength));
    replaceResponse(c, out, { status: res.status, headers });
  };
}
