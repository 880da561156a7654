// The ingest container's HTTP surface: /healthz, /metrics (process gauges + the service's
// ingest metrics) and the signed /internal/* routes the API calls.
import { Hono } from 'hono';
import type { Logger } from '../core/log';
import type { DatabaseHandle } from '../db/types';
import type { IngestService } from './service';

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

export function createIngestHttpApp(deps: { ingest: IngestService; database: Pick<DatabaseHandle, 'ping'>; log: Logger; startedAt?: number }) {
  const { ingest, database, log } = deps;
  const startedAt = deps.startedAt ?? Date.now();
  return new Hono()
    .get('/healthz', async (c) => {
      try {
        await database.ping();
        return c.json({ status: 'ok', gateway: ingest.gateway.kind });
      } catch (error) {
        log.error('health check: database unreachable', { error });
        return c.json({ error: { code: 'DATABASE_UNAVAILABLE', message: 'The database is not reachable' } }, 503);
      }
    })
    .get('/metrics', (c) =>
      c.text(`${processMetrics(ingest.gateway.kind, startedAt)}\n${ingest.metrics.registry.render()}`, 200, { 'content-type': 'text/plain; version=0.0.4' }),
    )
    .all('/internal/*', (c) => ingest.fetch(c.req.raw));
}
