// The fetch-based Supabase Storage adapter against a fake of Storage's HTTP API (the same
// requests supabase-js sends): upload with upsert, public and signed URLs, download, failures.
import { describe, expect, it } from 'vitest';
import { selectWorkerStorage } from '../../storage/select-worker';
import { createSupabaseStorage, StorageRequestError } from '../../storage/supabase';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
}

function fakeStorage() {
  const objects = new Map<string, { bytes: Uint8Array; type: string }>();
  const seen: Seen[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const headers = Object.fromEntries(request.headers);
    seen.push({ method: request.method, url: request.url, headers });
    const { pathname } = new URL(request.url);
    if (headers.authorization !== 'Bearer service-key' || headers.apikey !== 'service-key') {
      return Response.json({ statusCode: '403', error: 'Unauthorized', message: 'invalid signature' }, { status: 400 });
    }
    const sign = /^\/storage\/v1\/object\/sign\/media\/(.+)$/.exec(pathname);
    const object = /^\/storage\/v1\/object\/media\/(.+)$/.exec(pathname);
    if (request.method === 'POST' && sign) {
      const { expiresIn } = (await request.json()) as { expiresIn: number };
      return Response.json({ signedURL: `/object/sign/media/${sign[1]}?token=t-${expiresIn}` });
    }
    if (request.method === 'POST' && object) {
      objects.set(object[1], { bytes: new Uint8Array(await request.arrayBuffer()), type: headers['content-type'] });
      return Response.json({ Key: `media/${object[1]}`, Id: '1' });
    }
    if (request.method === 'GET' && object) {
      const found = objects.get(object[1]);
      if (!found) return Response.json({ statusCode: '404', error: 'not_found', message: 'Object not found' }, { status: 400 });
      return new Response(found.bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': found.type } });
    }
    return Response.json({ message: 'no route' }, { status: 404 });
  };
  return { objects, seen, fetch };
}

const base = 'https://project.supabase.co';
const key = 'ab/abcdef.png';
const bytes = new Uint8Array([1, 2, 3, 4]);

describe('Supabase Storage over fetch', () => {
  it('uploads with upsert, a year of cache and the service key, and answers the public URL', async () => {
    const fake = fakeStorage();
    const storage = createSupabaseStorage({ url: `${base}/`, key: 'service-key', bucket: 'media', urlPolicy: 'public', signedUrlTtlSeconds: 60, fetch: fake.fetch });
    expect(await storage.put(key, bytes, 'image/png')).toBe(`${base}/storage/v1/object/public/media/${key}`);
    expect(fake.seen).toHaveLength(1);
    expect(fake.seen[0]).toMatchObject({
      method: 'POST',
      url: `${base}/storage/v1/object/media/${key}`,
      headers: { 'x-upsert': 'true', 'content-type': 'image/png', 'cache-control': 'max-age=31536000' },
    });
    expect(fake.objects.get(key)?.bytes).toEqual(bytes);
  });

  it('answers a signed URL with the configured lifetime under the signed policy', async () => {
    const fake = fakeStorage();
    const storage = createSupabaseStorage({ url: base, key: 'service-key', bucket: 'media', urlPolicy: 'signed', signedUrlTtlSeconds: 3600, fetch: fake.fetch });
    expect(await storage.put(key, bytes, 'image/png')).toBe(`${base}/storage/v1/object/sign/media/${key}?token=t-3600`);
  });

  it('gets stored bytes back, and null for a missing object', async () => {
    const fake = fakeStorage();
    const storage = createSupabaseStorage({ url: base, key: 'service-key', bucket: 'media', urlPolicy: 'public', signedUrlTtlSeconds: 60, fetch: fake.fetch });
    await storage.put(key, bytes, 'image/png');
    expect(await storage.get!(key)).toEqual({ bytes, contentType: 'image/png' });
    expect(await storage.get!('cd/missing.png')).toBeNull();
  });

  it('fails loudly, with Storage\'s reason and status, when refused or unreachable', async () => {
    const fake = fakeStorage();
    const refused = createSupabaseStorage({ url: base, key: 'wrong', bucket: 'media', urlPolicy: 'public', signedUrlTtlSeconds: 60, fetch: fake.fetch });
    const error = await refused.put(key, bytes, 'image/png').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageRequestError);
    expect((error as StorageRequestError).message).toBe('Supabase upload of ab/abcdef.png failed: 400 invalid signature');
    expect((error as StorageRequestError).status).toBe(400);
    await expect(refused.get!(key)).rejects.toThrow(/download of ab\/abcdef.png failed: 400 invalid signature/);

    const down = createSupabaseStorage({
      url: base, key: 'service-key', bucket: 'media', urlPolicy: 'public', signedUrlTtlSeconds: 60,
      fetch: async () => { throw new TypeError('fetch failed'); },
    });
    await expect(down.put(key, bytes, 'image/png')).rejects.toThrow('Supabase upload of ab/abcdef.png failed: fetch failed');
  });

  it('is what Workers select when configured, and nothing otherwise', () => {
    const config = { SUPABASE_BUCKET: 'media', SUPABASE_URL_POLICY: 'public' as const, SUPABASE_SIGNED_URL_TTL_SECONDS: 60 };
    expect(selectWorkerStorage({ ...config, SUPABASE_URL: base, SUPABASE_KEY: 'k' })?.kind).toBe('supabase');
    expect(selectWorkerStorage({ ...config, SUPABASE_URL: undefined, SUPABASE_KEY: undefined })).toBeUndefined();
  });
});
