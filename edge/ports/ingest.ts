// The API's port to the ingest service (which holds the MTProto connections). The API is
// stateless; this call crosses processes in production (signed internal HTTP) and is the same
// call in the one-process local mode. Requests and answers are core/ingest-contract.ts.
import type { IngestAnswer, IngestRequest } from '../../core/ingest-contract';

export interface IngestControl {
  /** Start the MTProto QR handshake for an attempt already recorded in qr_logins. */
  startQrLogin(input: IngestRequest<'qrStart'>): Promise<void>;
  /** Hand the 2FA password to the live attempt. */
  submitQrPassword(input: IngestRequest<'qrPassword'>): Promise<void>;
  /** Sandbox only: scan the QR currently shown, as a phone would (409 NOT_SANDBOX otherwise). */
  simulateQrScan(input: IngestRequest<'qrScan'>): Promise<void>;
  /** Resolve a channel reference through one of the user's accounts. */
  resolveChannel(input: IngestRequest<'channelResolve'>): Promise<IngestAnswer<'channelResolve'>>;
  /** Log an account's session out at Telegram (best effort) and stop reading it. */
  logoutAccount(input: IngestRequest<'accountLogout'>): Promise<IngestAnswer<'accountLogout'>>;
}
