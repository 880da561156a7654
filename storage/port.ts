// The object storage port, shared by the ingest service (post media) and the API (generated
// images): one bucket of immutable, content-addressed objects. Keys are `ab/<sha256>.<ext>`, so
// storing the same bytes twice is a no-op and a retried upload cannot make a second copy.
// Pure helpers only (WebCrypto, no Buffer, no node:*): this module also runs on Workers.

export interface StoredObject {
  bytes: Uint8Array;
  contentType: string;
}

export interface ObjectStorage {
  readonly kind: 'local' | 'supabase';
  /** Stores the bytes under `key` (idempotent) and returns the URL clients load it from. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<string>;
  /** The stored bytes, or null when nothing is stored under `key`. */
  get?(key: string): Promise<StoredObject | null>;
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

const CONTENT_TYPES: Record<string, string> = Object.fromEntries(Object.entries(EXTENSIONS).map(([type, ext]) => [ext, type]));

/** The file format we record and use as the extension ('bin' when unknown). */
export function formatOf(mimeType: string, fileName: string | null): string {
  const known = EXTENSIONS[mimeType.toLowerCase()];
  if (known) return known;
  const fromName = fileName ? /\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1] : undefined;
  return fromName ? fromName.toLowerCase() : 'bin';
}

/** The content type a key's extension stands for (`application/octet-stream` when unknown). */
export function contentTypeOf(key: string): string {
  const dot = key.lastIndexOf('.');
  return (dot >= 0 && CONTENT_TYPES[key.slice(dot + 1).toLowerCase()]) || 'application/octet-stream';
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += HEX[byte];
  return out;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(digest));
}

/** `ab/abcdef….png`: two-level fan-out keeps directories small. */
export function contentKey(hash: string, format: string): string {
  return `${hash.slice(0, 2)}/${hash}.${format}`;
}

const CONTENT_KEY = /^([0-9a-f]{2})\/([0-9a-f]{64})\.[a-z0-9]{1,8}$/;

/** A key `contentKey` could have made (the fan-out prefix matching the hash): nothing else is served. */
export function isContentKey(key: string): boolean {
  const match = CONTENT_KEY.exec(key);
  return match !== null && match[2].startsWith(match[1]);
}

/** Hashes the bytes, stores them under their content key and returns the URL. */
export async function putContent(storage: ObjectStorage, bytes: Uint8Array, contentType: string): Promise<{ key: string; url: string }> {
  const key = contentKey(await sha256Hex(bytes), formatOf(contentType, null));
  return { key, url: await storage.put(key, bytes, contentType) };
}
