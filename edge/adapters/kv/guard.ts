// Every kv adapter goes through this guard: each call is bounded in time, and a kv that does not
// answer becomes DependencyUnavailableError('kv') — a clear 503 at the edge rather than a hang or a
// 500. Call sites that may degrade (caches, rate limits on reads) use `unlessKvDown`.
import { DependencyUnavailableError } from '../../../core/errors';
import type { Kv } from '../../ports/kv';

export const DEFAULT_KV_TIMEOUT_MS = 2_000;

export interface GuardOptions {
  /** Longest wait for one call (default 2 s). */
  timeoutMs?: number;
  /** Whether an adapter's error means "unreachable" (default: every error does). Others pass through. */
  isOutage?: (error: unknown) => string | null;
  /** Called once per outage and once on recovery (for a log line). */
  onChange?: (state: 'down' | 'up', reason: string) => void;
}

class KvTimeout extends Error {}

export function guardKv(kv: Kv, options: GuardOptions = {}): Kv {
  const timeoutMs = options.timeoutMs ?? DEFAULT_KV_TIMEOUT_MS;
  const isOutage = options.isOutage ?? ((error: unknown) => (error instanceof Error ? error.message.slice(0, 80) : 'error'));
  let down = false;

  async function call<T>(work: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new KvTimeout(`kv: no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const value = await Promise.race([work(), timeout]);
      if (down) {
        down = false;
        options.onChange?.('up', 'answered');
      }
      return value;
    } catch (error) {
      const reason = error instanceof KvTimeout ? 'timeout' : isOutage(error);
      if (reason === null) throw error;
      if (!down) {
        down = true;
        options.onChange?.('down', reason);
      }
      throw new DependencyUnavailableError('kv', reason);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    get: (key) => call(() => kv.get(key)),
    set: (key, value, opts) => call(() => kv.set(key, value, opts)),
    del: (key) => call(() => kv.del(key)),
    incr: (key, opts) => call(() => kv.incr(key, opts)),
    close: kv.close ? () => kv.close!() : undefined,
  };
}

/**
 * For the uses that degrade instead of failing while the kv is down (a cache read or write, a rate
 * limit on reads): the fallback when the kv is unreachable; any other error still throws.
 */
export async function unlessKvDown<T>(work: Promise<T>, fallback: T): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DependencyUnavailableError && error.dependency === 'kv') return fallback;
    throw error;
  }
}
