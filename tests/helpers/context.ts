// An in-process app over a fresh test database: tests call app.request(url, init), no server.
import { parseConfig, type Config } from '../../core/config';
import { createLogger, type Logger } from '../../core/log';
import { createApp } from '../../edge/app';
import type { Services } from '../../edge/services';
import { createNodeServices } from '../../edge/wire-node';
import { createTestDatabase, type TestDatabase } from './db';

export interface TestContext {
  app: ReturnType<typeof createApp>;
  services: Services;
  config: Config;
  database: TestDatabase;
  logs: string[];
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  return parseConfig({
    APP_ENV: 'test',
    LOG_LEVEL: 'warn',
    PORT: '0',
    // Real Redis only in the kv contract tests; the app under test uses the Postgres kv.
    // Feed pages read their fingerprint every time: tests write to the database directly and read
    // at once (tests/integration/feed-cache.test.ts runs with the notifications too).
    FEED_NOTIFICATIONS: 'false',
    ...overrides,
  });
}

export async function createTestContext(overrides: Record<string, string | undefined> = {}): Promise<TestContext> {
  const config = testConfig(overrides);
  const database = await createTestDatabase();
  const logs: string[] = [];
  const log: Logger = createLogger({ level: 'debug', sink: (line) => logs.push(line) });
  const services = await createNodeServices(config, database, log);
  const app = createApp(services);
  return {
    app,
    services,
    config,
    database,
    logs,
    close: async () => {
      await services.kv.close?.();
      await database.drop();
    },
  };
}
