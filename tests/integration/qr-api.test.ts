// Connecting a Telegram account by QR through the API, with the ingest service on the same
// database (sandbox gateway) behind the signed internal channel.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionCipher } from '../../core/crypto/session-cipher';
import { qrLogins, tgAccounts, users } from '../../db/schema';
import type { QrLoginView } from '../../edge/views/qr-login';
import { SANDBOX_USER } from '../../ingest-container/gateway/sandbox';
import { createIngestTestContext, type IngestTestContext } from '../helpers/with-ingest';
import { asUser, createUser } from '../helpers/users';

let ctx: IngestTestContext;
const responses: string[] = [];

async function call(userId: string, path: string, init: RequestInit = {}) {
  const res = await ctx.app.request(path, await asUser(ctx, userId, init));
  const text = await res.text();
  responses.push(text);
  return { status: res.status, body: JSON.parse(text) as QrLoginView & { error: { code: string; message: string; details?: Record<string, unknown> } } };
}

const open = (userId: string) => call(userId, '/v1/auth/qr', { method: 'POST' });
const scan = (userId: string, loginId: string) => call(userId, `/v1/auth/qr/${loginId}/scan`, { method: 'POST' });

beforeAll(async () => {
  ctx = await createIngestTestContext();
});
afterAll(() => ctx.close());

describe('POST /v1/auth/qr → scan → AUTHORIZED', () => {
  let userId: string;
  let loginId: string;

  it('opens an attempt with the first QR as a PNG', async () => {
    userId = (await createUser(ctx)).id;
    const { status, body } = await open(userId);
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: 'PENDING', gateway: 'sandbox', account: null, error: null });
    expect(body.login_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Buffer.from(body.qr_png_b64!, 'base64').subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(new Date(body.expires_at).getTime()).toBeGreaterThan(Date.now() + 60_000);
    loginId = body.login_id;
    const [row] = await ctx.database.db.select().from(qrLogins).where(eq(qrLogins.id, loginId));
    expect(row.qrUrl).toMatch(/^tg:\/\/login\?token=/);
  });

  it('polls PENDING with the same QR until it is scanned', async () => {
    const first = await call(userId, `/v1/auth/qr/${loginId}`);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('PENDING');
    expect(first.body.qr_png_b64).toBeTruthy();
  });

  it('authorizes on scan, stores only the encrypted session, and shows the account', async () => {
    const { status, body } = await scan(userId, loginId);
    expect(status).toBe(200);
    expect(body.status).toBe('AUTHORIZED');
    expect(body.qr_png_b64).toBeNull();
    expect(body.account).toMatchObject({ tg_user_id: SANDBOX_USER.id, username: SANDBOX_USER.username, phone_masked: '+7 *** ***-00-01' });

    const [account] = await ctx.database.db.select().from(tgAccounts).where(eq(tgAccounts.userId, userId));
    expect(account).toMatchObject({ id: body.account!.id, isActive: true, status: 'active', isSandbox: true, kver: 1 });
    const plaintext = await createSessionCipher(ctx.config.SESSION_KEYS).decrypt(account.sessionCipher!);
    expect(plaintext).toMatch(/^sandbox-session:v1:/);
    // The plaintext session never left the ingest side: not in any response, not in any log line.
    expect(responses.join('\n')).not.toContain(plaintext);
    expect(ctx.logs.join('\n')).not.toContain(plaintext);
    expect(ctx.logs.join('\n')).not.toContain(account.sessionCipher!);

    const list = await call(userId, '/v1/accounts');
    expect((list.body as unknown as { accounts: { id: string; status: string }[] }).accounts).toEqual([
      expect.objectContaining({ id: account.id, status: 'active', channel_count: 0, is_sandbox: true }),
    ]);
  });

  it('connecting the same Telegram account again updates its row', async () => {
    await ctx.database.db.update(users).set({ plan: 'pro' }).where(eq(users.id, userId));
    const [before] = await ctx.database.db.select().from(tgAccounts).where(eq(tgAccounts.userId, userId));
    await ctx.database.db.update(tgAccounts).set({ status: 'needs_relogin' }).where(eq(tgAccounts.id, before.id));
    const again = await open(userId);
    const done = await scan(userId, again.body.login_id);
    expect(done.body.status).toBe('AUTHORIZED');
    const rows = await ctx.database.db.select().from(tgAccounts).where(eq(tgAccounts.userId, userId));
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(before.id);
    expect(rows[0].status).toBe('active');
    expect(rows[0].sessionCipher).not.toBe(before.sessionCipher);
  });
});

describe('limits', () => {
  it('answers 429 QUOTA_EXCEEDED naming the accounts limit when the plan slot is taken', async () => {
    const userId = (await createUser(ctx)).id;
    const first = await open(userId);
    await scan(userId, first.body.login_id);
    const { status, body } = await open(userId);
    expect(status).toBe(429);
    expect(body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { limit: 'accounts', max: 1, plan: 'free' } });
  });

  it('allows at most 3 open attempts at once', async () => {
    const userId = (await createUser(ctx, { plan: 'pro' })).id;
    for (let i = 0; i < 3; i++) expect((await open(userId)).status).toBe(201);
    const fourth = await open(userId);
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('TOO_MANY_QR_LOGINS');
  });
});

describe('contract errors', () => {
  it('401 without a session, 400 naming a malformed id or a missing password, 404 for an unknown attempt', async () => {
    expect((await ctx.app.request(`/v1/auth/qr/${crypto.randomUUID()}`)).status).toBe(401);
    expect((await ctx.app.request('/v1/accounts')).status).toBe(401);
    const userId = (await createUser(ctx)).id;
    const bad = await call(userId, '/v1/auth/qr/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('loginId');
    const unknown = await call(userId, `/v1/auth/qr/${crypto.randomUUID()}`);
    expect(unknown.status).toBe(404);
    const { body } = await open(userId);
    const noPassword = await call(userId, `/v1/auth/qr/${body.login_id}/password`, { method: 'POST', body: JSON.stringify({}) });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.error.message).toContain('password');
    const notExpected = await call(userId, `/v1/auth/qr/${body.login_id}/password`, { method: 'POST', body: JSON.stringify({ password: 'x' }) });
    expect(notExpected.status).toBe(409);
    expect(notExpected.body.error.code).toBe('PASSWORD_NOT_EXPECTED');
  });

  it("another user's attempt is a 404 for every route, and stays untouched", async () => {
    const owner = (await createUser(ctx)).id;
    const other = (await createUser(ctx)).id;
    const { body } = await open(owner);
    for (const [path, method, payload] of [
      [`/v1/auth/qr/${body.login_id}`, 'GET', undefined],
      [`/v1/auth/qr/${body.login_id}/scan`, 'POST', undefined],
      [`/v1/auth/qr/${body.login_id}/password`, 'POST', JSON.stringify({ password: 'x' })],
    ] as const) {
      const res = await call(other, path, { method, body: payload });
      expect(res.status, path).toBe(404);
    }
    expect((await call(owner, `/v1/auth/qr/${body.login_id}`)).body.status).toBe('PENDING');
  });

  it('503 INGEST_UNAVAILABLE when the ingest service is not wired', async () => {
    const { createApp } = await import('../../edge/app');
    const app = createApp({ ...ctx.services, ingest: undefined });
    const userId = (await createUser(ctx)).id;
    const res = await app.request('/v1/auth/qr', await asUser(ctx, userId, { method: 'POST' }));
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INGEST_UNAVAILABLE');
  });
});
