// Topics through the product's own ingest path (tests/integration/topics-through-ingest.ts): the
// sandbox's first sync and six hours of live passes, with the job's gathering (batches clustered
// together in date order, ingest-container/topics/gather.ts) and without it (each batch clustered
// as it is stored). Prints the labelled windows' scores on the topics the job wrote.
//   npx tsx tests/bench/topics-ingest.ts            (PGlite in memory; DATABASE_URL for PostgreSQL)
import { pathToFileURL } from 'node:url';
import { createLogger } from '../../core/log';
import type { PrfScores } from '../../core/topics';
import { prepareDatabase } from '../../db/migrate';
import type { DatabaseHandle } from '../../db/types';
import { TELEGRAM_GOLD_WINDOWS } from '../fixtures/eval/load';
import { adminQuery, databaseUrlFor } from '../helpers/pg-admin';
import { scoreStoredWindow, topicsThroughIngest } from '../integration/topics-through-ingest';

const LIVE_HOURS = 6;
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

export async function runTopicsIngestBench(): Promise<void> {
  for (const gathered of [true, false]) {
    const { database, drop } = await openDatabase();
    try {
      const { topicOf, posts, firstSyncSeconds } = await topicsThroughIngest(database.db, { gathered, liveHours: LIVE_HOURS });
      console.log(`  ${gathered ? 'batches gathered (the product)' : 'each batch as stored'}: ${posts} posts stored; the first sync with its topics took ${firstSyncSeconds.toFixed(1)} s, then ${LIVE_HOURS} h of live passes`);
      for (const window of TELEGRAM_GOLD_WINDOWS) {
        const s = scoreStoredWindow(topicOf, window);
        console.log(`    ${window} (${s.stored} of ${s.labelled} labelled posts ingested): B-cubed ${prf(s.bcubed)}; pairwise ${prf(s.pairwise)}`);
      }
    } finally {
      await database.close();
      await drop();
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runTopicsIngestBench();
  process.exit(0);
}
