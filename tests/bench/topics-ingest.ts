// Topics through the product's own ingest path: the sandbox replays the shared channels, one
// account follows every public one, the ingest loop stores them with the product's tuning and the
// topic job clusters what it stores — a first sync at the sandbox's start (2024-12-02 06:00 UTC:
// seven days of backfill, at most 500 posts a channel, channel after channel), then six hours of
// live passes, one every five minutes. The labelled posts ingested are scored on the topics the job
// wrote (a post in no written topic is a topic of its own), with the job's gathering (batches
// clustered together in date order, ingest-container/topics/gather.ts) and without it (each batch
// clustered as it is stored).
//   npx tsx tests/bench/topics-ingest.ts            (PGlite in memory; DATABASE_URL for PostgreSQL)
import { sql } from 'drizzle-orm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConfig } from '../../core/config';
import { createLogger } from '../../core/log';
import { bcubedScores, pairwiseScores, type PrfScores } from '../../core/topics';
import { bareChannelId } from '../../core/channels/telegram-id';
import { prepareDatabase } from '../../db/migrate';
import { queryRows } from '../../db/rows';
import type { DatabaseHandle } from '../../db/types';
import { IngestLoop, tuningFromConfig } from '../../ingest-container/ingest';
import { TopicJob } from '../../ingest-container/topics/topic-job';
import { createLocalStorage } from '../../storage/local';
import { TELEGRAM_GOLD_WINDOWS, loadTelegramGold } from '../fixtures/eval/load';
import { adminQuery, databaseUrlFor } from '../helpers/pg-admin';
import { START_AT, dataset, follow, manualClock, sandboxGateway, sandboxReader, seedAccount } from '../integration/ingest-fixtures';

const MINUTE = 60_000;
const LIVE_HOURS = 6;
const PASS_MINUTES = 5;
const pct = (x: number) => (100 * x).toFixed(1);
const prf = (s: PrfScores) => `P ${pct(s.precision)} R ${pct(s.recall)} F1 ${pct(s.f1)}`;

async function openDatabase(): Promise<{ database: DatabaseHandle; drop(): Promise<void> }> {
  const log = createLogger({ level: 'warn' });
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) return { database: await prepareDatabase({ pgliteDir: 'memory://', log }), drop: async () => {} };
  const name = `tgs_bench_topics_${Date.now().toString(36)}`;
  await adminQuery(baseUrl, `create database "${name}"`);
  const database = await prepareDatabase({ url: databaseUrlFor(baseUrl, name), log, poolSize: 10 });
  return { database, drop: () => adminQuery(baseUrl, `drop database if exists "${name}" with (force)`) };
}

/** The labelled windows' topics after ingest, keyed by `${tg channel id}:${msg id}` (null: in no written topic). */
async function ingestAndCluster(gathered: boolean): Promise<{ topicOf: Map<string, string | null>; posts: number; firstSync: number }> {
  const { database, drop } = await openDatabase();
  try {
    const db = database.db;
    const clock = manualClock(Date.parse(START_AT));
    const gateway = sandboxGateway(sandboxReader(clock));
    const { user, account } = await seedAccount(db, 'bench');
    const publicChannels = dataset.channels.filter((c) => c.visibility === 'public' && c.username);
    for (const c of publicChannels) await follow(db, user.id, account.id, c.username!);
    const log = createLogger({ level: 'warn' });
    const topics = new TopicJob({ db, log, clock: 'data', });
    await topics.start();
    const loop = new IngestLoop({
      db,
      gateway,
      storage: createLocalStorage(mkdtempSync(path.join(tmpdir(), 'tgs-bench-media-'))),
      log,
      tuning: tuningFromConfig(parseConfig({ APP_ENV: 'test' }), 'sandbox'),
      holder: 'bench',
      decryptSession: async (cipher) => cipher,
      now: clock.now,
      afterBatch: (ids, batch) => (gathered ? topics.gather(ids, batch) : topics.onMessagesIngested(ids)),
    });
    const t0 = performance.now();
    // The first sync as it runs in production: real pacing, batches gathered on real timers.
    await loop.runOnce();
    await topics.idle();
    const firstSync = (performance.now() - t0) / 1000;
    // Live: each pass's posts clustered once it is done (the job's quiet period is shorter than
    // the poll interval).
    for (let minute = PASS_MINUTES; minute <= LIVE_HOURS * 60; minute += PASS_MINUTES) {
      clock.advance(PASS_MINUTES * MINUTE);
      await loop.runOnce();
      await topics.idle();
    }
    await loop.stop();
    const [{ n }] = await queryRows<{ n: string }>(db, sql`select count(*)::text as n from messages`);
    const rows = await queryRows<{ tg: string; msg: string; topic: string | null }>(
      db,
      sql`select c.tg_channel_id::text as tg, m.msg_id::text as msg, tm.topic_id::text as topic
          from messages m join channels c on c.id = m.channel_id left join topic_messages tm on tm.message_id = m.id`,
    );
    return { topicOf: new Map(rows.map((r) => [`${r.tg}:${r.msg}`, r.topic])), posts: Number(n), firstSync };
  } finally {
    await database.close();
    await drop();
  }
}

export async function runTopicsIngestBench(): Promise<void> {
  for (const gathered of [true, false]) {
    const { topicOf, posts, firstSync } = await ingestAndCluster(gathered);
    console.log(`  ${gathered ? 'batches gathered (the product)' : 'each batch as stored'}: ${posts} posts stored; the first sync with its topics took ${firstSync.toFixed(1)} s`);
    for (const window of TELEGRAM_GOLD_WINDOWS) {
      const labelled = loadTelegramGold(window).posts;
      const keyOf = (p: (typeof labelled)[number]) => `${bareChannelId(Number(p.channelId))}:${p.msgId}`;
      const stored = labelled.filter((p) => topicOf.has(keyOf(p)));
      const predicted = stored.map((p) => topicOf.get(keyOf(p)) ?? `alone:${p.id}`);
      const gold = stored.map((p) => p.story);
      console.log(`    ${window} (${stored.length} of ${labelled.length} labelled posts ingested): B-cubed ${prf(bcubedScores(predicted, gold))}; pairwise ${prf(pairwiseScores(predicted, gold))}`);
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runTopicsIngestBench();
  process.exit(0);
}
