// `npm start`: the whole product in one process on its embedded defaults — build the web app if
// needed, migrate, serve API + web, run ingest. Offline, no keys.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseConfig, ConfigError } from '../core/config';
import { createLogger } from '../core/log';
import { prepareDatabaseFromConfig } from '../db/migrate';
import { startApiServer } from '../edge/node';
import { WEB_DIST } from '../edge/static-node';
import { startIngestService } from '../ingest-container/service';
import { ensureWebBuilt } from './web-build';

async function main() {
  const config = parseConfig(process.env);
  const log = createLogger({ level: config.LOG_LEVEL, base: { service: 'tg-studio' } });

  // The first start builds the web app (into a temporary folder renamed into place: two first
  // starts at once are safe).
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    log.info('building the web app (first start)');
    ensureWebBuilt({ out: WEB_DIST });
  }

  const database = await prepareDatabaseFromConfig(config, log);
  // Ingest first: the API reaches it through its signed internal app, handed over in-process.
  const ingest = await startIngestService({ config, database, log: log.child({ service: 'ingest' }) });
  const api = await startApiServer(config, database, log.child({ service: 'api' }), {
    ingestFetch: ingest.fetch,
    extraMetrics: () => ingest.metrics.registry.render(),
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    await ingest.stop();
    await api.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  log.info('TG Studio is running', { url: api.url, database: database.driver, dataDir: path.resolve(config.DATA_DIR) });
  console.log(`\n  TG Studio is running: open ${api.url}\n`);
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
