// Chooses object storage where there is no disk (Cloudflare Workers): Supabase Storage when
// configured, else none (the wiring decides what storing then answers). Imports nothing from
// node:*, so the Workers entry can use it.
import type { Config } from '../core/config';
import type { ObjectStorage } from './port';
import { createSupabaseStorage } from './supabase';

export type StorageConfig = Pick<
  Config,
  'DATA_DIR' | 'SUPABASE_URL' | 'SUPABASE_KEY' | 'SUPABASE_BUCKET' | 'SUPABASE_URL_POLICY' | 'SUPABASE_SIGNED_URL_TTL_SECONDS'
>;

/** Supabase Storage from the configuration, or undefined when SUPABASE_URL / SUPABASE_KEY are unset. */
export function supabaseStorageFromConfig(config: Omit<StorageConfig, 'DATA_DIR'>): ObjectStorage | undefined {
  if (!config.SUPABASE_URL || !config.SUPABASE_KEY) return undefined;
  return createSupabaseStorage({
    url: config.SUPABASE_URL,
    key: config.SUPABASE_KEY,
    bucket: config.SUPABASE_BUCKET,
    urlPolicy: config.SUPABASE_URL_POLICY,
    signedUrlTtlSeconds: config.SUPABASE_SIGNED_URL_TTL_SECONDS,
  });
}

/** On Workers: Supabase Storage, or undefined when SUPABASE_URL / SUPABASE_KEY are unset. */
export function selectWorkerStorage(config: Omit<StorageConfig, 'DATA_DIR'>): ObjectStorage | undefined {
  return supabaseStorageFromConfig(config);
}
