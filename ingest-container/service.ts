// The ingest service: holds MTProto sessions, reads channels, writes posts. Started by
// ingest-container/main.ts in production and by scripts/start.ts in the one-process local mode.
import type { Config } from '../core/config';
import type { Logger } from '../core/log';
import type { DatabaseHandle } from '../db/types';
import { createSessionCipher } from '../core/crypto/session-cipher';
import type { TelegramGateway } from './gateway/port';
import { selectTelegramGateway } from './gateway/select';
import { createIngestLoop, type IngestLoop } from './ingest';
import { createInternalApp } from './internal/app';
import { createIngestMetrics, type IngestMetrics } from './metrics';
import { QrLoginManager } from './qr/manager';
import { TopicJob } from './topics/topic-job';

export interface IngestService {
  stop(): Promise<void>;
  /** The signed /internal/* app the API calls (served on PORT by main.ts, in-process by start.ts). */
  fetch(request: Request): Promise<Response>;
  /** The Telegram gateway in use: gramjs, or the sandbox when no API credentials are set. */
  gateway: TelegramGateway;
  /** This process's ingest metrics; `metrics.registry.render()` is the Prometheus text. */
  metrics: IngestMetrics;
}

export interface IngestDeps {
  config: Config;
  database: DatabaseHandle;
  /** A small pool of its own for lease statements (production); the main pool otherwise. */
  leaseDatabase?: DatabaseHandle;
  log: Logger;
  /** Tests inject a gateway; otherwise chosen from configuration. */
  gateway?: TelegramGateway;
}

export async function startIngestService(deps: IngestDeps): Promise<IngestService> {
  const gateway = deps.gateway ?? selectTelegramGateway(deps.config, deps.log);
  const cipher = createSessionCipher(deps.config.SESSION_KEYS);
  const metrics = createIngestMetrics(undefined, gateway.kind);
  const qr = new QrLoginManager({ db: deps.database.db, gateway, cipher, log: deps.log.child({ component: 'qr-login' }), metrics });
  let loop: IngestLoop | null = null;
  const internal = createInternalApp({
    db: deps.database.db,
    log: deps.log,
    secret: deps.config.INTERNAL_SECRET,
    gateway,
    cipher,
    qr,
    onAccountRemoved: (accountId) => void loop?.forget(accountId),
  });
  // Topics and rankings follow the committed batches (the polling loop's afterBatch hook), gathered
  // so that a pass's posts reach the index in date order (topics/gather.ts).
  const topics = new TopicJob({ db: deps.database.db, log: deps.log.child({ component: 'topics' }), clock: gateway.kind === 'sandbox' ? 'data' : 'wall', metrics });
  void topics.start().then(
    () => topics.startRefreshing(10 * 60_000),
    (error: unknown) => deps.log.error('topic index rebuild failed', { error }),
  );
  if (deps.config.INGEST_ENABLED) {
    loop = createIngestLoop({
      config: deps.config,
      db: deps.database.db,
      leaseDb: deps.leaseDatabase?.db,
      gateway,
      cipher,
      log: deps.log.child({ component: 'ingest-loop' }),
      afterBatch: (messageIds, batch) => topics.gather(messageIds, batch),
      metrics,
    });
    loop.start();
  }
  deps.log.info('ingest service started', { enabled: deps.config.INGEST_ENABLED, gateway: gateway.kind });
  return {
    gateway,
    metrics,
    fetch: async (request) => internal.fetch(request),
    stop: async () => {
      // The batch in flight finishes and leases are released before anything else closes.
      await loop?.stop();
      await qr.stop();
      topics.stopRefreshing();
      await topics.idle();
    },
  };
}
