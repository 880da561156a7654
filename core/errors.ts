// One error vocabulary for the whole product: a closed list of codes, each with its HTTP status.
//
// ADDING A CODE: add it to `errorStatus` below (in its group), then give it a Russian and an
// English text in web/src/i18n/errors.ts. tsc fails until both texts exist, and
// tests/unit/error-texts.test.ts fails when one is empty. Throw it as
// `new AppError('MY_CODE', 'English message for logs and API clients', details?)`.
export const errorStatus = {
  // Generic answers, also used as codes where nothing more precise applies.
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  INVALID_CURSOR: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  INTERNAL: 500,
  UPSTREAM_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  STORAGE_NOT_CONFIGURED: 503,
  DEPENDENCY_UNAVAILABLE: 503,

  // Sessions, origins and signed callbacks.
  SESSION_EXPIRED: 401,
  SESSION_INVALID: 401,
  SESSION_REVOKED: 401,
  ORIGIN_REFUSED: 403,
  QUEUE_SIGNATURE_INVALID: 401,
  INTERNAL_SIGNATURE_INVALID: 401,
  INTERNAL_REPLAY: 401,
  UNKNOWN_JOB: 404,
  /** 489: QStash's "do not retry". */
  MALFORMED_JOB: 489,
  JOB_REJECTED: 489,

  // Signing in (Telegram Login widget, Telegram OpenID Connect, local demo).
  TELEGRAM_LOGIN_DISABLED: 404,
  TELEGRAM_HASH_MISSING: 401,
  TELEGRAM_HASH_MISMATCH: 401,
  TELEGRAM_FIELD_MISSING: 401,
  TELEGRAM_FIELD_INVALID: 401,
  TELEGRAM_AUTH_STALE: 401,
  TELEGRAM_AUTH_FROM_FUTURE: 401,
  TELEGRAM_AUTH_REPLAYED: 401,
  OIDC_DISABLED: 404,
  OIDC_DENIED: 401,
  OIDC_STATE_MISMATCH: 401,
  OIDC_ATTEMPT_EXPIRED: 401,
  OIDC_CODE_REJECTED: 401,
  OIDC_ID_TOKEN_INVALID: 401,
  OIDC_NONCE_MISMATCH: 401,
  OIDC_CLAIMS_INVALID: 401,
  OIDC_PROVIDER_UNAVAILABLE: 503,
  DEMO_LOGIN_DISABLED: 404,

  // Telegram accounts and QR logins (also the `error.code` of a failed QR login).
  INGEST_UNAVAILABLE: 503,
  INGEST_FAILED: 503,
  TOO_MANY_QR_LOGINS: 429,
  ACCOUNT_LIMIT_REACHED: 429,
  PASSWORD_NOT_EXPECTED: 409,
  PASSWORD_INVALID: 422,
  NOT_SANDBOX: 409,
  QR_NOT_SHOWN: 409,
  QR_LOGIN_NOT_PENDING: 409,
  QR_LOGIN_NOT_LIVE: 409,
  QR_LOGIN_INTERRUPTED: 409,
  INTERRUPTED: 409,
  FLOOD_WAIT: 429,
  TELEGRAM_ERROR: 502,
  ACCOUNT_NEEDS_RELOGIN: 409,
  NO_CONNECTED_ACCOUNT: 409,

  // Channels. The ingest service answers the raw Telegram reasons; the API maps them to the rest.
  INVALID_CHANNEL_REFERENCE: 400,
  CHANNEL_NOT_FOUND: 404,
  INVITE_INVALID: 404,
  NOT_A_CHANNEL: 422,
  CHANNEL_NO_ACCESS: 403,
  PLAN_LIMIT_CHANNELS: 429,
  TELEGRAM_RATE_LIMITED: 429,
  TELEGRAM_UNAVAILABLE: 503,
  USERNAME_NOT_OCCUPIED: 404,
  CHANNEL_PRIVATE: 403,
  CHANNEL_BANNED: 403,
  TELEGRAM_FLOOD_WAIT: 429,
  AUTH_REVOKED: 409,
  TRANSIENT: 503,

  // The AI pipeline, packages and exports.
  RUN_NOT_FAILED: 409,
  PIPELINE_STEP_FAILED: 500,
  NO_SOURCE_TEXT: 422,
  AI_OUTPUT_INVALID: 422,
  AI_UNAVAILABLE: 503,
  IMAGE_PROMPT_FLAGGED: 422,
  EXPORT_TOO_LARGE: 400,
  BAD_TIME_ZONE: 400,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;

export const ERROR_CODES = Object.keys(errorStatus) as ErrorCode[];

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorStatus, code);
}

/**
 * A typed failure raised by domain or adapter code and mapped to HTTP once, at the edge.
 * `code` is the machine-readable reason (e.g. TELEGRAM_HASH_MISMATCH); it picks the status.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id?: string | number) {
    super('NOT_FOUND', id === undefined ? `${entity} not found` : `${entity} ${id} not found`);
  }
}

/** The outside services a request can depend on; a 503 names which one failed. */
export type Dependency = 'database' | 'kv' | 'queue';

/**
 * A dependency did not answer (refused, reset, timed out): 503 DEPENDENCY_UNAVAILABLE naming it,
 * with Retry-After. `reason` is for logs only (an errno or timeout), never the failed query.
 */
export class DependencyUnavailableError extends AppError {
  constructor(
    readonly dependency: Dependency,
    readonly reason = 'unreachable',
    retryAfterSeconds = 5,
  ) {
    super('DEPENDENCY_UNAVAILABLE', `The ${dependency} is not reachable right now; try again shortly`, {
      dependency,
      retryAfterSeconds,
    });
    this.name = 'DependencyUnavailableError';
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId?: string; details?: Record<string, unknown> };
}
