// gramjs errors → the gateway's TelegramFailure, so the service paces and retries on one vocabulary.
import { errors } from 'telegram';
import { TelegramFailure } from '../port';

const AUTH_REVOKED = new Set([
  'AUTH_KEY_UNREGISTERED',
  'AUTH_KEY_INVALID',
  'AUTH_KEY_DUPLICATED',
  'SESSION_REVOKED',
  'SESSION_EXPIRED',
  'USER_DEACTIVATED',
  'USER_DEACTIVATED_BAN',
]);

const BY_MESSAGE: Record<string, TelegramFailure['reason']> = {
  CHANNEL_PRIVATE: 'CHANNEL_PRIVATE',
  CHANNEL_INVALID: 'CHANNEL_PRIVATE',
  CHANNEL_PUBLIC_GROUP_NA: 'CHANNEL_BANNED',
  USER_BANNED_IN_CHANNEL: 'CHANNEL_BANNED',
  USERNAME_NOT_OCCUPIED: 'USERNAME_NOT_OCCUPIED',
  USERNAME_INVALID: 'USERNAME_NOT_OCCUPIED',
  INVITE_HASH_INVALID: 'INVITE_INVALID',
  INVITE_HASH_EXPIRED: 'INVITE_INVALID',
  INVITE_HASH_EMPTY: 'INVITE_INVALID',
  PASSWORD_HASH_INVALID: 'PASSWORD_INVALID',
};

export function rpcErrorMessage(error: unknown): string | null {
  return error instanceof errors.RPCError ? error.errorMessage : null;
}

/** Maps any error thrown by gramjs; a TelegramFailure passes through unchanged. */
export function toTelegramFailure(error: unknown): TelegramFailure {
  if (error instanceof TelegramFailure) return error;
  if (error instanceof errors.FloodWaitError || error instanceof errors.SlowModeWaitError) {
    return new TelegramFailure('FLOOD_WAIT', `Telegram asked to wait ${error.seconds} s`, error.seconds);
  }
  const message = rpcErrorMessage(error);
  if (message) {
    if (AUTH_REVOKED.has(message)) return new TelegramFailure('AUTH_REVOKED', `Telegram ended the session (${message})`);
    const reason = BY_MESSAGE[message];
    if (reason) return new TelegramFailure(reason, `Telegram refused: ${message}`);
    return new TelegramFailure('TRANSIENT', `Telegram error ${message}`);
  }
  return new TelegramFailure('TRANSIENT', error instanceof Error ? error.message : String(error));
}
