// Opens an account's MTProto session for a one-off call from the API (resolve a channel, log out):
// load the row scoped by its user, decrypt, connect, run, disconnect.
import { and, eq } from 'drizzle-orm';
import type { SessionCipher } from '../../core/crypto/session-cipher';
import { AppError, NotFoundError } from '../../core/errors';
import { tgAccounts } from '../../db/schema';
import type { Db } from '../../db/types';
import { TelegramFailure, type TelegramGateway, type TelegramSession } from '../gateway/port';

export interface AccountSessionDeps {
  db: Db;
  gateway: TelegramGateway;
  cipher: SessionCipher;
}

export async function withAccountSession<T>(
  deps: AccountSessionDeps,
  ref: { userId: string; accountId: string },
  run: (session: TelegramSession) => Promise<T>,
): Promise<T> {
  const [account] = await deps.db
    .select({ sessionCipher: tgAccounts.sessionCipher })
    .from(tgAccounts)
    .where(and(eq(tgAccounts.id, ref.accountId), eq(tgAccounts.userId, ref.userId)))
    .limit(1);
  if (!account) throw new NotFoundError('Telegram account', ref.accountId);
  if (!account.sessionCipher) throw new AppError('ACCOUNT_NEEDS_RELOGIN', 'This Telegram account has no session; connect it again by QR');
  const plaintext = await deps.cipher.decrypt(account.sessionCipher);
  let session: TelegramSession | null = null;
  try {
    session = await deps.gateway.connect(plaintext);
    return await run(session);
  } catch (error) {
    if (error instanceof TelegramFailure && error.reason === 'AUTH_REVOKED') {
      await deps.db
        .update(tgAccounts)
        .set({ status: 'needs_relogin', lastError: error.message, updatedAt: new Date() })
        .where(eq(tgAccounts.id, ref.accountId));
    }
    throw error;
  } finally {
    await session?.disconnect();
  }
}
