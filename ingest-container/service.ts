// The ingest service: holds MTProto sessions, reads channels, writes posts. Started by
// ingest-container/main.ts in production and by scripts/start.ts in the one-process local mode.
import type { Config } from '../core/config';
import type { Logger } from '../core/log';
import type { DatabaseHandle } from '../db/types';

export interface IngestService {
  stop(): Promise<void>;
}

export interface IngestDeps {
  config: Config;
  database: DatabaseHandle;
  log: Logger;
}

export async function startIngestService(deps: IngestDeps): Promise<IngestService> {
  deps.log.info('ingest service started', { enabled: deps.config.INGEST_ENABLED });
  return { stop: async () => undefined };
}
