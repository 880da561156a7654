// Redis over TCP (ioredis) for Node services. Bounded: a connect or a command that takes longer
// than its timeout fails (and the guard turns it into a 503 naming the kv); ioredis keeps
// reconnecting in the background, so service resumes by itself when Redis returns.
import { Redis, ReplyError } from 'ioredis';
import type { Kv } from '../../ports/kv';
import { guardKv, type GuardOptions } from './guard';

export interface RedisKvOptions extends Pick<GuardOptions, 'onChange'> {
  prefix?: string;
  /** Longest wait for a command, queued ones included (default 1.5 s). */
  commandTimeoutMs?: number;
}

export function createRedisKv(url: string, options: RedisKvOptions = {}): Kv {
  const commandTimeoutMs = options.commandTimeoutMs ?? 1_500;
  const redis = new Redis(url, {
    keyPrefix: options.prefix,
    lazyConnect: false,
    connectTimeout: 2_000,
    commandTimeout: commandTimeoutMs,
    // One resend after a reconnect at most; never the default 20 that made a call wait 12–20 s.
    maxRetriesPerRequest: 1,
    // Reconnect forever, backing off to 2 s: a Redis that comes back is picked up without a restart.
    retryStrategy: (times) => Math.min(100 * times, 2_000),
  });
  // The socket's errors reach callers through their commands (as 503s); the event itself must not
  // crash the process or print an "Unhandled error event" per reconnect attempt.
  redis.on('error', () => undefined);
  const kv: Kv = {
    get: (key) => redis.get(key),
    async set(key, value, { ttlSeconds, ifAbsent } = {}) {
      const result =
        ttlSeconds && ifAbsent
          ? await redis.set(key, value, 'EX', ttlSeconds, 'NX')
          : ttlSeconds
            ? await redis.set(key, value, 'EX', ttlSeconds)
            : ifAbsent
              ? await redis.set(key, value, 'NX')
              : await redis.set(key, value);
      return result === 'OK';
    },
    async del(key) {
      await redis.del(key);
    },
    async incr(key, { by = 1, ttlSeconds } = {}) {
      if (!ttlSeconds) return redis.incrby(key, by);
      // One transaction: create the counter with its expiry only if absent, then add.
      const results = await redis.multi().set(key, '0', 'EX', ttlSeconds, 'NX').incrby(key, by).exec();
      const [error, value] = results?.[1] ?? [new Error('kv: transaction aborted'), null];
      if (error) throw error;
      return Number(value);
    },
    async close() {
      // quit() waits for a server that may be gone; disconnect() does not.
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
  // A reply error (wrong type, …) means Redis answered: a bug, not an outage.
  return guardKv(kv, {
    timeoutMs: commandTimeoutMs + 500,
    isOutage: (error) => (error instanceof ReplyError ? null : error instanceof Error ? error.message.slice(0, 80) : 'error'),
    onChange: options.onChange,
  });
}
