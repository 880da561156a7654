// The one place that wires the API's adapters on Cloudflare Workers. Built once per isolate:
// configuration, logger, metrics, Upstash (REST) kv when configured, QStash, the AI engine,
// storage and the signed ingest client (all plain fetch, nothing bound to a request). Made per
// request: the Neon pool (Workers forbid I/O objects, its WebSockets, from outliving the request
// that opened them: a shared pool hangs the second request), the Postgres kv table over it when
// there is no Upstash, and the job handlers that run over those.
import type { Config } from '../core/config';
import { errorReporterFrom } from '../core/error-report';
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
import { loadAssetMorphology, type AssetFetch } from './adapters/morphology/assets';
import { createJobHandlers } from './jobs';
import { reportJobFailures } from './jobs/report';
import { version } from '../package.json';
import type { IsolateServices, RequestServices, ScopedServices } from './middleware/request-context';
import { createAi } from './wire-ai';
import { meterAi, meterJobs, Metrics } from './metrics';
import type { Kv } from './ports/kv';
import { JOB_RETRIES } from './ports/queue';
import type { Services } from './services';

/** `assets`: the ASSETS binding's fetch (the web build, with the Russian dictionary). */
export function createWorkerServices(config: Config, log: Logger, assets?: AssetFetch): ScopedServices {
  const databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL: required on Workers (a Neon or PostgreSQL URL)');
  // Workers cannot run jobs after the response: QStash is the queue there.
  if (!config.QSTASH_TOKEN || !config.PUBLIC_URL || !config.QSTASH_CURRENT_SIGNING_KEY || !config.QSTASH_NEXT_SIGNING_KEY) {
    throw new Error('QSTASH_TOKEN, QSTASH_CURRENT_SIGNING_KEY, QSTASH_NEXT_SIGNING_KEY and PUBLIC_URL: required on Workers');
  }
  const metrics = new Metrics();
  const upstash: Kv | null =
    config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN
      ? createUpstashKv({ url: config.UPSTASH_REDIS_REST_URL, token: config.UPSTASH_REDIS_REST_TOKEN })
      : null;
  const isolate: IsolateServices = {
    config,
    log,
    metrics,
    // Plain fetch, sent after the response through waitUntil (edge/errors.ts).
    errors: errorReporterFrom(config, { fetch: (url, init) => fetch(url, init), log: log.child({ component: 'error-reports' }), service: 'edge', version }),
    ai: meterAi(createAi(config, loadWorkerCardAssets), metrics),
    storage: selectWorkerStorage(config) ?? noStorage,
    morphology: () => (assets ? loadAssetMorphology(assets) : Promise.reject(new Error('no ASSETS binding: the dictionary is served from the web build'))),
    queue: createQstashQueue({ token: config.QSTASH_TOKEN, callbackOrigin: config.PUBLIC_URL, baseUrl: config.QSTASH_URL }),
    queueReceiver: createQstashVerifier({ current: config.QSTASH_CURRENT_SIGNING_KEY, next: config.QSTASH_NEXT_SIGNING_KEY }),
    // The ingest container (MTProto) is reached over signed HTTP; without it QR routes answer 503.
    ingest: config.INGEST_INTERNAL_URL
      ? createSignedIngestClient({ secret: config.INTERNAL_SECRET, baseUrl: config.INGEST_INTERNAL_URL, fetch: (request) => fetch(request) })
      : undefined,
    clientAddress: workerClientAddress,
    now: () => Math.floor(Date.now() / 1000),
  };
  return {
    isolate,
    perRequest(base): RequestServices {
      const database = openNeonDatabase({ url: databaseUrl, wsProxy: config.NEON_WS_PROXY });
      const services: Services = {
        ...base,
        database,
        kv: upstash ?? createPostgresKv(database.db),
        jobs: reportJobFailures(meterJobs(createJobHandlers(() => services), base.metrics, JOB_RETRIES), base.errors, JOB_RETRIES),
      };
      return { services, close: () => database.close() };
    },
  };
}

/** Workers have no disk: without Supabase Storage, storing an image answers a clear 503. */
const noStorage: ObjectStorage = {
  kind: 'supabase',
  put() {
    throw new AppError('STORAGE_NOT_CONFIGURED', 'Object storage is not configured (SUPABASE_URL, SUPABASE_KEY)');
  },
};
