// Chooses object storage on Node (the ingest service, the API's Node entry): Supabase Storage when
// configured, else files under DATA_DIR/media (served at /media/*). Loads node:fs: on Workers use
// `selectWorkerStorage` from './select-worker'.
import { createLocalStorage, localMediaDir } from './local';
import type { ObjectStorage } from './port';
import { supabaseStorageFromConfig, type StorageConfig } from './select-worker';

export function selectStorage(config: StorageConfig): ObjectStorage {
  return supabaseStorageFromConfig(config) ?? createLocalStorage(localMediaDir(config));
}

export type { StorageConfig } from './select-worker';
