// Retries transient Telegram failures with exponential backoff and jitter; everything else
// (FLOOD_WAIT, auth, access) is for the caller to act on, at once.
import { TelegramFailure } from '../gateway/port';

export interface RetryOptions {
  attempts: number;
  baseMs: number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export function isTransient(error: unknown): boolean {
  return !(error instanceof TelegramFailure) || error.reason === 'TRANSIENT';
}

export function backoffMs(attempt: number, baseMs: number, random: () => number): number {
  return Math.round(baseMs * 2 ** attempt * (0.75 + random() * 0.5));
}

export async function withRetry<T>(run: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof TelegramFailure) || error.reason !== 'TRANSIENT' || attempt + 1 >= options.attempts) throw error;
      await options.sleep(backoffMs(attempt, options.baseMs, options.random));
    }
  }
}
