// GET /v1/accounts and DELETE /v1/accounts/:id, with the ingest service (sandbox) behind them;
// and the key rotation script over the same stored sessions.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionCipher } from '../../core/crypto/session-cipher';
import { createLogger } from '../../core/log';
import { accountChannelState, channels, subscriptions, tgAccounts } from '../../db/schema';
import type { AccountView } from '../../edge/routes/accounts';
import type { QrLoginView } from '../../edge/views/qr-login';
import { rotateSessionKeys } from '../../scripts/rotate-session-keys';
import { asUser, createUser } from '../helpers/users';
import { createIngestTestContext, type IngestTestContext } from '../helpers/with-ingest';

let ctx: IngestTestContext;
beforeAll(async () => {
  ctx = await createIngestTestContext();
});
afterAll(() => ctx.close());

async function req<T>(userId: string, path: string, init: RequestInit = {}) {
  const res = await ctx.app.request(path, await asUser(ctx, userId, init));
  return { status: res.status, body: (await res.json()) as T };
}

/** Connects the sandbox account by QR through the API; returns its account id. */
async function connectByQr(userId: string): Promise<string> {
  const opened = await req<QrLoginView>(userId, '/v1/auth/qr', { method: 'POST' });
  const done = await req<QrLoginView>(userId, `/v1/auth/qr/${opened.body.login_id}/scan`, { method: 'POST' });
  expect(done.body.status).toBe('AUTHORIZED');
  return done.body.account!.id;
}

let channelSeq = 9_100_000;
async function channel(visibility: 'public' | 'private') {
  const n = channelSeq++;
  const [row] = await ctx.database.db
    .insert(channels)
    .values({ tgChannelId: n, username: visibility === 'public' ? `pub${n}` : null, inviteHash: visibility === 'private' ? `inv${n}` : null, title: `Channel ${n}`, visibility })
    .returning();
  return row.id;
}

describe('accounts', () => {
  it('lists accounts with masked phone, effective status, channel count; deleting one logs out and marks what no other account can read', async () => {
    const user = await createUser(ctx, { plan: 'pro' });
    const sandboxAccount = await connectByQr(user.id);
    const cipher = createSessionCipher(ctx.config.SESSION_KEYS);
    const [second] = await ctx.database.db
      .insert(tgAccounts)
      .values({
        userId: user.id,
        tgUserId: 555,
        username: 'second',
        phone: '+447700900123',
        sessionCipher: (await cipher.encrypt('sandbox-session:v1:555:x')).cipher,
        kver: 1,
        status: 'flood_wait',
        floodWaitUntil: new Date(Date.now() + 3_600_000),
        lastSyncedAt: new Date('2025-01-01T10:00:00Z'),
      })
      .returning();

    const pub = await channel('public');
    const privFirst = await channel('private');
    const privSecond = await channel('private');
    for (const channelId of [pub, privFirst, privSecond]) await ctx.database.db.insert(subscriptions).values({ userId: user.id, channelId });
    await ctx.database.db.insert(accountChannelState).values([
      { accountId: sandboxAccount, channelId: pub },
      { accountId: sandboxAccount, channelId: privFirst },
      { accountId: second.id, channelId: privSecond },
    ]);

    const listed = await req<{ accounts: AccountView[]; gateway: string }>(user.id, '/v1/accounts');
    expect(listed.status).toBe(200);
    expect(listed.body.gateway).toBe('sandbox');
    const byId = new Map(listed.body.accounts.map((a) => [a.id, a]));
    expect(byId.get(sandboxAccount)).toMatchObject({ status: 'active', channel_count: 2, phone_masked: '+7 *** ***-00-01', flood_wait_until: null });
    expect(byId.get(second.id)).toMatchObject({
      status: 'flood_wait',
      channel_count: 1,
      phone_masked: '+44 *** ***-01-23',
      last_synced_at: '2025-01-01T10:00:00.000Z',
    });
    expect(byId.get(second.id)!.flood_wait_until).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toMatch(/session|cipher|7700900123/);

    const [stored] = await ctx.database.db.select().from(tgAccounts).where(eq(tgAccounts.id, sandboxAccount));
    const plaintext = await cipher.decrypt(stored.sessionCipher!);

    const removed = await req<{ deleted: boolean; logged_out: boolean; inaccessible_channel_ids: number[] }>(user.id, `/v1/accounts/${sandboxAccount}`, {
      method: 'DELETE',
    });
    expect(removed.status).toBe(200);
    // The other account still reads the public channel and its own private one.
    expect(removed.body).toEqual({ deleted: true, logged_out: true, inaccessible_channel_ids: [privFirst] });
    expect(await ctx.database.db.select().from(tgAccounts).where(eq(tgAccounts.id, sandboxAccount))).toHaveLength(0);
    // Logged out at "Telegram": the session no longer opens.
    await expect(ctx.ingest.gateway.connect(plaintext)).rejects.toMatchObject({ reason: 'AUTH_REVOKED' });
    const subs = await ctx.database.db.select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(Object.fromEntries(subs.map((s) => [s.channelId, [s.accessible, s.inaccessibleReason]]))).toEqual({
      [pub]: [true, null],
      [privFirst]: [false, 'account_removed'],
      [privSecond]: [true, null],
    });

    const last = await req<{ inaccessible_channel_ids: number[] }>(user.id, `/v1/accounts/${second.id}`, { method: 'DELETE' });
    expect(last.body.inaccessible_channel_ids.sort()).toEqual([pub, privSecond].sort());
    expect((await req<{ accounts: unknown[] }>(user.id, '/v1/accounts')).body.accounts).toEqual([]);

    // Connecting again makes the public channel readable again; the private one waits for ingest to confirm access.
    await connectByQr(user.id);
    const after = await ctx.database.db.select().from(subscriptions).where(and(eq(subscriptions.userId, user.id), eq(subscriptions.channelId, pub)));
    expect(after[0]).toMatchObject({ accessible: true, inaccessibleReason: null });
  });

  it("another user's account is a 404 and stays; a malformed id is a 400", async () => {
    const owner = await createUser(ctx);
    const other = await createUser(ctx);
    const accountId = await connectByQr(owner.id);
    const res = await req<{ error: { code: string } }>(other.id, `/v1/accounts/${accountId}`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect((await req<{ accounts: unknown[] }>(other.id, '/v1/accounts')).body.accounts).toEqual([]);
    expect(await ctx.database.db.select().from(tgAccounts).where(eq(tgAccounts.id, accountId))).toHaveLength(1);
    expect((await req(other.id, '/v1/accounts/123', { method: 'DELETE' })).status).toBe(400);
  });

  it('removes the account even when the logout at Telegram fails', async () => {
    const user = await createUser(ctx);
    const accountId = await connectByQr(user.id);
    const { createApp } = await import('../../edge/app');
    const failing = { ...ctx.services.ingest!, logoutAccount: () => Promise.reject(new Error('network down')) };
    const app = createApp({ ...ctx.services, ingest: failing });
    const res = await app.request(`/v1/accounts/${accountId}`, await asUser(ctx, user.id, { method: 'DELETE' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ deleted: true, logged_out: false });
  });
});

describe('npm run rotate-session-keys', () => {
  it('re-encrypts every session under the newest key, is idempotent, and leaves undecryptable rows alone', async () => {
    const user = await createUser(ctx, { plan: 'enterprise' });
    const key1 = ctx.config.SESSION_KEYS[0];
    const key2 = { version: 2, key: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))) };
    const v1 = createSessionCipher([key1]);
    const both = createSessionCipher([key1, key2]);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const sealed = await v1.encrypt(`session-${i}`);
      const [row] = await ctx.database.db.insert(tgAccounts).values({ userId: user.id, tgUserId: 8000 + i, sessionCipher: sealed.cipher, kver: sealed.kver }).returning();
      ids.push(row.id);
    }
    const alien = await createSessionCipher([{ version: 9, key: key2.key }]).encrypt('unknown');
    await ctx.database.db.insert(tgAccounts).values({ userId: user.id, tgUserId: 8999, sessionCipher: alien.cipher, kver: 9 });

    const log = createLogger({ level: 'error', sink: () => undefined });
    const first = await rotateSessionKeys(ctx.database.db, both, log, 2);
    expect(first.failed).toHaveLength(1);
    expect(first.failed[0].reason).toContain('SESSION_KEY_9');
    const mine = await ctx.database.db.select().from(tgAccounts).where(eq(tgAccounts.userId, user.id));
    for (const [i, id] of ids.entries()) {
      const row = mine.find((r) => r.id === id)!;
      expect(row.kver).toBe(2);
      expect(row.sessionCipher).toMatch(/^v2:/);
      expect(await createSessionCipher([key2]).decrypt(row.sessionCipher!)).toBe(`session-${i}`);
    }
    expect(first.rotated).toBeGreaterThanOrEqual(5);
    const again = await rotateSessionKeys(ctx.database.db, both, log);
    expect(again.rotated).toBe(0);
  });
});
