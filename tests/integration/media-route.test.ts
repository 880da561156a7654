// GET /media/*: locally stored media, content-addressed keys only.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../edge/env';
import { mediaRoutes } from '../../edge/routes/media';
import { createLocalStorage } from '../../storage/local';
import { contentKey, sha256Hex } from '../../storage/port';

describe('local media storage and /media/*', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tgs-media-route-'));
  const storage = createLocalStorage(dir);
  const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  const key = contentKey(await sha256Hex(bytes), 'png');
  const app = new Hono<AppEnv>().route('/', mediaRoutes(dir));

  it('stores once per content hash and serves the file with its type', async () => {
    const url = await storage.put(key, bytes, 'image/png');
    expect(await storage.put(key, bytes, 'image/png')).toBe(url);
    expect(url).toBe(`/media/${key}`);
    const response = await app.request(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });

  it.each(['/media/../etc/passwd', '/media/%2e%2e/%2e%2e/etc/passwd', '/media/ab/notahash.png', `/media/zz/${'a'.repeat(64)}.png`, '/media/'])('refuses %s', async (url) => {
    const response = await app.request(url);
    expect(response.status).toBe(404);
  });
});
