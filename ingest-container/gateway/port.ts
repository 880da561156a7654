// The Telegram gateway port, owned by the ingest service that uses it. Adapters: gramjs (real
// MTProto) and sandbox (local default, replays a bundled data set). Everything Telegram-shaped
// stays behind this interface; the rest of the service never imports `telegram` directly.
// A channel reference is parsed in core/channels/reference.ts; what resolving it answers, and the
// failure reasons, are the internal contract's (core/ingest-contract.ts).
import type { ChannelReference } from '../../core/channels/reference';
import type { ResolvedChannel, TelegramFailureReason } from '../../core/ingest-contract';

export type { ChannelReference, ResolvedChannel, TelegramFailureReason };

export interface TelegramUser {
  id: number;
  username: string | null;
  firstName: string | null;
  phone: string | null;
}

/** Where to read: enough for the adapter to address the channel without resolving again. */
export interface ChannelHandle {
  tgChannelId: number;
  accessHash: string;
  username: string | null;
}

export interface QrLoginHandlers {
  /** A new QR login URL (tg://login?token=...) to show; replaced when it expires or is scanned. */
  onQrCode(url: string, expiresAt: Date): void;
  /** 2FA: resolve with the password the user typed; the adapter checks it (SRP) and may ask again. */
  onPasswordNeeded(hint: string | null, previousWasWrong: boolean): Promise<string>;
}

export interface AuthorizedSession {
  /** The StringSession (plaintext): encrypt it at once; it must never be logged or sent to the API. */
  session: string;
  user: TelegramUser;
}

/** A typed failure from Telegram that the ingest service acts on. */
export class TelegramFailure extends Error {
  constructor(
    readonly reason: TelegramFailureReason,
    message: string,
    /** For FLOOD_WAIT: seconds Telegram asked us to wait. */
    readonly seconds?: number,
  ) {
    super(message);
    this.name = 'TelegramFailure';
  }
}

/**
 * A message as the gateway hands it over: gramjs `Api.Message` objects satisfy it structurally,
 * and the sandbox builds real `Api.Message` objects too, so one normaliser (core/messages) serves both.
 */
export type GatewayMessage = import('../../core/messages/telegram-message').TelegramMessageLike;

export interface MediaDownload {
  bytes: Uint8Array;
  mimeType: string;
  /** File name hint (documents) or null. */
  fileName: string | null;
}

/** One connected account. Methods throw TelegramFailure for conditions the service acts on. */
export interface TelegramSession {
  getMe(): Promise<TelegramUser>;
  resolveChannel(reference: ChannelReference): Promise<ResolvedChannel>;
  /** Messages with id > afterMsgId, oldest first, at most `limit` (≤ 100). */
  readHistory(channel: ChannelHandle, afterMsgId: number, limit: number): Promise<GatewayMessage[]>;
  /** Latest messages (newest first) for the first sync's bounded backfill. */
  readLatest(channel: ChannelHandle, limit: number): Promise<GatewayMessage[]>;
  /** The media of one message; null when it has none or it is larger than maxBytes. */
  downloadMedia(channel: ChannelHandle, message: GatewayMessage, maxBytes: number): Promise<MediaDownload | null>;
  /** Ends the session at Telegram (the authorization is removed from the user's devices). */
  logOut(): Promise<void>;
  disconnect(): Promise<void>;
}

export interface TelegramGateway {
  readonly kind: 'gramjs' | 'sandbox';
  /** Runs the QR login until authorized; rejects with TelegramFailure or when `signal` aborts. */
  loginWithQr(handlers: QrLoginHandlers, signal: AbortSignal): Promise<AuthorizedSession>;
  /** Opens a session from a decrypted StringSession. */
  connect(session: string): Promise<TelegramSession>;
}
