// Local media storage: files under DATA_DIR/media, served by the app at /media/<key>.
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MediaStorage } from './port';

export const LOCAL_MEDIA_PREFIX = '/media/';

export function createLocalStorage(mediaDir: string): MediaStorage {
  return {
    kind: 'local',
    async put(key, bytes) {
      const target = path.join(mediaDir, key);
      if (!existsSync(target)) {
        await mkdir(path.dirname(target), { recursive: true });
        // Write then rename: a crash never leaves a half-written file under the final name.
        const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
        await writeFile(temp, bytes);
        await rename(temp, target);
      }
      return `${LOCAL_MEDIA_PREFIX}${key}`;
    },
  };
}
