// Supabase Storage over its REST API with fetch: one bucket, one URL policy (public URLs, or signed
// URLs with a TTL). No supabase-js here: the client would drag its realtime WebSocket (and `ws` on
// Node 20) into the Workers bundle for nothing. Requests are the ones supabase-js sends: upload
// `POST /storage/v1/object/{bucket}/{key}` with `x-upsert`, signing `POST …/object/sign/{bucket}/{key}`
// `{ expiresIn }`, public URLs `…/object/public/{bucket}/{key}` (no request), download `GET
// …/object/{bucket}/{key}`; `apikey` and `Authorization: Bearer` carry the service key.
import type { ObjectStorage } from './port';

export interface SupabaseStorageOptions {
  url: string;
  key: string;
  bucket: string;
  urlPolicy: 'public' | 'signed';
  signedUrlTtlSeconds: number;
  /** Per request; a hung Storage API fails the upload instead of the whole batch. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Storage answered with an error (or not at all); `status` is absent when no answer came. */
export class StorageRequestError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'StorageRequestError';
  }
}

const encodePath = (key: string) => key.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/');

async function reasonOf(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const message = body.message ?? body.error;
    if (typeof message === 'string' && message) return `${response.status} ${message}`;
  } catch {
    // Not JSON: the raw text says it.
  }
  return `${response.status} ${text.slice(0, 200) || response.statusText}`;
}

export function createSupabaseStorage(options: SupabaseStorageOptions): ObjectStorage {
  const api = `${options.url.replace(/\/+$/, '')}/storage/v1`;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const auth = { apikey: options.key, authorization: `Bearer ${options.key}` };
  const objectPath = (key: string) => `${encodePath(options.bucket)}/${encodePath(key)}`;

  async function request(what: string, url: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(url, { ...init, headers: { ...auth, ...init.headers }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new StorageRequestError(`Supabase ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return {
    kind: 'supabase',
    async put(key, bytes, contentType) {
      const uploaded = await request(`upload of ${key}`, `${api}/object/${objectPath(key)}`, {
        method: 'POST',
        headers: { 'content-type': contentType, 'cache-control': 'max-age=31536000', 'x-upsert': 'true' },
        body: bytes as Uint8Array<ArrayBuffer>,
      });
      if (!uploaded.ok) throw new StorageRequestError(`Supabase upload of ${key} failed: ${await reasonOf(uploaded)}`, uploaded.status);
      await uploaded.body?.cancel();
      if (options.urlPolicy === 'public') return encodeURI(`${api}/object/public/${options.bucket}/${key.replace(/^\/+/, '')}`);
      const signed = await request(`signing of ${key}`, `${api}/object/sign/${objectPath(key)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ expiresIn: options.signedUrlTtlSeconds }),
      });
      if (!signed.ok) throw new StorageRequestError(`Supabase signing of ${key} failed: ${await reasonOf(signed)}`, signed.status);
      const { signedURL } = (await signed.json()) as { signedURL?: unknown };
      if (typeof signedURL !== 'string' || !signedURL) throw new StorageRequestError(`Supabase signing of ${key} failed: no URL`, signed.status);
      return encodeURI(`${api}${signedURL}`);
    },
    async get(key) {
      const response = await request(`download of ${key}`, `${api}/object/${objectPath(key)}`, { method: 'GET' });
      if (response.ok) {
        return {
          bytes: new Uint8Array(await response.arrayBuffer()),
          contentType: response.headers.get('content-type') ?? 'application/octet-stream',
        };
      }
      const reason = await reasonOf(response);
      // Storage answers a missing object with 404, or with 400 and `"statusCode":"404"` in the body.
      if (response.status === 404 || (response.status === 400 && /not.?found/i.test(reason))) return null;
      throw new StorageRequestError(`Supabase download of ${key} failed: ${reason}`, response.status);
    },
  };
}
