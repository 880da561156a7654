// The ingest service: holds MTProto sessions, reads channels, writes posts. Started by
// ingest-container/main.ts in production and by scripts/start.ts in the one-process local mode.
import type { Config } from '../core/config';
import type { Logger } from '../core/log';
import type { DatabaseHandle } from '../db/types';
import { createSessionCipher } from '../core/crypto/session-cipher';
import type { TelegramGateway } from './gateway/port';
import { selectTelegramGateway } from './gateway/select';
import { createInternalApp } from './internal/app';
import { QrLoginManager } from './qr/manager';

export interface IngestService {
  stop(): Promise<void>;
  /** The signed /internal/* app the API calls (served on PORT by main.ts, in-process by start.ts). */
  fetch(request: Request): Promise<Response>;
  /** The Telegram gateway in use: gramjs, or the sandbox when no API credentials are set. */
  gateway: TelegramGateway;
}

export interface IngestDeps {
  config: Config;
  database: DatabaseHandle;
  log: Logger;
  /** Tests inject a gateway; otherwise chosen from configuration. */
  gateway?: TelegramGateway;
}

export async function startIngestService(deps: IngestDeps): Promise<IngestService> {
  const gateway = deps.gateway ?? selectTelegramGateway(deps.config, deps.log);
  const cipher = createSessionCipher(deps.config.SESSION_KEYS);
  const qr = new QrLoginManager({ db: deps.database.db, gateway, cipher, log: deps.log.child({ component: 'qr-login' }) });
  const internal = createInternalApp({ db: deps.database.db, log: deps.log, secret: deps.config.INTERNAL_SECRET, gateway, cipher, qr });
  deps.log.info('ingest service started', { enabled: deps.config.INGEST_ENABLED, gateway: gateway.kind });
  return {
    gateway,
    fetch: async (request) => internal.fetch(request),
    stop: async () => {
      await qr.stop();
    },
  };
}
