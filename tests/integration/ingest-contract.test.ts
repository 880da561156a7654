// The API ↔ ingest contract (core/ingest-contract.ts) checked on the API side: an answer outside
// it is refused by the signed client with a clear 503, never cast; through the real ingest app,
// answers conform and a Telegram failure keeps its one mapping.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, errorStatus } from '../../core/errors';
import { ingestCalls, telegramFailureAnswer, TELEGRAM_FAILURE_REASONS } from '../../core/ingest-contract';
import { qrLogins } from '../../db/schema';
import { createApp } from '../../edge/app';
import { createSignedIngestClient } from '../../edge/adapters/ingest/signed-client';
import { asUser, createUser } from '../helpers/users';
import { createIngestTestContext, type IngestTestContext } from '../helpers/with-ingest';

let ctx: IngestTestContext;
beforeAll(async () => {
  ctx = await createIngestTestContext();
});
afterAll(() => ctx.close());

/** A client whose ingest service answers every call with this status and body. */
function answering(status: number, body: string) {
  const paths: string[] = [];
  const client = createSignedIngestClient({
    secret: ctx.config.INTERNAL_SECRET,
    baseUrl: 'http://ingest.internal',
    fetch: async (request) => {
      paths.push(new URL(request.url).pathname);
      return new Response(body, { status, headers: { 'content-type': 'application/json' } });
    },
  });
  return { client, paths };
}

const account = () => ({ userId: crypto.randomUUID(), accountId: crypto.randomUUID() });

describe('the signed client checks answers against the contract', () => {
  it('refuses a resolve answer with a missing or mistyped field: 503 INGEST_FAILED naming the call and the fields', async () => {
    const { client } = answering(200, JSON.stringify({ tgChannelId: 'one', accessHash: 'h', username: null, about: null, visibility: 'public', participantsCount: null }));
    const error = await client.resolveChannel({ ...account(), reference: { kind: 'username', username: 'durov' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INGEST_FAILED', status: 503, details: { call: '/internal/channels/resolve' } });
    expect((error as AppError).message).toMatch(/outside the internal contract/);
    expect((error as AppError).message).toMatch(/tgChannelId/);
    expect((error as AppError).message).toMatch(/title/);
  });

  it('refuses a body that is not JSON, and a QR status outside the list', async () => {
    await expect(answering(200, '<html>proxy</html>').client.logoutAccount(account())).rejects.toMatchObject({ code: 'INGEST_FAILED', message: expect.stringMatching(/not JSON/) });
    await expect(answering(200, JSON.stringify({ loggedOut: 'yes' })).client.logoutAccount(account())).rejects.toMatchObject({ code: 'INGEST_FAILED' });
    await expect(answering(200, JSON.stringify({ status: 'DONE' })).client.startQrLogin({ loginId: crypto.randomUUID(), userId: crypto.randomUUID() })).rejects.toMatchObject({
      code: 'INGEST_FAILED',
      details: { call: '/internal/qr/start' },
    });
  });

  it('accepts a conforming answer, dropping fields the contract does not name', async () => {
    const channel = { tgChannelId: 1234567, accessHash: 'h', username: 'durov', title: 'Durov', about: null, visibility: 'public', participantsCount: 10 };
    const { client, paths } = answering(200, JSON.stringify({ ...channel, secret: 'never passed on' }));
    expect(await client.resolveChannel({ ...account(), reference: { kind: 'username', username: 'durov' } })).toEqual(channel);
    expect(paths).toEqual([ingestCalls.channelResolve.path]);
  });

  it('an error body outside the error shape is reported by status, not trusted', async () => {
    await expect(answering(404, JSON.stringify({ error: 'nope' })).client.logoutAccount(account())).rejects.toMatchObject({ code: 'INGEST_FAILED' });
    await expect(answering(403, JSON.stringify({ error: { code: 'CHANNEL_PRIVATE', message: 'not a member' } })).client.logoutAccount(account())).rejects.toMatchObject({ code: 'CHANNEL_PRIVATE' });
  });

  it('a malformed QR start answer fails POST /v1/auth/qr with 503 INGEST_FAILED and ends the attempt', async () => {
    const app = createApp({ ...ctx.services, ingest: answering(200, JSON.stringify({ status: 42 })).client });
    const userId = (await createUser(ctx)).id;
    const res = await app.request('/v1/auth/qr', await asUser(ctx, userId, { method: 'POST' }));
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe('INGEST_FAILED');
    const rows = await ctx.database.db.select({ status: qrLogins.status, error: qrLogins.error }).from(qrLogins).where(eq(qrLogins.userId, userId));
    expect(rows).toEqual([{ status: 'FAILED', error: 'INTERRUPTED' }]);
  });
});

describe('the ingest app speaks the contract', () => {
  it('answers a QR start with a status the contract accepts', async () => {
    const client = createSignedIngestClient({ secret: ctx.config.INTERNAL_SECRET, baseUrl: 'http://ingest.internal', fetch: ctx.ingest.fetch });
    const userId = (await createUser(ctx)).id;
    const res = await ctx.app.request('/v1/auth/qr', await asUser(ctx, userId, { method: 'POST' }));
    expect(res.status).toBe(201);
    // The attempt is live now: starting it again answers its current status through the same schema.
    const { login_id: loginId } = (await res.json()) as { login_id: string };
    await expect(client.startQrLogin({ loginId, userId })).resolves.toBeUndefined();
  });

  it('every Telegram failure answers one code whose status is the code’s own', () => {
    for (const reason of TELEGRAM_FAILURE_REASONS) {
      const { status, body } = telegramFailureAnswer(reason, 'm');
      expect(status, reason).toBe(errorStatus[body.error.code]);
    }
    expect(telegramFailureAnswer('FLOOD_WAIT', 'wait', 30)).toEqual({
      status: 429,
      retryAfter: '30',
      body: { error: { code: 'TELEGRAM_FLOOD_WAIT', message: 'wait', details: { seconds: 30 } } },
    });
    expect(telegramFailureAnswer('AUTH_REVOKED', 'gone').body.error.code).toBe('ACCOUNT_NEEDS_RELOGIN');
  });
});
