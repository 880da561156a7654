// Node entry of the API (containers, self-hosting): migrate, wire, serve.
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { parseConfig, type Config } from '../core/config';
import { createLogger, type Logger } from '../core/log';
import { prepareDatabaseFromConfig } from '../db/migrate';
import type { DatabaseHandle } from '../db/types';
import { createApp } from './app';
import { mediaRoutes } from './routes/media';
import { pipelineContext, resumeRuns } from './services/pipeline';
import { startRulesTimer } from './services/rules-timer';
import { resumeDeliveries, webhookContext } from './services/webhooks';
import { mountWebApp, nodeCompression } from './static-node';
import type { Services } from './services';
import { createNodeServices, type NodeServiceOptions } from './wire-node';

export interface RunningApi {
  server: ServerType;
  url: string;
  services: Services;
  close(): Promise<void>;
}

const KEEP_ALIVE_MS = 65_000;

export async function startApiServer(config: Config, database: DatabaseHandle, log: Logger, options: NodeServiceOptions = {}): Promise<RunningApi> {
  const services = await createNodeServices(config, database, log, options);
  const app = createApp(services, { compress: nodeCompression() });
  // The in-process queue forgot its jobs with the last process; the runs table did not.
  if (!services.queueReceiver) await resumeRuns(pipelineContext(services, log.child({ component: 'pipeline' })));
  if (!services.queueReceiver) await resumeDeliveries(webhookContext(services, log.child({ component: 'webhooks' })));
  // Rules: locally a timer (production: a QStash schedule calling POST /queue/rules.evaluate).
  const rulesTimer = services.queueReceiver ? null : startRulesTimer(services, config.RULES_EVALUATE_SECONDS, log.child({ component: 'rules' }));
  app.route('/', mediaRoutes(path.resolve(config.DATA_DIR, 'media')));
  mountWebApp(app);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s));
  });
  // Idle keep-alive sockets outlive the proxies' (about 60 s) and the clients' pools: Node's 5 s
  // default closes a socket just as a client reuses it, and that GET ends in ECONNRESET.
  if ('keepAliveTimeout' in server) Object.assign(server, { keepAliveTimeout: KEEP_ALIVE_MS, headersTimeout: KEEP_ALIVE_MS + 1_000 });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' || config.HOST === '127.0.0.1' ? 'localhost' : config.HOST}:${port}`;
  return {
    server,
    url,
    services,
    close: () =>
      new Promise<void>((resolve) => {
        if (rulesTimer) clearInterval(rulesTimer);
        server.close(() => resolve());
        void services.queue.close?.();
        void services.kv.close?.();
        void services.feedChanges?.close();
      }),
  };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  const config = parseConfig(process.env);
  const log = createLogger({ level: config.LOG_LEVEL, base: { service: 'api' } });
  const database = await prepareDatabaseFromConfig(config, log);
  const api = await startApiServer(config, database, log);
  log.info('api listening', { url: api.url });
  const shutdown = async () => {
    await api.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
