// Text analysis speed of topic clustering: BoilerplateFilter.clean + analyzePost over the shared
// Telegram posts in date order, on this core. The first pass is the figure that counts (it is what
// `TopicIndex.add` pays: cold word caches, JIT warming up); later passes show the warm speed. CPU
// time is printed beside wall time: on a shared machine it is the steadier of the two.
//   npx tsx tests/bench/topic-analysis.ts
import { fileURLToPath } from 'node:url';
import { analyzePost } from '../../core/topics/analyze';
import { BoilerplateFilter } from '../../core/topics/boilerplate';
import { loadTelegramPosts, type ChannelPost } from '../fixtures/eval/load';

export interface AnalysisTiming {
  posts: number;
  boilerplateMs: number;
  analysisMs: number;
  /** CPU time of the whole pass (this process, all threads: GC included). */
  cpuMs: number;
}

/** One pass: every post cleaned, then every cleaned text analysed (the two are timed apart). */
export function analysisPass(posts: readonly ChannelPost[]): AnalysisTiming {
  const filter = new BoilerplateFilter();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const cleaned = posts.map((p) => filter.clean(p.channelId, p.text));
  const t1 = performance.now();
  for (const text of cleaned) analyzePost(text);
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  return { posts: posts.length, boilerplateMs: t1 - t0, analysisMs: t2 - t1, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function describe(t: AnalysisTiming): string {
  const total = t.boilerplateMs + t.analysisMs;
  const perSecond = Math.round((t.posts / total) * 1000);
  return `${total.toFixed(0)} ms (boilerplate ${t.boilerplateMs.toFixed(0)} + analysis ${t.analysisMs.toFixed(0)}) = ${perSecond} posts/s; CPU ${t.cpuMs.toFixed(0)} ms`;
}

export async function runTopicAnalysisBench(warmPasses = 3): Promise<void> {
  const posts = loadTelegramPosts();
  if (!posts) {
    console.log('  (telegram-channels data not found: set SHARED_DIR or SANDBOX_DATA_DIR)');
    return;
  }
  console.log(`  ${posts.length} shared posts, first pass: ${describe(analysisPass(posts))} (goal ≤ 800 ms)`);
  const warm = Array.from({ length: warmPasses }, () => analysisPass(posts)).sort(
    (a, b) => a.boilerplateMs + a.analysisMs - (b.boilerplateMs + b.analysisMs),
  );
  if (warm.length) console.log(`  warm, median of ${warm.length}: ${describe(warm[warm.length >> 1])}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runTopicAnalysisBench();
