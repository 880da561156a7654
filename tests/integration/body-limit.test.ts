// Body size limits on every route: 413 PAYLOAD_TOO_LARGE in the one error shape, small for sign-in
// and the signed server-to-server paths, without reading a huge body to the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMITS, bodyLimitFor } from '../../edge/middleware/body-limit';
import { asUser, createUser } from '../helpers/users';
import { createIngestTestContext, type IngestTestContext } from '../helpers/with-ingest';

const ORIGIN = 'http://localhost:8080';

/** A body of `total` bytes streamed in 64 KiB chunks (no Content-Length); counts what was pulled. */
function streamedBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const seen = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.bytes >= total) return controller.close();
      seen.bytes += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, seen };
}

const expectTooLarge = async (res: Response, label: string) => {
  const text = await res.text();
  expect(res.status, `${label}: ${text.slice(0, 200)}`).toBe(413);
  const body = JSON.parse(text) as { error: { code: string; message: string; details?: { maxBytes?: number } } };
  expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
  expect(body.error.message).toMatch(/at most \d+ KiB/);
  return body;
};

describe('body size limits', () => {
  let ctx: IngestTestContext;
  let cookieInit: (init: RequestInit) => Promise<RequestInit>;

  beforeAll(async () => {
    ctx = await createIngestTestContext({ TELEGRAM_AUTH_TOKEN: '7000000003:AAbody-limit-test' });
    const user = await createUser(ctx);
    cookieInit = (init) => asUser(ctx, user.id, init);
  });
  afterAll(async () => ctx?.close());

  it('refuses a 64 MB streamed body to the unauthenticated sign-in callback after reading at most the limit', async () => {
    const { stream, seen } = streamedBody(64 * 1024 * 1024);
    const res = await ctx.app.request('/auth/telegram/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const body = await expectTooLarge(res, 'streamed');
    expect(body.error.details?.maxBytes).toBe(BODY_LIMITS.signIn);
    expect(seen.bytes).toBeLessThan(1024 * 1024);
  });

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const res = await ctx.app.request('/auth/telegram/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'content-length': String(BODY_LIMITS.signIn + 1) },
      body: 'x'.repeat(BODY_LIMITS.signIn + 1),
    });
    await expectTooLarge(res, 'declared');
  });

  it('keeps sign-in small and the signed-in API larger', async () => {
    expect(BODY_LIMITS.signIn).toBeLessThanOrEqual(16 * 1024);
    expect(BODY_LIMITS.internal).toBeLessThanOrEqual(16 * 1024);
    const justOver = JSON.stringify({ language: 'en', pad: 'x'.repeat(BODY_LIMITS.signIn) });
    // Over the sign-in limit, well under the API's: the settings route reads it and judges the fields.
    const settings = await ctx.app.request('/v1/settings', await cookieInit({ method: 'PUT', body: justOver }));
    expect(settings.status).toBe(400);
    expect(((await settings.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    const tooBig = await ctx.app.request('/v1/settings', await cookieInit({ method: 'PUT', body: JSON.stringify({ pad: 'x'.repeat(BODY_LIMITS.api) }) }));
    await expectTooLarge(tooBig, 'api');
  });

  it('every state-changing route in app.routes answers 413 to a body over its limit', async () => {
    const seen = new Set<string>();
    const routes = ctx.app.routes.filter((r) => !['GET', 'HEAD', 'OPTIONS', 'ALL'].includes(r.method) && !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const path = route.path.replace(/:[A-Za-z_]+/g, crypto.randomUUID());
      const oversized = JSON.stringify({ pad: 'x'.repeat(bodyLimitFor(path)) });
      const res = await ctx.app.request(path, await cookieInit({ method: route.method, body: oversized }));
      await expectTooLarge(res, `${route.method} ${route.path}`);
    }
  });

  it('never asks a GET for its body', async () => {
    // On Node, asking for `body` builds a whole fetch Request per read: a read of the feed must not.
    let bodyReads = 0;
    class CountingRequest extends Request {
      override get body() {
        bodyReads++;
        return super.body;
      }
    }
    const init = await cookieInit({});
    const feed = await ctx.app.fetch(new CountingRequest('http://localhost/v1/feed?limit=5', init));
    expect(feed.status).toBe(200);
    expect(bodyReads).toBe(0);
  });

  it('the ingest service refuses a big body on /internal before checking its signature', async () => {
    const res = await ctx.ingest.fetch(new Request('http://ingest.internal/internal/qr/start', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(BODY_LIMITS.internal + 1) }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
