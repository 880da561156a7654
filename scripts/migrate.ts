// `npm run migrate`: wait for the database and apply pending migrations, then exit.
import { parseConfig } from '../core/config';
import { createLogger } from '../core/log';
import { prepareDatabaseFromConfig } from '../db/migrate';

const config = parseConfig(process.env);
const log = createLogger({ level: config.LOG_LEVEL, base: { service: 'migrate' } });
try {
  const handle = await prepareDatabaseFromConfig(config, log);
  await handle.close();
} catch (error) {
  log.error('migration failed', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
