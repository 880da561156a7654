// Chooses media storage from configuration: Supabase when configured, else files under DATA_DIR/media.
import path from 'node:path';
import type { Config } from '../../core/config';
import { createLocalStorage } from './local';
import type { MediaStorage } from './port';
import { createSupabaseStorage } from './supabase';

export function localMediaDir(config: Pick<Config, 'DATA_DIR'>): string {
  return path.resolve(config.DATA_DIR, 'media');
}

export function selectMediaStorage(config: Config): MediaStorage {
  if (config.SUPABASE_URL && config.SUPABASE_KEY) {
    return createSupabaseStorage({
      url: config.SUPABASE_URL,
      key: config.SUPABASE_KEY,
      bucket: config.SUPABASE_BUCKET,
      urlPolicy: config.SUPABASE_URL_POLICY,
      signedUrlTtlSeconds: config.SUPABASE_SIGNED_URL_TTL_SECONDS,
    });
  }
  return createLocalStorage(localMediaDir(config));
}

export type { MediaStorage } from './port';
export { contentKey, formatOf, sha256Hex } from './port';
