// The production entry of the ingest container: parse configuration, migrate (waiting for the
// database), start the service, and serve its signed /internal/* routes, /healthz and /metrics
// on PORT. The API reaches it at INGEST_INTERNAL_URL.
import { serve } from '@hono/node-server';
import { ConfigError, parseConfig } from '../core/config';
import { createLogger } from '../core/log';
import { prepareDatabaseFromConfig } from '../db/migrate';
import { createIngestHttpApp } from './http';
import { startIngestService } from './service';

async function main() {
  const startedAt = Date.now();
  const config = parseConfig(process.env);
  const log = createLogger({ level: config.LOG_LEVEL, base: { service: 'ingest' } });
  const database = await prepareDatabaseFromConfig(config, log);
  const ingest = await startIngestService({ config, database, log });

  const app = createIngestHttpApp({ ingest, database, log, startedAt });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST });
  log.info('ingest listening', { port: config.PORT, host: config.HOST, gateway: ingest.gateway.kind });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    server.close();
    await ingest.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  // The process never dies of one failure: log it and keep serving.
  process.on('unhandledRejection', (error) => log.error('unhandled rejection', { error }));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
