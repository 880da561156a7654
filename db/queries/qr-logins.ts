// QR login attempts as the API sees them: open one (within the user's limits), read one, end one.
// The live handshake itself runs in the ingest process (ingest-container/qr).
import { and, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { LIVE_QR_STATUSES, MAX_CONCURRENT_QR_LOGINS, type QrFailureCode, type QrLoginStatus } from '../../core/accounts/qr-policy';
import { qrLogins, tgAccounts, users } from '../schema';
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
