// `npm run bench`: clustering quality and speed, ingest throughput, feed/top latency, the AI pipeline — in that
// order, each printing its own figures. Real PostgreSQL when DATABASE_URL is set, PGlite otherwise.
import { runClusteringBench } from './clustering';
import { runFeedBench } from './feed';
import { runIngestBench } from './ingest';
import { runIngestScaleBench } from './ingest-scale';
import { runLanguageBench } from './language';
import { runLoadBench } from './load';
import { runPipelineBench } from './pipeline';
import { runTopicAnalysisBench } from './topic-analysis';
import { runTopicsIngestBench } from './topics-ingest';

const benches: [string, () => Promise<void>][] = [
  ['clustering', runClusteringBench],
  ['topic-analysis', runTopicAnalysisBench],
  // Topics through ingest: the sandbox's first sync and live passes, with and without gathering.
  ['topics through ingest', runTopicsIngestBench],
  ['ingest', runIngestBench],
  ['ingest-scale', runIngestScaleBench],
  ['language', runLanguageBench],
  ['feed and top', runFeedBench],
  ['pipeline', runPipelineBench],
  // A minute at a fixed rate over feed and top: errors and memory.
  ['load', runLoadBench],
];

const only = process.argv.slice(2);
for (const [name, run] of benches) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n== ${name} ==`);
  await run();
}
process.exit(0);
