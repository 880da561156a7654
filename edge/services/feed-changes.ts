// The database's feed change notifications (migration 0010) on a Node server with PostgreSQL: while
// they are heard, a reader's feed fingerprint stays known in memory (./known-values.ts) and a
// cached page costs no round trip. A change committed by any process is heard a moment after its
// commit; this process's own writes wait for that moment (`sync`) before they answer, so a reader
// who changed something sees it on the next read. Lost notifications (the connection dropped, or
// stopped answering) drop everything known, and reads go to the database until it listens again.
import type { Logger } from '../../core/log';
import type { Metrics } from '../../core/metrics/registry';
import type { DatabaseHandle } from '../../db/types';
import { feedNotificationMetrics } from '../metrics';
import { KnownValues } from './known-values';

export const FEED_CHANNEL = 'tgs_feed';

export interface FeedChanges {
  /** Whether notifications are heard now: only then are `known` values used. */
  readonly live: boolean;
  readonly known: KnownValues;
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
  /** Where `feed_notifications_live` is kept (deploy/alerts.yml: FeedNotificationsLost). */
  metrics?: Metrics;
}

const SYNC_TIMEOUT_MS = 2_000;

/** Starts listening when the database can (node-postgres); undefined otherwise. */
export function listenForFeedChanges(database: DatabaseHandle, log: Logger, options: FeedChangeOptions = {}): FeedChanges | undefined {
  if (!database.listen) return undefined;
  const gauge = options.metrics ? feedNotificationMetrics(options.metrics).live : undefined;
  gauge?.set({}, 0);
  const known = new KnownValues();
  const token = `s${crypto.randomUUID()}:`;
  let syncs = 0;
  const waiting = new Map<number, (heard: boolean) => void>();
  const settleAll = (heard: boolean) => {
    for (const settle of waiting.values()) settle(heard);
    waiting.clear();
  };

  const listening = database.listen(FEED_CHANNEL, {
    notify(payload) {
      // A sync round's token comes back to the process that sent it; every other notice is a tag.
      if (payload.startsWith(token)) waiting.get(Number(payload.slice(token.length)))?.(true);
      else if (!payload.startsWith('s')) known.changed(payload);
    },
    up() {
      known.dropAll();
      gauge?.set({}, 1);
      log.info('feed change notifications heard');
    },
    down() {
      known.dropAll();
      gauge?.set({}, 0);
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

/** What `read` reads, or what it read before while notifications have named none of its tags
 *  since. `read(keeping)`: whether its value may be kept (its tags are needed only then). */
export async function knownOrRead<V>(changes: FeedChanges | undefined, key: string, read: (keeping: boolean) => Promise<{ value: V; tags: string[] }>): Promise<V> {
  if (!changes?.live) return (await read(false)).value;
  const known = changes.known.get<V>(key);
  if (known !== undefined) return known;
  const since = changes.known.since();
  const fresh = await read(true);
  if (changes.live) changes.known.keep(key, fresh, since);
  return fresh.value;
}
