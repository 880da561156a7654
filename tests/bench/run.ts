// `npm run bench`: clustering quality and speed, ingest throughput, feed/top latency — in that
// order. A module that isn't there yet is skipped with a line saying so.
const benches: [string, string, string][] = [
  ['clustering', './clustering', 'runClusteringBench'],
  ['ingest', './ingest', 'runIngestBench'],
  ['feed and top', './feed', 'runFeedBench'],
];

for (const [name, path, fn] of benches) {
  console.log(`\n== ${name} ==`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(path)) as Record<string, unknown>;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(path.slice(2))) {
      console.log(`  skipped: tests/bench/${path.slice(2)}.ts is not there yet`);
      continue;
    }
    throw error;
  }
  const run = mod[fn];
  if (typeof run !== 'function') {
    console.log(`  skipped: tests/bench/${path.slice(2)}.ts does not export ${fn}()`);
    continue;
  }
  await (run as () => Promise<void>)();
}
process.exit(0);
