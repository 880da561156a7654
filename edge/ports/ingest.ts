// The API's port to the ingest service (which holds the MTProto connections). The API is
// stateless; this call crosses processes in production (signed internal HTTP) and is the same
// call in the one-process local mode.
export interface IngestControl {
  /** Start the MTProto QR handshake for an attempt already recorded in qr_logins. */
  startQrLogin(input: { loginId: string; userId: string }): Promise<void>;
  /** Hand the 2FA password to the live attempt. */
  submitQrPassword(input: { loginId: string; userId: string; password: string }): Promise<void>;
  /** Sandbox only: scan the QR currently shown, as a phone would (409 NOT_SANDBOX otherwise). */
  simulateQrScan(input: { loginId: string; userId: string }): Promise<void>;
  /** Resolve a channel reference through one of the user's accounts. */
  resolveChannel(input: {
    userId: string;
    accountId: string;
    reference: { kind: 'username'; username: string } | { kind: 'invite'; hash: string };
  }): Promise<{
    tgChannelId: number;
    accessHash: string;
    username: string | null;
    title: string;
    about: string | null;
    visibility: 'public' | 'private';
    participantsCount: number | null;
  }>;
  /** Log an account's session out at Telegram (best effort) and stop reading it. */
  logoutAccount(input: { userId: string; accountId: string }): Promise<{ loggedOut: boolean }>;
}
