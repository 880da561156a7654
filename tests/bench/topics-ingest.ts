// Topics through the product's own ingest path (tests/integration/topics-through-ingest.ts): the
// sandbox's first sync and six hours of live passes, with the job's gathering (batches clustered
// together in date order, ingest-container/topics/gather.ts) and without it (each batch clustered
// as it is stored). Prints the labelled windows' scores on the topics the job wrote.
//   npx tsx tests/bench/topics-ingest.ts            (PGlite in memory; DATABASE_URL for PostgreSQL)
import { pathToFileURL } from 'node:url';
import type { PrfScores } from '../../core/topics';
import { TELEGRAM_GOLD_WINDOWS } from '../fixtures/eval/load';
import { openBenchDatabase } from './bench-database';
import { scoreStoredWindow, topicsThroughIngest } from '../integration/topics-through-ingest';

const LIVE_HOURS = 6;
const pct = (x: number) => (100 * x).toFixed(1);
const prf = (s: PrfScores) => `P ${pct(s.precision)} R ${pct(s.recall)} F1 ${pct(s.f1)}`;

export async function runTopicsIngestBench(): Promise<void> {
  for (const gathered of [true, false]) {
    const { database, close } = await openBenchDatabase('tgs_bench_topics_');
    try {
      const { topicOf, posts, firstSyncSeconds } = await topicsThroughIngest(database.db, { gathered, liveHours: LIVE_HOURS });
      console.log(`  ${gathered ? 'batches gathered (the product)' : 'each batch as stored'}: ${posts} posts stored; the first sync with its topics took ${firstSyncSeconds.toFixed(1)} s, then ${LIVE_HOURS} h of live passes`);
      for (const window of TELEGRAM_GOLD_WINDOWS) {
        const s = scoreStoredWindow(topicOf, window);
        console.log(`    ${window} (${s.stored} of ${s.labelled} labelled posts ingested): B-cubed ${prf(s.bcubed)}; pairwise ${prf(s.pairwise)}`);
      }
    } finally {
      await close();
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runTopicsIngestBench();
  process.exit(0);
}
