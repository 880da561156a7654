// The API ↔ ingest channel: only calls signed with INTERNAL_SECRET within ±60 s, each once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_HEADERS, INTERNAL_SIGNATURE_MAX_SKEW_SECONDS, signInternal } from '../../core/crypto/internal-signature';
import { createSignedIngestClient } from '../../edge/adapters/ingest/signed-client';
import { createUser } from '../helpers/users';
import { createIngestTestContext, type IngestTestContext } from '../helpers/with-ingest';

let ctx: IngestTestContext;
beforeAll(async () => {
  ctx = await createIngestTestContext();
});
afterAll(() => ctx.close());

async function signed(body: string, options: { secret?: string; timestamp?: number; nonce?: string; path?: string } = {}) {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const nonce = options.nonce ?? crypto.randomUUID().replace(/-/g, '');
  const path = options.path ?? '/internal/qr/start';
  const signature = await signInternal(options.secret ?? ctx.config.INTERNAL_SECRET, { timestamp, nonce, method: 'POST', path, body });
  return new Request(`http://ingest.internal${path}`, {
    method: 'POST',
    body,
    headers: { [INTERNAL_HEADERS.timestamp]: String(timestamp), [INTERNAL_HEADERS.nonce]: nonce, [INTERNAL_HEADERS.signature]: signature },
  });
}

const STALE_BY = INTERNAL_SIGNATURE_MAX_SKEW_SECONDS + 30;

describe('internal channel', () => {
  it('accepts a signed call once and refuses its replay', async () => {
    const body = JSON.stringify({ loginId: crypto.randomUUID(), userId: (await createUser(ctx)).id });
    const request = await signed(body);
    const replay = request.clone();
    expect((await ctx.ingest.fetch(request)).status).toBe(404); // authenticated: the attempt just doesn't exist
    const again = await ctx.ingest.fetch(replay);
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('INTERNAL_REPLAY');
  });

  it('refuses a wrong secret, a stale timestamp, a changed body or path, and a missing signature', async () => {
    const body = JSON.stringify({ loginId: crypto.randomUUID(), userId: crypto.randomUUID() });
    const cases = [
      await signed(body, { secret: 'another-secret-of-at-least-32-characters!!' }),
      // Well outside the window: a slow machine may tick a second or two before the check.
      await signed(body, { timestamp: Math.floor(Date.now() / 1000) - STALE_BY }),
      await signed(body, { timestamp: Math.floor(Date.now() / 1000) + STALE_BY }),
      new Request('http://ingest.internal/internal/qr/start', { method: 'POST', body }),
    ];
    const tamperedBody = await signed(body);
    cases.push(new Request(tamperedBody.url, { method: 'POST', headers: tamperedBody.headers, body: body.replace(/.$/, ' }') }));
    const otherPath = await signed(body, { path: '/internal/qr/scan' });
    cases.push(new Request('http://ingest.internal/internal/qr/start', { method: 'POST', headers: otherPath.headers, body }));
    for (const request of cases) {
      const res = await ctx.ingest.fetch(request);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INTERNAL_SIGNATURE_INVALID');
    }
  });

  it('maps ingest errors back to the API error vocabulary, and an unreachable ingest to 503', async () => {
    const client = createSignedIngestClient({ secret: ctx.config.INTERNAL_SECRET, baseUrl: 'http://ingest.internal', fetch: ctx.ingest.fetch });
    await expect(client.startQrLogin({ loginId: crypto.randomUUID(), userId: crypto.randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const wrongSecret = createSignedIngestClient({ secret: 'x'.repeat(40), baseUrl: 'http://ingest.internal', fetch: ctx.ingest.fetch });
    await expect(wrongSecret.startQrLogin({ loginId: crypto.randomUUID(), userId: crypto.randomUUID() })).rejects.toMatchObject({ status: 503 });
    const down = createSignedIngestClient({ secret: ctx.config.INTERNAL_SECRET, baseUrl: 'http://127.0.0.1:9', fetch: (r) => fetch(r) });
    await expect(down.logoutAccount({ userId: crypto.randomUUID(), accountId: crypto.randomUUID() })).rejects.toMatchObject({ code: 'INGEST_UNAVAILABLE', status: 503 });
  });
});
