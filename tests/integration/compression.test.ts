// Node serving: hashed assets and JSON arrive compressed (brotli, else gzip) with their cache
// headers; index.html is revalidated; small bodies and clients that accept nothing go as they are.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding } from '../../edge/middleware/compress';
import { createApp } from '../../edge/app';
import { mountWebApp, nodeCompression } from '../../edge/static-node';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';
import { createChannel, createPosts, follow, hoursAgo } from './feed-fixtures';

let ctx: TestContext;
let app: ReturnType<typeof createApp>;
let root: string;
let reader: { id: string };
const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word${i % 37}`))};\n`.repeat(4);

beforeAll(async () => {
  ctx = await createTestContext();
  root = mkdtempSync(path.join(tmpdir(), 'tgs-web-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'assets', 'index-Bx3kq9Zt.js'), script);
  writeFileSync(path.join(root, 'assets', 'tiny-Aa1.css'), 'a{b:c}');
  writeFileSync(path.join(root, 'index.html'), `<!doctype html><html><body>${'<p>Новости</p>'.repeat(200)}</body></html>`);
  app = createApp(ctx.services, { compress: nodeCompression() });
  mountWebApp(app, root);
  reader = await createUser(ctx);
  const channel = await createChannel(ctx.database.db);
  await follow(ctx.database.db, reader.id, channel.id);
  await createPosts(ctx.database.db, Array.from({ length: 30 }, (_, i) => ({ channelId: channel.id, date: hoursAgo(i), text: `Новость номер ${i} о погоде в Москве` })));
});

afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
  await ctx?.close();
});

describe('compression and caching on Node', () => {
  it('sends a hashed asset as brotli, cached for a year, the same bytes once decoded', async () => {
    for (let i = 0; i < 2; i++) {
      // The second answer comes from the cache of compressed assets: it must be the same.
      const res = await app.request('/assets/index-Bx3kq9Zt.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe('br');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
      const body = Buffer.from(await res.arrayBuffer());
      expect(Number(res.headers.get('content-length'))).toBe(body.byteLength);
      expect(body.byteLength).toBeLessThan(script.length / 5);
      expect(brotliDecompressSync(body).toString()).toBe(script);
    }
  });

  it('falls back to gzip, and to none when the client accepts neither', async () => {
    const gz = await app.request('/assets/index-Bx3kq9Zt.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);
    const plain = await app.request('/assets/index-Bx3kq9Zt.js', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
    const tiny = await app.request('/assets/tiny-Aa1.css', { headers: { 'accept-encoding': 'br' } });
    expect(tiny.headers.get('content-encoding')).toBeNull();
    expect(await tiny.text()).toBe('a{b:c}');
  });

  it('revalidates index.html on every load (a deploy reaches readers at once), compressed', async () => {
    const res = await app.request('/', { headers: { 'accept-encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/no-cache/);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toContain('Новости');
  });

  it('compresses API JSON', async () => {
    const init = await asUser(ctx, reader.id);
    const headers = new Headers(init.headers);
    headers.set('accept-encoding', 'gzip');
    const res = await app.request('/v1/feed?limit=30', { ...init, headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const page = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()) as { items: unknown[] };
    expect(page.items).toHaveLength(30);
  });

  it('reads Accept-Encoding with q-values', () => {
    expect(chooseEncoding('gzip;q=1, br;q=0')).toBe('gzip');
    expect(chooseEncoding('br;q=0.5, gzip')).toBe('br');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('deflate')).toBeUndefined();
    expect(chooseEncoding(undefined)).toBeUndefined();
  });
});
