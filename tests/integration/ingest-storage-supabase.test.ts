// The Supabase Storage adapter runs the real supabase-js client against a local fake speaking
// Storage's HTTP API: upload (x-upsert), public URL, signed URL.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSupabaseStorage } from '../../storage/supabase';

const stored = new Map<string, { bytes: Buffer; type: string; upsert: string | undefined }>();
const server = createServer(async (req: IncomingMessage, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url!, 'http://x');
  const upload = /^\/storage\/v1\/object\/(media)\/(.+)$/.exec(url.pathname);
  const sign = /^\/storage\/v1\/object\/sign\/(media)\/(.+)$/.exec(url.pathname);
  res.setHeader('content-type', 'application/json');
  if (req.method === 'POST' && sign) {
    const { expiresIn } = JSON.parse(Buffer.concat(chunks).toString()) as { expiresIn: number };
    res.end(JSON.stringify({ signedURL: `/object/sign/media/${sign[2]}?token=t-${expiresIn}` }));
  } else if (req.method === 'POST' && upload) {
    if (req.headers.authorization !== 'Bearer service-key') return res.writeHead(401).end('{"message":"unauthorized"}');
    stored.set(upload[2], { bytes: Buffer.concat(chunks), type: String(req.headers['content-type']), upsert: req.headers['x-upsert'] as string | undefined });
    res.end(JSON.stringify({ Key: `media/${upload[2]}`, Id: '1' }));
  } else res.writeHead(404).end('{"message":"not found"}');
});
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('Supabase Storage adapter', () => {
  const key = 'ab/abcdef.png';
  const bytes = new Uint8Array([1, 2, 3, 4]);

  it('uploads with upsert and answers the public URL under the public policy', async () => {
    const storage = createSupabaseStorage({ url: base, key: 'service-key', bucket: 'media', urlPolicy: 'public', signedUrlTtlSeconds: 60 });
    expect(await storage.put(key, bytes, 'image/png')).toBe(`${base}/storage/v1/object/public/media/${key}`);
    expect(stored.get(key)).toMatchObject({ type: 'image/png', upsert: 'true' });
    expect(new Uint8Array(stored.get(key)!.bytes)).toEqual(bytes);
  });

  it('answers a signed URL with the configured lifetime under the signed policy', async () => {
    const storage = createSupabaseStorage({ url: base, key: 'service-key', bucket: 'media', urlPolicy: 'signed', signedUrlTtlSeconds: 3600 });
    const url = await storage.put(key, bytes, 'image/png');
    expect(url).toContain(`/storage/v1/object/sign/media/${key}?token=t-3600`);
  });

  it('fails loudly when the upload is refused', async () => {
    const storage = createSupabaseStorage({ url: base, key: 'wrong', bucket: 'media', urlPolicy: 'public', signedUrlTtlSeconds: 60 });
    await expect(storage.put(key, bytes, 'image/png')).rejects.toThrow(/Supabase upload of ab\/abcdef.png failed/);
  });
});
