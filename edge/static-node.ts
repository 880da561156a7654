// Serves the built web app (dist/web) on Node, with the SPA fallback to index.html.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';
import { compress } from './middleware/compress';

export const WEB_DIST = path.resolve(import.meta.dirname, '../dist/web');
const API_PREFIXES = ['/v1/', '/auth/', '/internal/', '/healthz', '/metrics', '/media/'];

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
/** Vite names every file under /assets/ by its content hash: such a URL never changes meaning. */
const isHashedAsset = (p: string) => p.startsWith('/assets/');

/**
 * Bodies up to this size are compressed on the event loop: a thread-pool job costs more than the
 * work itself there (a 15 KB feed page: ~0.1 ms inline, ~0.4 ms as a job on a busy machine).
 */
const INLINE_COMPRESS_MAX_BYTES = 64 * 1024;

/** Brotli (quality 5: near the best ratio at a few ms per 100 KB) or gzip, for `createApp`. */
export function nodeCompression() {
  const brotliOptions = (body: Uint8Array) => ({ params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } });
  const inline = (body: Uint8Array) => body.byteLength <= INLINE_COMPRESS_MAX_BYTES;
  return compress({
    compressor: {
      brotli: async (body) => new Uint8Array(inline(body) ? brotliCompressSync(body, brotliOptions(body)) : await brotli(body, brotliOptions(body))),
      gzip: async (body) => new Uint8Array(inline(body) ? gzipSync(body, { level: 6 }) : await gzipAsync(body, { level: 6 })),
    },
    immutable: isHashedAsset,
  });
}

export function mountWebApp(app: Hono<AppEnv>, root = WEB_DIST) {
  const indexFile = path.join(root, 'index.html');
  const relativeRoot = path.relative(process.cwd(), root) || '.';
  // Hashed assets: cached for a year. Everything else (index.html, icons) is revalidated each time,
  // so a deploy reaches readers at once. (Set on the file's response itself: serveStatic's onFound
  // runs after that response is made, so a `c.header` there would not reach it.)
  const files = serveStatic({ root: relativeRoot });
  const withCacheControl = (value: string): MiddlewareHandler<AppEnv> => async (c, next) => {
    // A file found is its own Response; otherwise serveStatic ran `next` and the result is c.res.
    const found: unknown = await files(c, next);
    if (!(found instanceof Response)) return;
    found.headers.set('Cache-Control', value);
    return found;
  };
  app.use('/assets/*', withCacheControl('public, max-age=31536000, immutable'));
  app.use('*', withCacheControl('public, no-cache'));
  app.get('*', (c, next) => {
    if (API_PREFIXES.some((p) => c.req.path.startsWith(p))) return next();
    if (!existsSync(indexFile)) return c.text('The web app is not built: run `npm run build`.', 503);
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(indexFile, 'utf8'));
  });
}
