// `npm run migrate`: wait for the database and apply pending migrations, then exit.
import path from 'node:path';
import { parseConfig } from '../core/config';
import { createLogger } from '../core/log';
import { prepareDatabase } from '../db/migrate';

const config = parseConfig(process.env);
const log = createLogger({ level: config.LOG_LEVEL, base: { service: 'migrate' } });
try {
  const handle = await prepareDatabase({
    url: config.DATABASE_URL,
    pgliteDir: path.resolve(config.DATA_DIR, 'pg'),
    log,
    waitTimeoutMs: config.DB_WAIT_TIMEOUT_MS,
  });
  await handle.close();
} catch (error) {
  log.error('migration failed', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
