// The rules of QR login attempts, shared by the API (which opens them) and ingest (which runs them).
/** Attempts a user may have open at once. */
export const MAX_CONCURRENT_QR_LOGINS = 3;

export const QR_LOGIN_STATUSES = ['PENDING', 'PASSWORD_NEEDED', 'AUTHORIZED', 'FAILED', 'EXPIRED'] as const;
export type QrLoginStatus = (typeof QR_LOGIN_STATUSES)[number];

export const LIVE_QR_STATUSES: readonly QrLoginStatus[] = ['PENDING', 'PASSWORD_NEEDED'];

export function isLiveQrStatus(status: QrLoginStatus): boolean {
  return LIVE_QR_STATUSES.includes(status);
}

/** What the user sees for an attempt: a live one past its deadline has expired. */
export function visibleQrStatus(attempt: { status: QrLoginStatus; expiresAt: Date }, now: Date): QrLoginStatus {
  return isLiveQrStatus(attempt.status) && attempt.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : attempt.status;
}

/** Error codes an attempt can end with; the UI explains each. */
export type QrFailureCode =
  | 'PASSWORD_INVALID'
  | 'ACCOUNT_LIMIT_REACHED'
  | 'INTERRUPTED'
  | 'FLOOD_WAIT'
  | 'TELEGRAM_ERROR';
