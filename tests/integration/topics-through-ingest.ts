// Topics through the product's own ingest path, for the bench and the floors: the sandbox replays
// the shared channels, one account follows every public one, the ingest loop stores them with the
// product's tuning and the topic job clusters what it stores — a first sync at the sandbox's start
// (2024-12-02 06:00 UTC: seven days of backfill, at most 500 posts a channel, channel after
// channel), then live passes every five minutes of the sandbox's time. Labelled posts are scored on
// the topics the job wrote (a post in no written topic is a topic of its own).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { bareChannelId } from '../../core/channels/telegram-id';
import { parseConfig } from '../../core/config';
import { createLogger } from '../../core/log';
import { bcubedScores, pairwiseScores, type PrfScores } from '../../core/topics';
import { queryRows } from '../../db/rows';
import type { Db } from '../../db/types';
import { IngestLoop, tuningFromConfig } from '../../ingest-container/ingest';
import { TopicJob } from '../../ingest-container/topics/topic-job';
import { createLocalStorage } from '../../storage/local';
import { loadTelegramGold, type TelegramGoldWindow } from '../fixtures/eval/load';
import { START_AT, dataset, follow, manualClock, sandboxGateway, sandboxReader, seedAccount } from './ingest-fixtures';

const PASS_MS = 5 * 60_000;

export interface ThroughIngestOptions {
  /** With the job's gathering (the product), or each batch clustered as it is stored. */
  gathered: boolean;
  /** Hours of live passes after the first sync. */
  liveHours: number;
  /** Between an account's calls (the product's sandbox pacing unless given). */
  pacingMs?: number;
}

export interface ThroughIngest {
  /** Topic of each stored post, by `${tg channel id}:${msg id}` (null: in no written topic). */
  topicOf: Map<string, string | null>;
  posts: number;
  firstSyncSeconds: number;
}

export async function topicsThroughIngest(db: Db, options: ThroughIngestOptions): Promise<ThroughIngest> {
  const clock = manualClock(Date.parse(START_AT));
  const { user, account } = await seedAccount(db, 'through-ingest');
  for (const c of dataset.channels) if (c.visibility === 'public' && c.username) await follow(db, user.id, account.id, c.username);
  const log = createLogger({ level: 'warn' });
  const topics = new TopicJob({ db, log, clock: 'data' });
  await topics.start();
  const tuning = tuningFromConfig(parseConfig({ APP_ENV: 'test' }), 'sandbox');
  const loop = new IngestLoop({
    db,
    gateway: sandboxGateway(sandboxReader(clock)),
    storage: createLocalStorage(mkdtempSync(path.join(tmpdir(), 'tgs-through-ingest-'))),
    log,
    tuning: { ...tuning, pacingMs: options.pacingMs ?? tuning.pacingMs },
    holder: `through-ingest-${process.pid}`,
    decryptSession: async (cipher) => cipher,
    now: clock.now,
    afterBatch: (ids, batch) => (options.gathered ? topics.gather(ids, batch) : topics.onMessagesIngested(ids)),
  });
  const started = performance.now();
  // The first sync as in production: batches gathered on real timers.
  await loop.runOnce();
  await topics.idle();
  const firstSyncSeconds = (performance.now() - started) / 1000;
  // Live: each pass's posts clustered once it is done (the job's quiet period is shorter than the poll interval).
  for (let t = PASS_MS; t <= options.liveHours * 3_600_000; t += PASS_MS) {
    clock.advance(PASS_MS);
    await loop.runOnce();
    await topics.idle();
  }
  await loop.stop();
  const rows = await queryRows<{ tg: string; msg: string; topic: string | null }>(
    db,
    sql`select c.tg_channel_id::text as tg, m.msg_id::text as msg, tm.topic_id::text as topic
        from messages m join channels c on c.id = m.channel_id left join topic_messages tm on tm.message_id = m.id`,
  );
  return { topicOf: new Map(rows.map((r) => [`${r.tg}:${r.msg}`, r.topic])), posts: rows.length, firstSyncSeconds };
}

/** B-cubed and pairwise scores of a labelled window's posts that ingest stored. */
export function scoreStoredWindow(topicOf: ThroughIngest['topicOf'], window: TelegramGoldWindow): { stored: number; labelled: number; bcubed: PrfScores; pairwise: PrfScores } {
  const labelled = loadTelegramGold(window).posts;
  const keyOf = (p: (typeof labelled)[number]) => `${bareChannelId(Number(p.channelId))}:${p.msgId}`;
  const stored = labelled.filter((p) => topicOf.has(keyOf(p)));
  const predicted = stored.map((p) => topicOf.get(keyOf(p)) ?? `alone:${p.id}`);
  const gold = stored.map((p) => p.story);
  return { stored: stored.length, labelled: labelled.length, bcubed: bcubedScores(predicted, gold), pairwise: pairwiseScores(predicted, gold) };
}
