// Opens an account's MTProto session for a one-off call from the API (resolve a channel, log out):
// load the row scoped by its user, decrypt, connect, run, disconnect.
import type { SessionCipher } from '../../core/crypto/session-cipher';
import { AppError, NotFoundError } from '../../core/errors';
import { accountSessionCipher, markNeedsRelogin } from '../../db/queries/accounts';
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
  const account = await accountSessionCipher(deps.db, ref.userId, ref.accountId);
  if (!account) throw new NotFoundError('Telegram account', ref.accountId);
  if (!account.sessionCipher) throw new AppError('ACCOUNT_NEEDS_RELOGIN', 'This Telegram account has no session; connect it again by QR');
  const plaintext = await deps.cipher.decrypt(account.sessionCipher);
  let session: TelegramSession | null = null;
  try {
    session = await deps.gateway.connect(plaintext);
    return await run(session);
  } catch (error) {
    if (error instanceof TelegramFailure && error.reason === 'AUTH_REVOKED') {
      await markNeedsRelogin(deps.db, ref.accountId, error.message);
    }
    throw error;
  } finally {
    await session?.disconnect();
  }
}
