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
      const [[, value]] = (await redis
        .multi()
        .incrby(key, by)
        .exec()) as [[Error | null, number]];
      if (ttlSeconds && value === by) await redis.expire(key, ttlSeconds, 'NX');
      return value;
    },
    async close() {
      await redis.quit();
    },
  };
}
