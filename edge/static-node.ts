// Serves the built web app (dist/web) on Node, with the SPA fallback to index.html.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './env';

export const WEB_DIST = path.resolve(import.meta.dirname, '../dist/web');
const API_PREFIXES = ['/v1/', '/auth/', '/internal/', '/healthz', '/metrics', '/media/'];

export function mountWebApp(app: Hono<AppEnv>, root = WEB_DIST) {
  const indexFile = path.join(root, 'index.html');
  app.use('/assets/*', serveStatic({ root: path.relative(process.cwd(), root) || '.', onFound: (_p, c) => {
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
  } }));
  app.use('*', serveStatic({ root: path.relative(process.cwd(), root) || '.' }));
  app.get('*', (c, next) => {
    if (API_PREFIXES.some((p) => c.req.path.startsWith(p))) return next();
    if (!existsSync(indexFile)) return c.text('The web app is not built: run `npm run build`.', 503);
    return c.html(readFileSync(indexFile, 'utf8'));
  });
}
