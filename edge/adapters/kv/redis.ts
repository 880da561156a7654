// Redis over TCP (ioredis) for Node services.
import { Redis } from 'ioredis';
import type { Kv } from '../../ports/kv';

export function createRedisKv(url: string, options: { prefix?: string } = {}): Kv {
  const redis = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false, keyPrefix: options.prefix });
  return {
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
      await redis.quit();
    },
  };
}
