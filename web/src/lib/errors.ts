// A failure as the UI shows it: a sentence in the reader's language for every code the API can
// answer, and the rest (code, the server's English words, the request id) for a "details" fold.
import { locale } from '../i18n';
import { enErrors, ruErrors, type ErrorTexts, type ShownErrorCode } from '../i18n/errors';
import { ApiError, NETWORK_ERROR } from './api';

export interface ShownError {
  text: string;
  code: string;
  message?: string;
  requestId?: string;
}

const texts = (): ErrorTexts => (locale() === 'en' ? enErrors : ruErrors);
/** The web imports only types from the server; the texts' keys are the list of codes. */
const isShownCode = (code: string): code is ShownErrorCode => Object.hasOwn(ruErrors, code);

function fill(text: string, details?: Record<string, unknown>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = details?.[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : match;
  });
}

/** The code's sentence in the current locale (reactive); an unknown code reads as UNKNOWN. */
export function errorText(code: string, details?: Record<string, unknown>): string {
  let shown: ShownErrorCode = code === NETWORK_ERROR ? 'NETWORK_ERROR' : isShownCode(code) ? code : 'UNKNOWN';
  // One quota code names its limit; the account limit has its own, more useful sentence.
  if (shown === 'QUOTA_EXCEEDED' && details?.limit === 'accounts') shown = 'ACCOUNT_LIMIT_REACHED';
  return fill(texts()[shown], details);
}

/**
 * Any thrown value as a ShownError. `override` lets a screen say it more precisely for some codes
 * (e.g. the subscribe form on RATE_LIMITED); everything else falls back to the shared texts.
 */
export function describeError(error: unknown, override?: (code: string, details?: Record<string, unknown>) => string | undefined): ShownError {
  if (error instanceof ApiError) {
    return {
      text: override?.(error.code, error.details) ?? errorText(error.code, error.details),
      code: error.code,
      message: error.message,
      requestId: error.requestId,
    };
  }
  return { text: errorText('UNKNOWN'), code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error) };
}
