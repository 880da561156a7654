// The local adapter: files under a directory, written once per key, read back with their type.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalStorage, localMediaDir } from '../../storage/local';
import { contentKey, sha256Hex } from '../../storage/port';

describe('local object storage', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tgs-storage-local-'));
  const storage = createLocalStorage(dir);
  const bytes = new Uint8Array([0xff, 0xd8, 0xff, 1, 2]);
  const key = contentKey(await sha256Hex(bytes), 'jpg');

  it('puts once per key, answers /media/<key>, and gets the bytes back with their type', async () => {
    expect(await storage.put(key, bytes, 'image/jpeg')).toBe(`/media/${key}`);
    expect(await storage.put(key, new Uint8Array([0]), 'image/jpeg')).toBe(`/media/${key}`);
    expect(await storage.get!(key)).toEqual({ bytes, contentType: 'image/jpeg' });
    expect(readdirSync(path.join(dir, key.slice(0, 2)))).toEqual([key.slice(3)]);
  });

  it('answers null for a missing key', async () => {
    expect(await storage.get!(contentKey('0'.repeat(64), 'png'))).toBeNull();
  });

  it('refuses keys that leave the directory', async () => {
    await expect(storage.put('../escape.png', bytes, 'image/png')).rejects.toThrow(/leaves the media directory/);
    await expect(storage.get!('../../etc/passwd')).rejects.toThrow(/leaves the media directory/);
  });

  it('lives under DATA_DIR/media', () => {
    expect(localMediaDir({ DATA_DIR: '/srv/data' })).toBe(path.resolve('/srv/data/media'));
  });
});
