// The production entry of the ingest container: parse configuration, migrate (waiting for the
// database), start the service, and serve its signed /internal/* routes, /healthz and /metrics
// on PORT. The API reaches it at INGEST_INTERNAL_URL. With SENTRY_DSN, what the service logs as
// an error with the error attached (a crashed loop pass, a failed topic or ranking job, an
// internal call that failed) and a crash of the process are reported too (core/error-report.ts).
import { serve } from '@hono/node-server';
import { ConfigError, parseConfig } from '../core/config';
import { errorReporterFrom, noErrorReporter, reportLoggedErrors, type ErrorReporter } from '../core/error-report';
import { createLogger } from '../core/log';
import { openDatabase } from '../db/client';
import { prepareDatabaseFromConfig } from '../db/migrate';
import { connectionFailure } from '../db/unavailable';
import { version } from '../package.json';
import { createIngestHttpApp } from './http';
import { startIngestService } from './service';

let reporter: ErrorReporter = noErrorReporter;

async function main() {
  const startedAt = Date.now();
  const config = parseConfig(process.env);
  const baseLog = createLogger({ level: config.LOG_LEVEL, base: { service: 'ingest' } });
  reporter = errorReporterFrom(config, { fetch: (url, init) => fetch(url, init), log: baseLog.child({ component: 'error-reports' }), service: 'ingest', version });
  // A database that went away is an outage (health check, alerts), not a bug to report.
  const log = reportLoggedErrors(baseLog, reporter, { ignore: (error) => connectionFailure(error) !== null });
  const database = await prepareDatabaseFromConfig(config, log);
  // Lease renewals and heartbeats get their own two connections, so a busy first sync cannot queue
  // them until the leases expire (docs/scale.md).
  const leaseDatabase = config.DATABASE_URL ? await openDatabase({ url: config.DATABASE_URL, poolSize: 2 }) : undefined;
  const ingest = await startIngestService({ config, database, leaseDatabase, log });

  const app = createIngestHttpApp({ ingest, database, log, startedAt });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST });
  log.info('ingest listening', { port: config.PORT, host: config.HOST, gateway: ingest.gateway.kind, errorReports: reporter.kind });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    server.close();
    await ingest.stop();
    await leaseDatabase?.close();
    await database.close();
    await reporter.flush();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  // The process never dies of one failure: log it (and report it) and keep serving.
  process.on('unhandledRejection', (error) => {
    baseLog.error('unhandled rejection', { error });
    if (connectionFailure(error) === null) void reporter.report(error, { operation: 'unhandled rejection', handled: false });
  });
  // An exception nothing caught still ends the process (its state is unknown), once it is reported.
  process.on('uncaughtException', (error) => {
    baseLog.error('uncaught exception', { error });
    void reporter.report(error, { operation: 'uncaught exception', level: 'fatal', handled: false }).finally(() => process.exit(1));
  });
}

main().catch(async (error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  if (!(error instanceof ConfigError)) await reporter.report(error, { operation: 'ingest failed to start', level: 'fatal', handled: false });
  process.exit(1);
});
