// Supabase Storage: one bucket, one URL policy (public URLs, or signed URLs with a TTL).
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { MediaStorage } from './port';

export interface SupabaseStorageOptions {
  url: string;
  key: string;
  bucket: string;
  urlPolicy: 'public' | 'signed';
  signedUrlTtlSeconds: number;
}

export function createSupabaseStorage(options: SupabaseStorageOptions): MediaStorage {
  // On Node 20 supabase-js needs a WebSocket implementation even though storage never uses it.
  const client = createClient(options.url, options.key, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });
  const bucket = client.storage.from(options.bucket);
  return {
    kind: 'supabase',
    async put(key, bytes, contentType) {
      const uploaded = await bucket.upload(key, bytes, { contentType, upsert: true, cacheControl: '31536000' });
      if (uploaded.error) throw new Error(`Supabase upload of ${key} failed: ${uploaded.error.message}`);
      if (options.urlPolicy === 'public') return bucket.getPublicUrl(key).data.publicUrl;
      const signed = await bucket.createSignedUrl(key, options.signedUrlTtlSeconds);
      if (signed.error || !signed.data) throw new Error(`Supabase signing of ${key} failed: ${signed.error?.message ?? 'no URL'}`);
      return signed.data.signedUrl;
    },
  };
}
