// A real HTTP server (API + built web app) on a free port over a fresh test database.
import { createLogger } from '../../core/log';
import { startApiServer } from '../../edge/node';
import { WEB_DIST } from '../../edge/static-node';
import { startIngestService } from '../../ingest-container/service';
import { createTestDatabase } from './db';
import { testConfig } from './context';
import { ensureWebBuilt as buildWebApp } from '../../scripts/web-build';

/** Builds the web app once if it is missing (atomically: concurrent test files may ask at once). */
export function ensureWebBuilt() {
  buildWebApp({ out: WEB_DIST });
}

// A real server as production runs it: where the test database is PostgreSQL, feed and top state
// come from the database's change notifications (edge/services/feed-changes.ts).
const AS_DEPLOYED = { PORT: '0', FEED_NOTIFICATIONS: 'true' };

export async function startTestServer(overrides: Record<string, string | undefined> = {}) {
  ensureWebBuilt();
  const config = testConfig({ ...AS_DEPLOYED, ...overrides });
  const database = await createTestDatabase();
  const api = await startApiServer(config, database, createLogger({ level: 'warn' }));
  return {
    url: api.url,
    config,
    database,
    close: async () => {
      await api.close();
      await database.drop();
    },
  };
}

/** The same, with the ingest service running on that database and the API wired to it in-process. */
export async function startTestServerWithIngest(overrides: Record<string, string | undefined> = {}) {
  ensureWebBuilt();
  const config = testConfig({ ...AS_DEPLOYED, ...overrides });
  const database = await createTestDatabase();
  const log = createLogger({ level: 'warn' });
  const ingest = await startIngestService({ config, database, log });
  const api = await startApiServer(config, database, log, { ingestFetch: ingest.fetch });
  return {
    url: api.url,
    config,
    database,
    ingest,
    close: async () => {
      await ingest.stop();
      await api.close();
      await database.drop();
    },
  };
}
