// GET /media/<key>: media files stored locally (DATA_DIR/media) when no Supabase Storage is
// configured. Node only (mounted by edge/node.ts). Keys are content hashes — `ab/<sha256>.<ext>` —
// and nothing else is served, so no path can climb out of the directory.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { errorResponse } from '../errors';

const MEDIA_KEY = /^[0-9a-f]{2}\/[0-9a-f]{64}\.[a-z0-9]{1,8}$/;

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
  pdf: 'application/pdf',
};

export function mediaRoutes(mediaDir: string) {
  return new Hono<AppEnv>().get('/media/*', async (c) => {
    const key = c.req.path.slice('/media/'.length);
    if (!MEDIA_KEY.test(key) || key.split('/')[0] !== key.split('/')[1].slice(0, 2)) {
      return errorResponse(c, 404, 'NOT_FOUND', 'No such media file');
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(mediaDir, key));
    } catch {
      return errorResponse(c, 404, 'NOT_FOUND', 'No such media file');
    }
    const extension = key.slice(key.lastIndexOf('.') + 1);
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
      // Content-addressed: the bytes under a key never change.
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      // Documents download rather than render in the app's origin.
      ...(CONTENT_TYPES[extension]?.startsWith('image/') ? {} : { 'content-disposition': 'attachment' }),
    });
  });
}
