// The QR state machine of the ingest process through the sandbox gateway: authorize, 2FA with a
// wrong then right password, expiry, failures, interruption, and the plan limit at authorization.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionCipher } from '../../core/crypto/session-cipher';
import { createLogger } from '../../core/log';
import { qrLogins, tgAccounts } from '../../db/schema';
import type { QrLoginView } from '../../edge/views/qr-login';
import { TelegramFailure } from '../../ingest-container/gateway/port';
import { SandboxGateway } from '../../ingest-container/gateway/sandbox';
import { createSandboxChannels } from '../../ingest-container/gateway/sandbox/channels';
import { QrLoginManager } from '../../ingest-container/qr/manager';
import { asUser, createUser } from '../helpers/users';
import { createIngestTestContext, type IngestTestContext } from '../helpers/with-ingest';

let ctx: IngestTestContext;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  ctx = await createIngestTestContext({ SANDBOX_2FA_PASSWORD: PASSWORD });
});
afterAll(() => ctx.close());

const cipher = () => createSessionCipher(ctx.config.SESSION_KEYS);

function manager(options: Partial<ConstructorParameters<typeof SandboxGateway>[0]> = {}) {
  const gateway = new SandboxGateway({ qrDelayMs: 600_000, channels: createSandboxChannels(ctx.config), ...options });
  const qr = new QrLoginManager({ db: ctx.database.db, gateway, cipher: cipher(), log: createLogger({ level: 'error' }), stepTimeoutMs: 3000 });
  return { gateway, qr };
}

async function openAttempt(userId: string, ttlMs = 60_000) {
  const [row] = await ctx.database.db.insert(qrLogins).values({ userId, expiresAt: new Date(Date.now() + ttlMs) }).returning();
  return row.id;
}

const rowOf = async (loginId: string) => (await ctx.database.db.select().from(qrLogins).where(eq(qrLogins.id, loginId)))[0];

async function until(check: () => Promise<boolean>, ms = 3000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('QR state machine (sandbox gateway)', () => {
  it('PENDING with a QR → AUTHORIZED with an encrypted account when scanned after the delay', async () => {
    const { qr } = manager({ qrDelayMs: 100 });
    const userId = (await createUser(ctx)).id;
    const loginId = await openAttempt(userId);
    expect(await qr.start({ loginId, userId })).toBe('PENDING');
    expect((await rowOf(loginId)).qrUrl).toMatch(/^tg:\/\/login\?token=/);
    await until(async () => (await rowOf(loginId)).status === 'AUTHORIZED');
    const row = await rowOf(loginId);
    const [account] = await ctx.database.db.select().from(tgAccounts).where(eq(tgAccounts.id, row.accountId!));
    expect(account.userId).toBe(userId);
    expect(await cipher().decrypt(account.sessionCipher!)).toMatch(/^sandbox-session:/);
    expect(row.qrUrl).toBeNull();
  });

  it('PASSWORD_NEEDED → wrong password asks again → right password AUTHORIZED', async () => {
    const { qr } = manager({ password: 'secret' });
    const userId = (await createUser(ctx)).id;
    const loginId = await openAttempt(userId);
    await qr.start({ loginId, userId });
    expect(await qr.scanNow({ loginId, userId })).toBe('PASSWORD_NEEDED');
    expect(await rowOf(loginId)).toMatchObject({ passwordHint: 'sandbox', error: null, qrUrl: null });
    expect(await qr.submitPassword({ loginId, userId, password: 'nope' })).toBe('PASSWORD_NEEDED');
    expect((await rowOf(loginId)).error).toBe('PASSWORD_INVALID');
    expect(await qr.submitPassword({ loginId, userId, password: 'secret' })).toBe('AUTHORIZED');
  });

  it('EXPIRED when the attempt outlives its deadline', async () => {
    const { qr } = manager();
    const userId = (await createUser(ctx)).id;
    const loginId = await openAttempt(userId, 400);
    await qr.start({ loginId, userId });
    await until(async () => (await rowOf(loginId)).status === 'EXPIRED');
    expect(qr.liveCount).toBe(0);
    await expect(qr.start({ loginId, userId })).rejects.toMatchObject({ code: 'QR_LOGIN_NOT_PENDING' });
  });

  it('FAILED with the reason when Telegram refuses (flood wait, other errors)', async () => {
    for (const [failure, code] of [
      [new TelegramFailure('FLOOD_WAIT', 'wait', 30), 'FLOOD_WAIT'],
      [new TelegramFailure('TRANSIENT', 'boom'), 'TELEGRAM_ERROR'],
    ] as const) {
      const { qr } = manager({ failAfterScan: () => failure });
      const userId = (await createUser(ctx)).id;
      const loginId = await openAttempt(userId);
      await qr.start({ loginId, userId });
      expect(await qr.scanNow({ loginId, userId })).toBe('FAILED');
      expect((await rowOf(loginId)).error).toBe(code);
    }
  });

  it('FAILED INTERRUPTED on shutdown; a password for an attempt not live here is refused', async () => {
    const { qr } = manager();
    const userId = (await createUser(ctx)).id;
    const loginId = await openAttempt(userId);
    await qr.start({ loginId, userId });
    await qr.stop();
    expect(await rowOf(loginId)).toMatchObject({ status: 'FAILED', error: 'INTERRUPTED' });

    const orphan = await openAttempt(userId);
    await ctx.database.db.update(qrLogins).set({ status: 'PASSWORD_NEEDED' }).where(eq(qrLogins.id, orphan));
    await expect(manager().qr.submitPassword({ loginId: orphan, userId, password: 'x' })).rejects.toMatchObject({ code: 'QR_LOGIN_INTERRUPTED' });
    expect(await rowOf(orphan)).toMatchObject({ status: 'FAILED', error: 'INTERRUPTED' });
  });

  it('refuses a new account over the plan limit at authorization and logs its session out', async () => {
    const { qr, gateway } = manager();
    const userId = (await createUser(ctx)).id;
    await ctx.database.db.insert(tgAccounts).values({ userId, tgUserId: 123, sessionCipher: (await cipher().encrypt('x')).cipher, kver: 1 });
    const loginId = await openAttempt(userId);
    await qr.start({ loginId, userId });
    const connect = gateway.connect.bind(gateway);
    const sessions: string[] = [];
    gateway.connect = (session) => (sessions.push(session), connect(session));
    expect(await qr.scanNow({ loginId, userId })).toBe('FAILED');
    expect((await rowOf(loginId)).error).toBe('ACCOUNT_LIMIT_REACHED');
    expect(await ctx.database.db.select().from(tgAccounts).where(eq(tgAccounts.userId, userId))).toHaveLength(1);
    expect(sessions).toHaveLength(1);
    await expect(connect(sessions[0])).rejects.toMatchObject({ reason: 'AUTH_REVOKED' });
  });

  it("start() checks the attempt's owner", async () => {
    const { qr } = manager();
    const owner = (await createUser(ctx)).id;
    const other = (await createUser(ctx)).id;
    const loginId = await openAttempt(owner);
    await expect(qr.start({ loginId, userId: other })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await rowOf(loginId)).status).toBe('PENDING');
  });
});

describe('2FA through the API', () => {
  it('PASSWORD_NEEDED with a hint, 200 PASSWORD_NEEDED + password_invalid for a wrong one, AUTHORIZED for the right one; the password is never logged', async () => {
    const userId = (await createUser(ctx)).id;
    const req = async (path: string, init: RequestInit = {}) => {
      const res = await ctx.app.request(path, await asUser(ctx, userId, init));
      return { status: res.status, body: (await res.json()) as QrLoginView };
    };
    const opened = await req('/v1/auth/qr', { method: 'POST' });
    const id = opened.body.login_id;
    const scanned = await req(`/v1/auth/qr/${id}/scan`, { method: 'POST' });
    expect(scanned.body).toMatchObject({ status: 'PASSWORD_NEEDED', password_hint: 'sandbox', password_invalid: false, qr_png_b64: null });
    const wrong = await req(`/v1/auth/qr/${id}/password`, { method: 'POST', body: JSON.stringify({ password: 'wrong-guess-123' }) });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({ status: 'PASSWORD_NEEDED', password_invalid: true });
    const right = await req(`/v1/auth/qr/${id}/password`, { method: 'POST', body: JSON.stringify({ password: PASSWORD }) });
    expect(right.body.status).toBe('AUTHORIZED');
    expect(right.body.account?.tg_user_id).toBeGreaterThan(0);
    const logs = ctx.logs.join('\n');
    expect(logs).not.toContain(PASSWORD);
    expect(logs).not.toContain('wrong-guess-123');
  });
});
