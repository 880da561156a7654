// Serves the built web app (dist/web) on Node, with the SPA fallback to index.html.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './env';
import { compress } from './middleware/compress';

export const WEB_DIST = path.resolve(import.meta.dirname, '../dist/web');
const API_PREFIXES = ['/v1/', '/auth/', '/internal/', '/healthz', '/metrics', '/media/'];

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
/** Vite names every file under /assets/ by its content hash: such a URL never changes meaning. */
const isHashedAsset = (p: string) => p.startsWith('/assets/');

/** Brotli (quality 5: near the best ratio at a few ms per 100 KB) or gzip, for `createApp`. */
export function nodeCompression() {
  return compress({
    compressor: {
      brotli: async (body) => new Uint8Array(await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })),
      gzip: async (body) => new Uint8Array(await gzipAsync(body, { level: 6 })),
    },
    immutable: isHashedAsset,
  });
}

export function mountWebApp(app: Hono<AppEnv>, root = WEB_DIST) {
  const indexFile = path.join(root, 'index.html');
  const relativeRoot = path.relative(process.cwd(), root) || '.';
  // Hashed assets: cached for a year. Everything else (index.html, icons) is revalidated each time,
  // so a deploy reaches readers at once.
  app.use('/assets/*', serveStatic({ root: relativeRoot, onFound: (_p, c) => {
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
  } }));
  app.use('*', serveStatic({ root: relativeRoot, onFound: (_p, c) => {
    c.header('Cache-Control', 'public, no-cache');
  } }));
  app.get('*', (c, next) => {
    if (API_PREFIXES.some((p) => c.req.path.startsWith(p))) return next();
    if (!existsSync(indexFile)) return c.text('The web app is not built: run `npm run build`.', 503);
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(indexFile, 'utf8'));
  });
}
