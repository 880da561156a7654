// Load at a fixed request rate: GET /v1/feed and GET /v1/top (alternating) for BENCH_LOAD_SECONDS
// (60) at BENCH_LOAD_RPS (50) requests/s over real HTTP with the session check, open-loop (a slow
// answer does not slow the sender). Prints errors (goal 0), latency, and the server process's rss
// and heap at the start and the end (goal: flat).
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_DATABASE=<kept feed bench db> npx tsx tests/bench/run.ts load
// Without BENCH_DATABASE it seeds its own (BENCH_POSTS, default 100,000) and drops it after.
import { sql } from 'drizzle-orm';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseConfig } from '../../core/config';
import { createLogger } from '../../core/log';
import { queryRows } from '../../db/rows';
import { issueSessionToken, SESSION_COOKIE } from '../../edge/auth/session-token';
import { startApiServer } from '../../edge/node';
import { openBenchDatabase } from './bench-database';
import { seed } from './feed';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

/** A full GC before each memory reading, so the figures are live memory, not garbage not yet collected. */
function collectGarbage(): void {
  if (!global.gc) {
    setFlagsFromString('--expose-gc');
    global.gc = runInNewContext('gc') as typeof global.gc;
  }
  global.gc!();
}

export async function runLoadBench(): Promise<void> {
  const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
  const rps = Number(process.env.BENCH_LOAD_RPS ?? 50);
  const log = createLogger({ level: 'warn' });
  const bench = await openBenchDatabase('tgs_bench_load_', { reusable: true, queryTimeoutMs: 30 * 60_000 });
  const { database, reused } = bench;
  let api: Awaited<ReturnType<typeof startApiServer>> | undefined;
  try {
    const userId = reused
      ? (await queryRows<{ id: string }>(database.db, sql`select id from users where tg_id = 777000111`))[0].id
      : await seed(database.db, Number(process.env.BENCH_POSTS ?? 100_000), Date.now());
    const config = parseConfig({ APP_ENV: 'test', LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1', SECRET_KEY: SECRET, DATABASE_URL: bench.url });
    api = await startApiServer(config, database, log);
    const apiUrl = `http://127.0.0.1:${(api.server.address() as { port: number }).port}`;
    const { token } = await issueSessionToken(SECRET, userId, 3600, Math.floor(Date.now() / 1000));
    const headers = { cookie: `${SESSION_COOKIE}=${token}` };
    const urls = [`${apiUrl}/v1/feed?limit=30`, `${apiUrl}/v1/top?window=24h&by=message&limit=20`];
    for (const url of urls) await (await fetch(url, { headers })).arrayBuffer(); // warm
    collectGarbage();
    const start = process.memoryUsage();
    const latencies: number[] = [];
    const errors = new Map<string, number>();
    const inFlight = new Set<Promise<void>>();
    const t0 = performance.now();
    const total = Math.round(seconds * rps);
    let peakRss = start.rss;
    for (let i = 0; i < total; i++) {
      // Open loop: request i leaves at t0 + i / rps whatever the earlier ones are doing.
      const due = t0 + (i * 1000) / rps;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const sent = performance.now();
      const request = (async () => {
        try {
          const res = await fetch(urls[i % urls.length], { headers });
          await res.arrayBuffer();
          if (!res.ok) errors.set(`HTTP ${res.status}`, (errors.get(`HTTP ${res.status}`) ?? 0) + 1);
          else latencies.push(performance.now() - sent);
        } catch (error) {
          const key = error instanceof Error ? error.message.slice(0, 60) : 'error';
          errors.set(key, (errors.get(key) ?? 0) + 1);
        }
      })();
      inFlight.add(request);
      void request.finally(() => inFlight.delete(request));
      if (i % rps === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - t0) / 1000;
    collectGarbage();
    const end = process.memoryUsage();
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
    console.log(`  ${total} requests (feed first page and cached top, alternating) at ${rps}/s for ${seconds} s; took ${elapsed.toFixed(1)} s`);
    console.log(`  errors: ${errorCount}${errorCount ? ` (${[...errors].map(([k, n]) => `${k} ×${n}`).join(', ')})` : ''}`);
    console.log(`  latency p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`);
    console.log(`  server process (same process as the load): rss ${mb(start.rss)} → ${mb(end.rss)} (peak ${mb(peakRss)}), heap used ${mb(start.heapUsed)} → ${mb(end.heapUsed)} (after a full GC)`);
  } finally {
    await api?.close();
    await bench.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runLoadBench();
  process.exit(0);
}
