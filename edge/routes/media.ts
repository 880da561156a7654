// GET /media/<key>: media stored locally (DATA_DIR/media) when no Supabase Storage is configured.
// Node only (mounted by edge/node.ts). Keys are content hashes — `ab/<sha256>.<ext>` — and nothing
// else is served, so no path can climb out of the directory.
import { Hono } from 'hono';
import { createLocalStorage } from '../../storage/local';
import { isContentKey, type ObjectStorage } from '../../storage/port';
import type { AppEnv } from '../env';
import { errorResponse } from '../errors';

/** `source`: the media directory, or a storage that can read objects back (the local adapter). */
export function mediaRoutes(source: string | Required<Pick<ObjectStorage, 'get'>>) {
  const storage = typeof source === 'string' ? createLocalStorage(source) : source;
  return new Hono<AppEnv>().get('/media/*', async (c) => {
    const key = c.req.path.slice('/media/'.length);
    const found = isContentKey(key) ? await storage.get!(key) : null;
    if (!found) return errorResponse(c, 'NOT_FOUND', 'No such media file');
    return c.body(found.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': found.contentType,
      // Content-addressed: the bytes under a key never change.
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      // Documents download rather than render in the app's origin.
      ...(found.contentType.startsWith('image/') ? {} : { 'content-disposition': 'attachment' }),
    });
  });
}
