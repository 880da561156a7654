// The database's feed change notifications (migration 0010) on a Node server with PostgreSQL: while
// they are heard, a reader's feed fingerprint stays known in memory (./known-fingerprints.ts) and a
// cached page costs no round trip. A change committed by any process is heard a moment after its
// commit; this process's own writes wait for that moment (`sync`) before they answer, so a reader
// who changed something sees it on the next read. Lost notifications (the connection dropped, or
// stopped answering) drop everything known, and reads go to the database until it listens again.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../core/log';
import type { DatabaseHandle } from '../../db/types';
import { KnownFingerprints } from './known-fingerprints';

export const FEED_CHANNEL = 'tgs_feed';

export interface FeedChanges {
  /** Whether notifications are heard now: only then are `known` fingerprints used. */
  readonly live: boolean;
  readonly known: KnownFingerprints;
  /** Resolves true once every change committed before the call has been heard; false when not
   *  listening, or no answer within `timeoutMs` (all known fingerprints are dropped then). */
  sync(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface FeedChangeOptions {
  /** How often a quiet connection is checked (a sync round trip); default 15 s. */
  heartbeatMs?: number;
  /** How long a check may take before the connection counts as lost; default 5 s. */
  heartbeatTimeoutMs?: number;
}

const SYNC_TIMEOUT_MS = 2_000;

/** Starts listening when the database can (node-postgres); undefined otherwise. */
export function listenForFeedChanges(database: DatabaseHandle, log: Logger, options: FeedChangeOptions = {}): FeedChanges | undefined {
  if (!database.listen) return undefined;
  const known = new KnownFingerprints();
  const token = `s${randomUUID()}:`;
  let syncs = 0;
  const waiting = new Map<number, (heard: boolean) => void>();
  const settleAll = (heard: boolean) => {
    for (const settle of waiting.values()) settle(heard);
    waiting.clear();
  };

  const listening = database.listen(FEED_CHANNEL, {
    notify(payload) {
      if (payload.startsWith('c')) known.channelChanged(Number(payload.slice(1)));
      else if (payload.startsWith('u')) known.userChanged(payload.slice(1));
      else if (payload.startsWith(token)) waiting.get(Number(payload.slice(token.length)))?.(true);
      else if (!payload.startsWith('s')) known.dropAll(); // a kind this version does not know
    },
    up() {
      known.dropAll();
      log.info('feed change notifications heard');
    },
    down() {
      known.dropAll();
      settleAll(false);
      log.warn('feed change notifications lost: feed reads go to the database until they return');
    },
  });

  const sync = (timeoutMs = SYNC_TIMEOUT_MS): Promise<boolean> => {
    if (!listening.live) return Promise.resolve(false);
    const n = ++syncs;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => settle(false), timeoutMs);
      const settle = (heard: boolean) => {
        clearTimeout(timer);
        waiting.delete(n);
        if (!heard) known.dropAll();
        resolve(heard);
      };
      waiting.set(n, settle);
      listening.send(`${token}${n}`).catch(() => settle(false));
    });
  };

  // A connection can die without a word (a network partition): a check that goes unanswered
  // counts as losing it.
  const heartbeat = setInterval(() => {
    if (!listening.live) return;
    void sync(options.heartbeatTimeoutMs ?? 5_000).then((heard) => {
      if (!heard && listening.live) listening.restart();
    });
  }, options.heartbeatMs ?? 15_000);
  heartbeat.unref?.();

  return {
    get live() {
      return listening.live;
    },
    known,
    sync,
    async close() {
      clearInterval(heartbeat);
      settleAll(false);
      await listening.close();
    },
  };
}
