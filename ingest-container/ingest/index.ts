// Builds the polling loop from configuration. One loop per ingest process; its holder id is
// unique per process so leases tell processes apart.
import { hostname } from 'node:os';
import type { Config } from '../../core/config';
import type { SessionCipher } from '../../core/crypto/session-cipher';
import type { Logger } from '../../core/log';
import type { Db } from '../../db/types';
import type { TelegramGateway } from '../gateway/port';
import type { IngestMetrics } from '../metrics';
import type { ObjectStorage as MediaStorage } from '../../storage/port';
import { selectStorage as selectMediaStorage } from '../../storage/select';
import type { AfterBatch } from './channel-sync';
import { IngestLoop } from './loop';
import { tuningFromConfig, type IngestTuning } from './options';

export interface IngestLoopDeps {
  config: Config;
  db: Db;
  /** A small pool for the lease and heartbeat statements (db unless given; see IngestLoopOptions.leaseDb). */
  leaseDb?: Db;
  gateway: TelegramGateway;
  cipher: Pick<SessionCipher, 'decrypt'>;
  log: Logger;
  afterBatch?: AfterBatch;
  storage?: MediaStorage;
  tuning?: Partial<IngestTuning>;
  metrics?: IngestMetrics;
}

export function processHolderId(): string {
  return `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
}

export function createIngestLoop(deps: IngestLoopDeps): IngestLoop {
  return new IngestLoop({
    db: deps.db,
    leaseDb: deps.leaseDb,
    gateway: deps.gateway,
    storage: deps.storage ?? selectMediaStorage(deps.config),
    log: deps.log,
    tuning: { ...tuningFromConfig(deps.config, deps.gateway.kind), ...deps.tuning },
    holder: processHolderId(),
    decryptSession: (cipher) => deps.cipher.decrypt(cipher),
    afterBatch: deps.afterBatch,
    metrics: deps.metrics,
  });
}

export { IngestLoop } from './loop';
export type { IngestLoopOptions } from './loop';
export { tuningFromConfig, type IngestTuning } from './options';
