// A test context with the ingest service running on the same database (sandbox gateway unless
// one is injected) and the API's IngestControl wired to its signed internal app in-process.
import { createLogger, type Logger } from '../../core/log';
import { createApp } from '../../edge/app';
import { createNodeServices } from '../../edge/wire-node';
import type { TelegramGateway } from '../../ingest-container/gateway/port';
import { startIngestService, type IngestService } from '../../ingest-container/service';
import { testConfig, type TestContext } from './context';
import { createTestDatabase } from './db';

export interface IngestTestContext extends TestContext {
  ingest: IngestService;
}

export async function createIngestTestContext(
  overrides: Record<string, string | undefined> = {},
  options: { gateway?: TelegramGateway } = {},
): Promise<IngestTestContext> {
  // The QR is only "scanned" when a test presses the button, unless it asks otherwise.
  const config = testConfig({ SANDBOX_QR_DELAY_MS: '600000', INGEST_ENABLED: 'false', ...overrides });
  const database = await createTestDatabase();
  const logs: string[] = [];
  const log: Logger = createLogger({ level: 'debug', sink: (line) => logs.push(line) });
  const ingest = await startIngestService({ config, database, log: log.child({ service: 'ingest' }), gateway: options.gateway });
  const services = await createNodeServices(config, database, log, { ingestFetch: ingest.fetch });
  return {
    app: createApp(services),
    services,
    config,
    database,
    logs,
    ingest,
    close: async () => {
      await ingest.stop();
      await services.kv.close?.();
      await database.drop();
    },
  };
}
