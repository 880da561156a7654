// The production entry of the ingest container: parse configuration, migrate (waiting for the
// database), start the service, and serve its signed /internal/* routes, /healthz and /metrics
// on PORT. The API reaches it at INGEST_INTERNAL_URL.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { ConfigError, parseConfig } from '../core/config';
import { createLogger } from '../core/log';
import { prepareDatabaseFromConfig } from '../db/migrate';
import { startIngestService } from './service';

function processMetrics(gateway: string, startedAt: number): string {
  const memory = process.memoryUsage();
  return [
    '# HELP ingest_up The ingest service is running.',
    '# TYPE ingest_up gauge',
    'ingest_up 1',
    '# HELP ingest_gateway_info The Telegram gateway in use.',
    '# TYPE ingest_gateway_info gauge',
    `ingest_gateway_info{kind="${gateway}"} 1`,
    '# HELP process_uptime_seconds Seconds since the process started.',
    '# TYPE process_uptime_seconds gauge',
    `process_uptime_seconds ${Math.round((Date.now() - startedAt) / 1000)}`,
    '# HELP process_resident_memory_bytes Resident memory size in bytes.',
    '# TYPE process_resident_memory_bytes gauge',
    `process_resident_memory_bytes ${memory.rss}`,
    '',
  ].join('\n');
}

async function main() {
  const startedAt = Date.now();
  const config = parseConfig(process.env);
  const log = createLogger({ level: config.LOG_LEVEL, base: { service: 'ingest' } });
  const database = await prepareDatabaseFromConfig(config, log);
  const ingest = await startIngestService({ config, database, log });

  const app = new Hono()
    .get('/healthz', async (c) => {
      try {
        await database.ping();
        return c.json({ status: 'ok', gateway: ingest.gateway.kind });
      } catch (error) {
        log.error('health check: database unreachable', { error });
        return c.json({ error: { code: 'DATABASE_UNAVAILABLE', message: 'The database is not reachable' } }, 503);
      }
    })
    .get('/metrics', (c) => c.text(processMetrics(ingest.gateway.kind, startedAt), 200, { 'content-type': 'text/plain; version=0.0.4' }))
    .all('/internal/*', (c) => ingest.fetch(c.req.raw));
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
