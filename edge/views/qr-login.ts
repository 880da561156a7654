// How a QR login attempt is shown to its user: status, the current QR as a PNG while it waits for
// a scan, the 2FA hint, the connected account, or why it ended.
import { telegramGatewayKind, type GatewayKind } from '../../core/accounts/gateway-kind';
import { maskPhone } from '../../core/accounts/phone';
import { visibleQrStatus, type QrLoginStatus } from '../../core/accounts/qr-policy';
import type { QrLoginRow } from '../../db/queries/qr-logins';
import { qrPngBytes } from '../qr-png';
import { bytesToBase64 } from '../../core/crypto/base64';

export interface QrLoginView {
  login_id: string;
  status: QrLoginStatus;
  qr_png_b64: string | null;
  qr_expires_at: string | null;
  expires_at: string;
  password_hint: string | null;
  /** The last password was wrong (status stays PASSWORD_NEEDED). */
  password_invalid: boolean;
  account: { id: string; tg_user_id: number; username: string | null; first_name: string | null; phone_masked: string | null } | null;
  error: { code: string; message: string } | null;
  gateway: GatewayKind;
}

const failureMessages: Record<string, string> = {
  ACCOUNT_LIMIT_REACHED: 'Your plan has no free slot for another Telegram account; remove one or upgrade',
  INTERRUPTED: 'The connection to Telegram was interrupted; start again',
  FLOOD_WAIT: 'Telegram asked us to slow down; try again in a few minutes',
  TELEGRAM_ERROR: 'Telegram did not complete the login; try again',
};

async function qrPng(url: string): Promise<string> {
  return bytesToBase64(await qrPngBytes(url));
}

export async function qrLoginView(row: QrLoginRow, now: Date, config: { TELEGRAM_API_ID: number; TELEGRAM_API_HASH?: string }): Promise<QrLoginView> {
  const status = visibleQrStatus(row, now);
  const showQr = status === 'PENDING' && row.qrUrl !== null;
  const ended = status === 'FAILED' && row.error;
  return {
    login_id: row.id,
    status,
    qr_png_b64: showQr ? await qrPng(row.qrUrl!) : null,
    qr_expires_at: showQr && row.qrExpiresAt ? row.qrExpiresAt.toISOString() : null,
    expires_at: row.expiresAt.toISOString(),
    password_hint: status === 'PASSWORD_NEEDED' ? row.passwordHint : null,
    password_invalid: status === 'PASSWORD_NEEDED' && row.error === 'PASSWORD_INVALID',
    account:
      status === 'AUTHORIZED' && row.account
        ? {
            id: row.account.id,
            tg_user_id: row.account.tgUserId,
            username: row.account.username,
            first_name: row.account.firstName,
            phone_masked: maskPhone(row.account.phone),
          }
        : null,
    error: ended ? { code: row.error!, message: failureMessages[row.error!] ?? 'The login did not complete; try again' } : null,
    gateway: telegramGatewayKind(config),
  };
}
