// An account's status as users see it, from what ingest records on the row.
export const ACCOUNT_STATUSES = ['active', 'needs_relogin', 'flood_wait', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface AccountStatusInput {
  isActive: boolean;
  status: AccountStatus;
  hasSession: boolean;
  floodWaitUntil: Date | null;
}

export interface EffectiveStatus {
  status: AccountStatus;
  /** Set only while status is flood_wait. */
  floodWaitUntil: Date | null;
}

/** A flood wait that has run out reads as active again; no session means a new login is needed. */
export function effectiveAccountStatus(account: AccountStatusInput, now: Date): EffectiveStatus {
  if (!account.isActive || account.status === 'disabled') return { status: 'disabled', floodWaitUntil: null };
  if (!account.hasSession || account.status === 'needs_relogin') return { status: 'needs_relogin', floodWaitUntil: null };
  if (account.floodWaitUntil && account.floodWaitUntil.getTime() > now.getTime()) {
    return { status: 'flood_wait', floodWaitUntil: account.floodWaitUntil };
  }
  return { status: 'active', floodWaitUntil: null };
}

/** Whether ingest may read through this account now. */
export function canReadThrough(account: AccountStatusInput, now: Date): boolean {
  return effectiveAccountStatus(account, now).status === 'active';
}
