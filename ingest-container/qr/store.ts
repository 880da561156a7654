// What the QR state machine writes: the attempt's row in qr_logins and, once authorized, the
// account in tg_accounts (encrypted session only). Every write to an attempt is guarded by its
// current status, so a late event never overwrites a finished attempt.
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { LIVE_QR_STATUSES, type QrFailureCode, type QrLoginStatus } from '../../core/accounts/qr-policy';
import type { EncryptedSession } from '../../core/crypto/session-cipher';
import { planLimits } from '../../core/plans';
import { channels, qrLogins, subscriptions, tgAccounts, users } from '../../db/schema';
import type { Db } from '../../db/types';
import type { TelegramUser } from '../gateway/port';

export interface QrAttemptRow {
  id: string;
  userId: string;
  status: QrLoginStatus;
  expiresAt: Date;
}

const isLive = () => inArray(qrLogins.status, [...LIVE_QR_STATUSES]);

export { endQrLogin as finishAttempt } from '../../db/queries/qr-logins';

export async function loadAttempt(db: Db, loginId: string, userId: string): Promise<QrAttemptRow | null> {
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

export type AuthorizeOutcome = { ok: true; accountId: string; isNew: boolean } | { ok: false; reason: 'ACCOUNT_LIMIT_REACHED' | 'ATTEMPT_ENDED' };

/**
 * In one transaction: the plan's account limit (a new Telegram account only), the account upsert
 * (the same Telegram account again updates its row), and the attempt marked AUTHORIZED.
 */
export async function authorizeAttempt(
  db: Db,
  input: { loginId: string; userId: string; user: TelegramUser; encrypted: EncryptedSession; isSandbox: boolean },
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
