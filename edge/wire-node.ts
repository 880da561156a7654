// The one place that wires the API's adapters from configuration on Node.
import { lookup } from 'node:dns/promises';
import type { Config } from '../core/config';
import { errorReporterFrom, type ErrorReporter } from '../core/error-report';
import type { Logger } from '../core/log';
import type { DatabaseHandle } from '../db/types';
import { createSignedIngestClient, type InternalFetch } from './adapters/ingest/signed-client';
import { nodeClientAddress } from './client-address';
import { createPostgresKv } from './adapters/kv/postgres';
import { createInProcessQueue } from './adapters/queue/in-process';
import { createQstashQueue, createQstashVerifier } from './adapters/queue/qstash';
import { selectStorage } from '../storage/select';
import { loadNodeCardAssets } from './adapters/ai/card-assets-node';
import { loadNodeMorphology } from './adapters/morphology/node';
import { createJobHandlers } from './jobs';
import { reportJobFailures } from './jobs/report';
import { version } from '../package.json';
import { createAi } from './wire-ai';
import { meterAi, meterJobs, Metrics } from './metrics';
import type { AiPort } from './ports/ai';
import type { IngestControl } from './ports/ingest';
import type { Kv } from './ports/kv';
import { JOB_RETRIES, type JobHandlers } from './ports/queue';
import type { Services } from './services';
import { listenForFeedChanges } from './services/feed-changes';

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

/** QStash when configured (it calls back PUBLIC_URL/queue/:topic), else the in-process queue. */
export function createQueue(config: Config, jobs: JobHandlers, log: Logger): Pick<Services, 'queue' | 'queueReceiver'> {
  if (config.QSTASH_TOKEN && config.PUBLIC_URL && config.QSTASH_CURRENT_SIGNING_KEY && config.QSTASH_NEXT_SIGNING_KEY) {
    return {
      queue: createQstashQueue({ token: config.QSTASH_TOKEN, callbackOrigin: config.PUBLIC_URL, baseUrl: config.QSTASH_URL }),
      queueReceiver: createQstashVerifier({ current: config.QSTASH_CURRENT_SIGNING_KEY, next: config.QSTASH_NEXT_SIGNING_KEY }),
    };
  }
  return { queue: createInProcessQueue({ handlers: jobs, log: log.child({ component: 'queue' }) }) };
}

/**
 * The port to the ingest service: signed HTTP to INGEST_INTERNAL_URL, or the same signed request
 * handed to the in-process ingest app (one-process mode: the entry script passes its fetch in).
 */
export function createIngestControl(config: Config, ingestFetch?: InternalFetch): IngestControl | undefined {
  if (config.INGEST_INTERNAL_URL) {
    return createSignedIngestClient({ secret: config.INTERNAL_SECRET, baseUrl: config.INGEST_INTERNAL_URL, fetch: (request) => fetch(request) });
  }
  if (ingestFetch) return createSignedIngestClient({ secret: config.INTERNAL_SECRET, baseUrl: 'http://ingest.internal', fetch: ingestFetch });
  return undefined;
}

export interface NodeServiceOptions {
  /** The in-process ingest service's internal app (one-process `npm start`). */
  ingestFetch?: InternalFetch;
  /** More Prometheus text for /metrics (one-process mode: the in-process ingest service's metrics). */
  extraMetrics?: () => string;
  /** Tests: another AI engine (e.g. the OpenAI adapter against a local fake). */
  ai?: AiPort;
  /** Tests: an injectable clock (seconds). */
  now?: () => number;
}

/** SENTRY_DSN: reports over the global fetch; otherwise the no-op. */
export function createErrorReporter(config: Config, log: Logger, service: string): ErrorReporter {
  return errorReporterFrom(config, { fetch: (url, init) => fetch(url, init), log: log.child({ component: 'error-reports' }), service, version });
}

export async function createNodeServices(config: Config, database: DatabaseHandle, log: Logger, options: NodeServiceOptions = {}): Promise<Services> {
  const metrics = new Metrics();
  if (options.extraMetrics) metrics.include(options.extraMetrics);
  const errors = createErrorReporter(config, log, 'api');
  const jobs = reportJobFailures(meterJobs(createJobHandlers(() => services), metrics, JOB_RETRIES), errors, JOB_RETRIES);
  const services: Services = {
    config,
    log,
    database,
    kv: await createKv(config, database),
    metrics,
    errors,
    jobs,
    ...createQueue(config, jobs, log),
    ai: meterAi(options.ai ?? createAi(config, loadNodeCardAssets), metrics),
    storage: selectStorage(config),
    morphology: loadNodeMorphology,
    ingest: createIngestControl(config, options.ingestFetch),
    clientAddress: nodeClientAddress({ trustProxy: config.TRUST_PROXY }),
    resolveHost: async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address),
    now: options.now ?? (() => Math.floor(Date.now() / 1000)),
    feedChanges: config.FEED_NOTIFICATIONS ? listenForFeedChanges(database, log.child({ component: 'feed-changes' }), { metrics }) : undefined,
  };
  return services;
}
