// Local object storage: files under DATA_DIR/media, served by the Node app at /media/<key>.
// Node only (node:fs); the Workers entry never imports this module.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeOf, type ObjectStorage } from './port';

export const LOCAL_MEDIA_PREFIX = '/media/';

export function localMediaDir(config: { DATA_DIR: string }): string {
  return path.resolve(config.DATA_DIR, 'media');
}

const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

export function createLocalStorage(mediaDir: string): ObjectStorage {
  const root = path.resolve(mediaDir);
  const fileOf = (key: string) => {
    const target = path.resolve(root, key);
    if (!target.startsWith(root + path.sep)) throw new Error(`Storage key ${JSON.stringify(key)} leaves the media directory`);
    return target;
  };
  return {
    kind: 'local',
    async put(key, bytes) {
      const target = fileOf(key);
      if (!existsSync(target)) {
        await mkdir(path.dirname(target), { recursive: true });
        // Write then rename: a crash never leaves a half-written file under the final name.
        const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
        await writeFile(temp, bytes);
        await rename(temp, target);
      }
      return `${LOCAL_MEDIA_PREFIX}${key}`;
    },
    async get(key) {
      try {
        const bytes = await readFile(fileOf(key));
        return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType: contentTypeOf(key) };
      } catch (error) {
        if (MISSING.has((error as NodeJS.ErrnoException).code ?? '')) return null;
        throw error;
      }
    },
  };
}
