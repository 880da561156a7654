// The object storage port for media. Keys are content-addressed (the SHA-256 of the bytes), so
// storing the same file twice is a no-op and a retried upload cannot create a second copy.
export interface MediaStorage {
  readonly kind: 'local' | 'supabase';
  /** Stores the bytes under `key` (idempotent) and returns the URL clients load it from. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<string>;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
  'application/pdf': 'pdf',
  'application/x-tgsticker': 'tgs',
};

/** The file format we record and use as the extension ('bin' when unknown). */
export function formatOf(mimeType: string, fileName: string | null): string {
  const known = EXTENSIONS[mimeType.toLowerCase()];
  if (known) return known;
  const fromName = fileName ? /\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1] : undefined;
  return fromName ? fromName.toLowerCase() : 'bin';
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Buffer.from(digest).toString('hex');
}

/** `ab/abcdef….png`: two-level fan-out keeps directories small. */
export function contentKey(hash: string, format: string): string {
  return `${hash.slice(0, 2)}/${hash}.${format}`;
}
