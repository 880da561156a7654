// Upstash Redis over its REST API, for Workers (no TCP there).
import { Redis } from '@upstash/redis';
import type { Kv } from '../../ports/kv';
import { guardKv, type GuardOptions } from './guard';

export interface UpstashKvOptions extends Pick<GuardOptions, 'onChange'> {
  url: string;
  token: string;
  /** Longest wait for one REST call (default 1.5 s); one retry after 100 ms. */
  timeoutMs?: number;
}

export function createUpstashKv(options: UpstashKvOptions): Kv {
  const timeoutMs = options.timeoutMs ?? 1_500;
  // No automatic JSON (de)serialisation: the port stores strings and must read back what it wrote.
  const redis = new Redis({
    url: options.url,
    token: options.token,
    automaticDeserialization: false,
    enableTelemetry: false,
    // Each request gets its own deadline (a fresh signal per call); the SDK's default five retries
    // with exponential backoff would hold a request for seconds while Upstash is unreachable.
    signal: () => AbortSignal.timeout(timeoutMs),
    retry: { retries: 1, backoff: () => 100 },
  });
  const kv: Kv = {
    async get(key) {
      const value = await redis.get<string>(key);
      return value === null || value === undefined ? null : String(value);
    },
    async set(key, value, { ttlSeconds, ifAbsent } = {}) {
      const opts = ttlSeconds ? (ifAbsent ? { ex: ttlSeconds, nx: true as const } : { ex: ttlSeconds }) : ifAbsent ? { nx: true as const } : undefined;
      const result = opts ? await redis.set(key, value, opts) : await redis.set(key, value);
      return result === 'OK';
    },
    async del(key) {
      await redis.del(key);
    },
    async incr(key, { by = 1, ttlSeconds } = {}) {
      if (!ttlSeconds) return redis.incrby(key, by);
      // MULTI/EXEC over REST: create with expiry only if absent, then add — atomically.
      const [, value] = await redis.multi().set(key, '0', { ex: ttlSeconds, nx: true }).incrby(key, by).exec<[unknown, number]>();
      return Number(value);
    },
  };
  return guardKv(kv, { timeoutMs: 2 * timeoutMs + 500, onChange: options.onChange });
}
