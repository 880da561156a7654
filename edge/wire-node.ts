// The one place that wires the API's adapters from configuration on Node.
import type { Config } from '../core/config';
import type { Logger } from '../core/log';
import type { DatabaseHandle } from '../db/types';
import { createPostgresKv } from './adapters/kv/postgres';
import { Metrics } from './metrics';
import type { Kv } from './ports/kv';
import type { Services } from './services';

export async function createKv(config: Config, database: DatabaseHandle): Promise<Kv> {
  if (config.REDIS_URL) {
    const { createRedisKv } = await import('./adapters/kv/redis');
    return createRedisKv(config.REDIS_URL);
  }
  if (config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN) {
    const { createUpstashKv } = await import('./adapters/kv/upstash');
    return createUpstashKv({ url: config.UPSTASH_REDIS_REST_URL, token: config.UPSTASH_REDIS_REST_TOKEN });
  }
  return createPostgresKv(database.db);
}

export async function createNodeServices(config: Config, database: DatabaseHandle, log: Logger): Promise<Services> {
  return {
    config,
    log,
    database,
    kv: await createKv(config, database),
    metrics: new Metrics(),
    now: () => Math.floor(Date.now() / 1000),
  };
}
