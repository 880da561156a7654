// QR login attempts: the API opens one (within the user's limits), reads one and ends one; the
// ingest process's state machine (ingest-container/qr) records the code, the 2FA step and, once
// authorized, the account in tg_accounts (encrypted session only). Every write to an attempt is
// guarded by its current status, so a late event never overwrites a finished attempt.
import { and, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { LIVE_QR_STATUSES, MAX_CONCURRENT_QR_LOGINS, type QrFailureCode, type QrLoginStatus } from '../../core/accounts/qr-policy';
import type { EncryptedSession } from '../../core/crypto/session-cipher';
import { planLimits } from '../../core/plans';
import { channels, qrLogins, subscriptions, tgAccounts, users } from '../schema';
import { accountSlots } from './accounts';
import type { Db } from '../types';

export interface QrLoginRow {
  id: string;
  status: QrLoginStatus;
  qrUrl: string | null;
  qrExpiresAt: Date | null;
  passwordHint: string | null;
  error: string | null;
  expiresAt: Date;
  account: { id: string; tgUserId: number; username: string | null; firstName: string | null; phone: string | null } | null;
}

export type OpenQrLoginResult =
  | { ok: true; loginId: string }
  | { ok: false; reason: 'ACCOUNT_LIMIT'; limit: number }
  | { ok: false; reason: 'TOO_MANY_ATTEMPTS'; limit: number };

const isLive = () => inArray(qrLogins.status, [...LIVE_QR_STATUSES]);

/**
 * Opens an attempt unless the user already has the most live attempts allowed, or every account
 * slot of their plan is taken by a working account (a slot waiting for re-login may be reused).
 */
export async function openQrLogin(db: Db, input: { userId: string; accountLimit: number; ttlSeconds: number }): Promise<OpenQrLoginResult> {
  return db.transaction(async (tx) => {
    // Serialise a user's openings so concurrent requests cannot overshoot the limits.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).for('update');
    const slots = await accountSlots(tx, input.userId);
    if (slots.total >= input.accountLimit && slots.needingLogin === 0) return { ok: false, reason: 'ACCOUNT_LIMIT', limit: input.accountLimit } as const;
    const [live] = await tx
      .select({ n: count() })
      .from(qrLogins)
      .where(and(eq(qrLogins.userId, input.userId), isLive(), gt(qrLogins.expiresAt, sql`now()`)));
    if (live.n >= MAX_CONCURRENT_QR_LOGINS) return { ok: false, reason: 'TOO_MANY_ATTEMPTS', limit: MAX_CONCURRENT_QR_LOGINS } as const;
    const [row] = await tx
      .insert(qrLogins)
      .values({ userId: input.userId, status: 'PENDING', expiresAt: sql`now() + make_interval(secs => ${input.ttlSeconds})` })
      .returning({ id: qrLogins.id });
    return { ok: true, loginId: row.id } as const;
  });
}

export async function loadQrLogin(db: Db, userId: string, loginId: string): Promise<QrLoginRow | null> {
  const [row] = await db
    .select({
      id: qrLogins.id,
      status: qrLogins.status,
      qrUrl: qrLogins.qrUrl,
      qrExpiresAt: qrLogins.qrExpiresAt,
      passwordHint: qrLogins.passwordHint,
      error: qrLogins.error,
      expiresAt: qrLogins.expiresAt,
      accountId: tgAccounts.id,
      tgUserId: tgAccounts.tgUserId,
      username: tgAccounts.username,
      firstName: tgAccounts.firstName,
      phone: tgAccounts.phone,
    })
    .from(qrLogins)
    .leftJoin(tgAccounts, and(eq(tgAccounts.id, qrLogins.accountId), eq(tgAccounts.userId, qrLogins.userId)))
    .where(and(eq(qrLogins.id, loginId), eq(qrLogins.userId, userId)))
    .limit(1);
  if (!row) return null;
  const { accountId, tgUserId, username, firstName, phone, ...attempt } = row;
  return { ...attempt, account: accountId && tgUserId !== null ? { id: accountId, tgUserId, username, firstName, phone } : null };
}

/** Ends a live attempt; false when it had already ended (a finished attempt is never overwritten). */
export async function endQrLogin(db: Db, loginId: string, status: 'FAILED' | 'EXPIRED', error: QrFailureCode | null): Promise<boolean> {
  const rows = await db
    .update(qrLogins)
    .set({ status, error, qrUrl: null, qrExpiresAt: null, updatedAt: new Date() })
    .where(and(eq(qrLogins.id, loginId), isLive()))
    .returning({ id: qrLogins.id });
  return rows.length > 0;
}

// ── The ingest side: the live handshake's writes ────────────────────────────────────────────

export interface QrAttemptRow {
  id: string;
  userId: string;
  status: QrLoginStatus;
  expiresAt: Date;
}

/** An attempt's state, as the ingest's state machine checks it before each step. */
export async function qrLoginState(db: Db, loginId: string, userId: string): Promise<QrAttemptRow | null> {
  const [row] = await db
    .select({ id: qrLogins.id, userId: qrLogins.userId, status: qrLogins.status, expiresAt: qrLogins.expiresAt })
    .from(qrLogins)
    .where(and(eq(qrLogins.id, loginId), eq(qrLogins.userId, userId)))
    .limit(1);
  return row ?? null;
}

export async function recordQrCode(db: Db, loginId: string, url: string, expiresAt: Date) {
  await db
    .update(qrLogins)
    .set({ qrUrl: url, qrExpiresAt: expiresAt, updatedAt: new Date() })
    .where(and(eq(qrLogins.id, loginId), eq(qrLogins.status, 'PENDING')));
}

export async function recordPasswordNeeded(db: Db, loginId: string, hint: string | null, previousWasWrong: boolean) {
  await db
    .update(qrLogins)
    .set({
      status: 'PASSWORD_NEEDED',
      passwordHint: hint,
      error: previousWasWrong ? ('PASSWORD_INVALID' satisfies QrFailureCode) : null,
      qrUrl: null,
      qrExpiresAt: null,
      updatedAt: new Date(),
    })
    .where(and(eq(qrLogins.id, loginId), isLive()));
}

/** The Telegram account an attempt signed in (the gateway's TelegramUser). */
export interface QrLoginTelegramUser {
  id: number;
  username: string | null;
  firstName: string | null;
  phone: string | null;
}

export type AuthorizeOutcome = { ok: true; accountId: string; isNew: boolean } | { ok: false; reason: 'ACCOUNT_LIMIT_REACHED' | 'ATTEMPT_ENDED' };

/**
 * In one transaction: the plan's account limit (a new Telegram account only), the account upsert
 * (the same Telegram account again updates its row), and the attempt marked AUTHORIZED.
 */
export async function authorizeQrLogin(
  db: Db,
  input: { loginId: string; userId: string; user: QrLoginTelegramUser; encrypted: EncryptedSession; isSandbox: boolean },
): Promise<AuthorizeOutcome> {
  return db.transaction(async (tx) => {
    // Lock the user row: two attempts finishing at once cannot both slip under the limit.
    const [owner] = await tx.select({ plan: users.plan }).from(users).where(eq(users.id, input.userId)).for('update');
    const [attempt] = await tx
      .select({ status: qrLogins.status })
      .from(qrLogins)
      .where(and(eq(qrLogins.id, input.loginId), eq(qrLogins.userId, input.userId)))
      .for('update');
    if (!owner || !attempt || !LIVE_QR_STATUSES.includes(attempt.status)) return { ok: false, reason: 'ATTEMPT_ENDED' } as const;

    const [existing] = await tx
      .select({ id: tgAccounts.id })
      .from(tgAccounts)
      .where(and(eq(tgAccounts.userId, input.userId), eq(tgAccounts.tgUserId, input.user.id)));
    if (!existing) {
      const [{ total }] = await tx.select({ total: count() }).from(tgAccounts).where(eq(tgAccounts.userId, input.userId));
      if (total >= planLimits(owner.plan).accounts) return { ok: false, reason: 'ACCOUNT_LIMIT_REACHED' } as const;
    }

    const profile = {
      username: input.user.username,
      firstName: input.user.firstName,
      phone: input.user.phone,
      sessionCipher: input.encrypted.cipher,
      kver: input.encrypted.kver,
      isActive: true,
      status: 'active' as const,
      floodWaitUntil: null,
      lastError: null,
      isSandbox: input.isSandbox,
      updatedAt: new Date(),
    };
    const [account] = await tx
      .insert(tgAccounts)
      .values({ userId: input.userId, tgUserId: input.user.id, ...profile })
      .onConflictDoUpdate({ target: [tgAccounts.userId, tgAccounts.tgUserId], set: profile })
      .returning({ id: tgAccounts.id });

    // Public channels that became unreadable when an account was removed are readable again.
    await tx
      .update(subscriptions)
      .set({ accessible: true, inaccessibleReason: null })
      .where(
        and(
          eq(subscriptions.userId, input.userId),
          eq(subscriptions.inaccessibleReason, 'account_removed'),
          inArray(subscriptions.channelId, tx.select({ id: channels.id }).from(channels).where(eq(channels.visibility, 'public'))),
        ),
      );

    await tx
      .update(qrLogins)
      .set({ status: 'AUTHORIZED', accountId: account.id, error: null, qrUrl: null, qrExpiresAt: null, passwordHint: null, updatedAt: sql`now()` })
      .where(eq(qrLogins.id, input.loginId));
    return { ok: true, accountId: account.id, isNew: !existing } as const;
  });
}
