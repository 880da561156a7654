// The API ↔ ingest contract, written once: each signed /internal/* call's path, request and
// answer as zod schemas, the types derived from them, and what a Telegram failure means on each
// side. The ingest service (ingest-container/internal/app.ts) parses requests and shapes answers
// with these; the API's client (edge/adapters/ingest/signed-client.ts) parses the answers.
import { z } from 'zod';
import { QR_LOGIN_STATUSES } from './accounts/qr-policy';
import type { ChannelReference } from './channels/reference';
import { AppError, errorStatus, type ErrorCode } from './errors';

const qrAttempt = z.object({ loginId: z.uuid(), userId: z.uuid() });
const account = z.object({ userId: z.uuid(), accountId: z.uuid() });

export const channelReferenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('username'), username: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('invite'), hash: z.string().min(1).max(128) }),
]) satisfies z.ZodType<ChannelReference>;

export const resolvedChannelSchema = z.object({
  tgChannelId: z.number().int().positive(),
  /** Access hash (gramjs) or an opaque handle the adapter needs to read the channel later. */
  accessHash: z.string(),
  username: z.string().nullable(),
  title: z.string(),
  about: z.string().nullable(),
  visibility: z.enum(['public', 'private']),
  participantsCount: z.number().int().nonnegative().nullable(),
});
export type ResolvedChannel = z.infer<typeof resolvedChannelSchema>;

/** The QR steps answer the attempt's status once the step is recorded in qr_logins. */
const qrStepAnswer = z.object({ status: z.enum(QR_LOGIN_STATUSES) });

export interface IngestCallSpec<Request, Answer> {
  path: `/internal/${string}`;
  request: z.ZodType<Request>;
  answer: z.ZodType<Answer>;
}

function call<Request, Answer>(path: `/internal/${string}`, request: z.ZodType<Request>, answer: z.ZodType<Answer>): IngestCallSpec<Request, Answer> {
  return { path, request, answer };
}

/** Every internal call, each a POST with a JSON body. */
export const ingestCalls = {
  /** Start the MTProto QR handshake for an attempt already recorded in qr_logins. */
  qrStart: call('/internal/qr/start', qrAttempt, qrStepAnswer),
  /** Hand the 2FA password to the live attempt. */
  qrPassword: call('/internal/qr/password', qrAttempt.extend({ password: z.string().min(1).max(256) }), qrStepAnswer),
  /** Sandbox only: scan the QR currently shown, as a phone would (409 NOT_SANDBOX otherwise). */
  qrScan: call('/internal/qr/scan', qrAttempt, qrStepAnswer),
  /** Resolve a channel reference through one of the user's accounts. */
  channelResolve: call('/internal/channels/resolve', account.extend({ reference: channelReferenceSchema }), resolvedChannelSchema),
  /** Log an account's session out at Telegram (best effort) and stop reading it. */
  accountLogout: call('/internal/accounts/logout', account, z.object({ loggedOut: z.boolean() })),
};

export type IngestCallName = keyof typeof ingestCalls;
export type IngestRequest<Name extends IngestCallName> = z.infer<(typeof ingestCalls)[Name]['request']>;
export type IngestAnswer<Name extends IngestCallName> = z.infer<(typeof ingestCalls)[Name]['answer']>;

/** A refused call: the product's error shape, without the request id (the API adds its own). */
export const ingestErrorAnswer = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});

// ── Telegram failures ────────────────────────────────────────────────────────────────────────

/** The failures a Telegram gateway reports (TelegramFailure in ingest-container/gateway/port.ts). */
export const TELEGRAM_FAILURE_REASONS = [
  'FLOOD_WAIT',
  'AUTH_REVOKED',
  'CHANNEL_PRIVATE',
  'CHANNEL_BANNED',
  'USERNAME_NOT_OCCUPIED',
  'NOT_A_CHANNEL',
  'INVITE_INVALID',
  'PASSWORD_INVALID',
  'TRANSIENT',
] as const;
export type TelegramFailureReason = (typeof TELEGRAM_FAILURE_REASONS)[number];

export function isTelegramFailureReason(value: unknown): value is TelegramFailureReason {
  return typeof value === 'string' && (TELEGRAM_FAILURE_REASONS as readonly string[]).includes(value);
}

/** The code the ingest service answers for each failure; its HTTP status is `errorStatus[code]`. */
export const telegramFailureCode = {
  FLOOD_WAIT: 'TELEGRAM_FLOOD_WAIT',
  AUTH_REVOKED: 'ACCOUNT_NEEDS_RELOGIN',
  CHANNEL_PRIVATE: 'CHANNEL_PRIVATE',
  CHANNEL_BANNED: 'CHANNEL_BANNED',
  USERNAME_NOT_OCCUPIED: 'USERNAME_NOT_OCCUPIED',
  NOT_A_CHANNEL: 'NOT_A_CHANNEL',
  INVITE_INVALID: 'INVITE_INVALID',
  PASSWORD_INVALID: 'PASSWORD_INVALID',
  TRANSIENT: 'TRANSIENT',
} as const satisfies Record<TelegramFailureReason, ErrorCode>;

/** The ingest service's answer to a Telegram failure: status, body and Retry-After for FLOOD_WAIT. */
export function telegramFailureAnswer(reason: TelegramFailureReason, message: string, seconds?: number) {
  const code = telegramFailureCode[reason];
  return {
    status: errorStatus[code],
    retryAfter: seconds ? String(seconds) : undefined,
    body: { error: { code, message, ...(seconds ? { details: { seconds } } : {}) } } satisfies z.infer<typeof ingestErrorAnswer>,
  };
}

/** A failed call as the API sees it: the code the ingest service answered and its message. */
export interface IngestFailure {
  code: string;
  message: string;
}

/** Reads the failure of a call: an AppError from the client, or a raw gateway failure in tests. */
export function ingestFailureOf(error: unknown): IngestFailure {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  const reason = (error as { reason?: unknown } | null)?.reason;
  if (isTelegramFailureReason(reason)) return { code: telegramFailureCode[reason], message: String((error as Error).message) };
  if (typeof reason === 'string') return { code: reason, message: String((error as Error).message) };
  return { code: 'TELEGRAM_UNAVAILABLE', message: '' };
}

/** What a failed channel resolve means to the API's caller; `shown` is the reference as typed. */
export function channelResolveError(failure: IngestFailure, shown: string): AppError {
  switch (failure.code) {
    case 'USERNAME_NOT_OCCUPIED':
      return new AppError('CHANNEL_NOT_FOUND', `Telegram has no channel ${shown}`);
    case 'INVITE_INVALID':
      return new AppError('INVITE_INVALID', 'The invite link is invalid or has expired; ask the channel for a new one');
    case 'NOT_A_CHANNEL':
      return new AppError('NOT_A_CHANNEL', `${shown} is a person or a bot, not a channel`);
    case 'CHANNEL_PRIVATE':
    case 'CHANNEL_BANNED':
      return new AppError('CHANNEL_NO_ACCESS', `Your Telegram account cannot see ${shown}: join the channel in Telegram first, then add it here`);
    case 'ACCOUNT_NEEDS_RELOGIN':
      return new AppError('ACCOUNT_NEEDS_RELOGIN', 'Your Telegram account was signed out; connect it again to add channels');
    case 'TELEGRAM_FLOOD_WAIT':
      return new AppError('TELEGRAM_RATE_LIMITED', 'Telegram asked us to slow down; try again in a minute');
    default:
      return new AppError('TELEGRAM_UNAVAILABLE', failure.message || 'Telegram could not be reached; try again shortly');
  }
}
