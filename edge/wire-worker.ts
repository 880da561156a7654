// The one place that wires the API's adapters on Cloudflare Workers: Neon over WebSockets for the
// database, Upstash (REST) for the kv when configured, else the Postgres kv table.
import type { Config } from '../core/config';
import type { Logger } from '../core/log';
import { openNeonDatabase } from '../db/client-neon';
import { createSignedIngestClient } from './adapters/ingest/signed-client';
import { workerClientAddress } from './client-address';
import { createPostgresKv } from './adapters/kv/postgres';
import { createUpstashKv } from './adapters/kv/upstash';
import { createQstashQueue, createQstashVerifier } from './adapters/queue/qstash';
import { AppError } from '../core/errors';
import type { ObjectStorage } from '../storage/port';
import { selectWorkerStorage } from '../storage/select-worker';
import { loadWorkerCardAssets } from './adapters/ai/card-assets-worker';
import { createJobHandlers } from './jobs';
import { createAi } from './wire-ai';
import { meterAi, meterJobs, Metrics } from './metrics';
import { JOB_RETRIES } from './ports/queue';
import type { Services } from './services';

export function createWorkerServices(config: Config, log: Logger): Services {
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL: required on Workers (a Neon or PostgreSQL URL)');
  const database = openNeonDatabase({ url: config.DATABASE_URL, wsProxy: config.NEON_WS_PROXY });
  const kv =
    config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN
      ? createUpstashKv({ url: config.UPSTASH_REDIS_REST_URL, token: config.UPSTASH_REDIS_REST_TOKEN })
      : createPostgresKv(database.db);
  // Workers cannot run jobs after the response: QStash is the queue there.
  if (!config.QSTASH_TOKEN || !config.PUBLIC_URL || !config.QSTASH_CURRENT_SIGNING_KEY || !config.QSTASH_NEXT_SIGNING_KEY) {
    throw new Error('QSTASH_TOKEN, QSTASH_CURRENT_SIGNING_KEY, QSTASH_NEXT_SIGNING_KEY and PUBLIC_URL: required on Workers');
  }
  const metrics = new Metrics();
  const jobs = meterJobs(createJobHandlers(() => services), metrics, JOB_RETRIES);
  const services: Services = {
    config,
    log,
    database,
    kv,
    metrics,
    jobs,
    ai: meterAi(createAi(config, loadWorkerCardAssets), metrics),
    storage: selectWorkerStorage(config) ?? noStorage,
    queue: createQstashQueue({ token: config.QSTASH_TOKEN, callbackOrigin: config.PUBLIC_URL, baseUrl: config.QSTASH_URL }),
    queueReceiver: createQstashVerifier({ current: config.QSTASH_CURRENT_SIGNING_KEY, next: config.QSTASH_NEXT_SIGNING_KEY }),
    // The ingest container (MTProto) is reached over signed HTTP; without it QR routes answer 503.
    ingest: config.INGEST_INTERNAL_URL
      ? createSignedIngestClient({ secret: config.INTERNAL_SECRET, baseUrl: config.INGEST_INTERNAL_URL, fetch: (request) => fetch(request) })
      : undefined,
    clientAddress: workerClientAddress,
    now: () => Math.floor(Date.now() / 1000),
  };
  return services;
}

/** Workers have no disk: without Supabase Storage, storing an image answers a clear 503. */
const noStorage: ObjectStorage = {
  kind: 'supabase',
  put() {
    throw new AppError('STORAGE_NOT_CONFIGURED', 'Object storage is not configured (SUPABASE_URL, SUPABASE_KEY)');
  },
};
