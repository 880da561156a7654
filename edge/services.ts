// What a request handler can reach. Built once by the entry point (edge/wire-node.ts or
// edge/worker.ts) from configuration; handlers read it with c.get('services').
import type { Context } from 'hono';
import type { Config } from '../core/config';
import type { ErrorReporter } from '../core/error-report';
import type { Logger } from '../core/log';
import type { Morphology } from '../core/text/morphology';
import type { DatabaseHandle } from '../db/types';
import type { ObjectStorage } from '../storage/port';
import type { AiPort } from './ports/ai';
import type { IngestControl } from './ports/ingest';
import type { Kv } from './ports/kv';
import type { JobHandlers, Queue } from './ports/queue';
import type { Metrics } from './metrics';
import type { FeedChanges } from './services/feed-changes';

export interface Services {
  config: Config;
  log: Logger;
  database: DatabaseHandle;
  kv: Kv;
  metrics: Metrics;
  /** Unexpected failures (5xx, jobs failed for good) to Sentry when SENTRY_DSN is set; a no-op otherwise. */
  errors: ErrorReporter;
  queue: Queue;
  jobs: JobHandlers;
  /** Text, images and moderation: the OpenAI SDK or the offline engine. */
  ai: AiPort;
  /** Object storage for generated images (and, on the ingest side, post media). */
  storage: ObjectStorage;
  /** The Russian dictionary (edge/adapters/morphology), loaded on first use: the Publisher's tags in
   *  the nominative, and no verbs or adjectives as tags. */
  morphology: () => Promise<Morphology>;
  /** The database's feed change notifications, where heard (Node with PostgreSQL and
   *  FEED_NOTIFICATIONS on): cached feed pages without a round trip (services/feed-changes.ts). */
  feedChanges?: FeedChanges;
  /** Verifies QStash callbacks; absent when jobs run in-process. */
  queueReceiver?: (input: { signature: string; body: string; url: string }) => Promise<boolean>;
  /** The port to the ingest service; absent until wired (routes answer 503 then). */
  ingest?: IngestControl;
  /** The client's network address as this runtime knows it (rate limits); undefined when unknown. */
  clientAddress(c: Context): string | undefined;
  /** Resolves a host name to its addresses for the webhook SSRF guard (Node); absent on Workers. */
  resolveHost?: (host: string) => Promise<string[]>;
  /** Tests: the fetch webhook deliveries use (default: the global fetch). */
  webhookFetch?: typeof fetch;
  /** Seconds since epoch; injectable so tests can move time. */
  now(): number;
}
