// The AI pipeline's speed:
// - the offline engine, step by step, over a real 20-post topic (stored posts, PGlite in memory):
//   ms per step and for the whole run (goal < 2 s);
// - the Publisher: texts fitted per second (tests/bench/publisher.ts);
// - the time we add per step on top of the model's own time, through the real OpenAI SDK against
//   the local fake server answering at realistic token counts after a fixed "model time" (goal < 50 ms).
//   npx tsx tests/bench/pipeline.ts
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConfig } from '../../core/config';
import { createLogger } from '../../core/log';
import { PIPELINE_STEPS, type PipelineStep } from '../../core/pipeline/platforms';
import { openDatabase } from '../../db/client';
import { migratePglite } from '../../db/migrate';
import { generatedImages, users, userSettings } from '../../db/schema';
import type { Db } from '../../db/types';
import { createOpenAiEngine } from '../../edge/adapters/ai/openai';
import type { AiPort } from '../../edge/ports/ai';
import type { Queue } from '../../edge/ports/queue';
import { executeStep, pipelineContext, startRun } from '../../edge/services/pipeline';
import { createNodeServices } from '../../edge/wire-node';
import { chatJson, delayed, imageAnswer, moderationAnswer, startFakeOpenAi } from '../fakes/openai';
import { seedStory, seedTelegramDay } from '../integration/pipeline-fixtures';
import { runPublisherBench } from './publisher';

const RUNS = Number(process.env.BENCH_PIPELINE_RUNS ?? 5);
const MODEL_MS = 200;

async function setup(ai?: AiPort) {
  const database = await openDatabase({ pgliteDir: 'memory://' });
  const log = createLogger({ level: 'error' });
  await migratePglite(database, log);
  const config = parseConfig({ APP_ENV: 'test', LOG_LEVEL: 'error', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'bench-pipeline-')) });
  const services = await createNodeServices(config, database, log, ai ? { ai } : {});
  const [user] = await database.db.insert(users).values({ tgId: 4242, username: 'bench', plan: 'enterprise' }).returning();
  await database.db.insert(userSettings).values({ userId: user.id });
  const day = await seedTelegramDay(database.db as Db, [user.id]);
  const story = await seedStory(database.db as Db, day, 'Военное положение в Южной Корее', /военное положение/i, 20);
  return { database, services, user, story };
}

/** Runs one whole pipeline, step by step, timing each step. */
async function timedRun(env: Awaited<ReturnType<typeof setup>>, runIndex: number): Promise<Record<PipelineStep, number>> {
  // The image cache would serve every later run's images: each run renders its own.
  await env.database.db.delete(generatedImages);
  const held: Queue = { enqueue: async () => ({ messageId: 'held' }) };
  const ctx = { ...pipelineContext(env.services), queue: held };
  const run = await startRun({ ctx, actor: { id: env.user.id, plan: 'enterprise' }, input: { selection: { topicId: env.story.topicId }, briefCount: 2, tone: runIndex % 2 ? 'formal' : 'neutral' } });
  const times = {} as Record<PipelineStep, number>;
  for (const step of PIPELINE_STEPS) {
    const started = performance.now();
    await executeStep(ctx, { runId: run.id, step }, 1);
    times[step] = performance.now() - started;
  }
  return times;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

function printSteps(label: string, samples: Record<PipelineStep, number>[], subtract: Partial<Record<PipelineStep, number>> = {}) {
  console.log(label);
  let total = 0;
  for (const step of PIPELINE_STEPS) {
    const m = median(samples.map((s) => s[step])) - (subtract[step] ?? 0);
    total += m;
    console.log(`  ${step.padEnd(12)} ${fmt(m)} (median of ${samples.length})`);
  }
  console.log(`  ${'whole run'.padEnd(12)} ${fmt(total)}`);
}

async function offlineBench() {
  const env = await setup();
  const first = await timedRun(env, 0);
  const samples = [];
  for (let i = 1; i <= RUNS; i++) samples.push(await timedRun(env, i));
  console.log(`offline engine, 20-post topic (${env.story.messageIds.length} posts, ${new Set(env.story.messageIds).size} stored):`);
  console.log(`  first run (cold: stemmer caches, WebAssembly, fonts): ${fmt(PIPELINE_STEPS.reduce((s, k) => s + first[k], 0))}`);
  printSteps('  warm runs:', samples);
  await env.services.queue.close?.();
  await env.database.close();
}

/** An Editor answer of realistic size: ~5,000 characters of JSON, ~1,500 completion tokens. */
function editorAnswer(urls: string[]) {
  const sentence = (i: number) => `Sentence ${i} of an original article about the story, written in the model's own words with names and numbers kept. `;
  const text = (n: number) => Array.from({ length: n }, (_, i) => sentence(i)).join('').trim();
  return {
    headline: 'South Korea lifts martial law hours after declaring it',
    dek: 'Parliament voted the decree down and the president backed off before dawn.',
    body: { short: text(2), medium: text(7), long: text(17) },
    key_points: ['Martial law was declared overnight.', 'Parliament voted it down.', 'The decree was lifted.'],
    source_links: urls.slice(0, 5),
    needs_verification: [],
  };
}

async function overheadBench() {
  const fake = await startFakeOpenAi();
  const ai = createOpenAiEngine({ apiKey: 'bench', baseUrl: fake.baseUrl, textModel: 'gpt-4.1-mini', imageModel: 'gpt-image-1', moderationModel: 'omni-moderation-latest', timeoutMs: 10_000, maxRetries: 0 });
  const env = await setup(ai);
  const { sourcePosts } = await import('../../db/queries/pipeline');
  const urls = (await sourcePosts(env.database.db as Db, { userId: env.user.id, topicId: env.story.topicId })).map((p) => p.url);
  const brief = (size: string, i: number) => ({ title: `Brief ${i}`, prompt: `A wide street in Seoul at dawn with parliament guards, variant ${i}`, negative: 'text, letters, watermarks, logos', size, caption: 'Seoul at dawn', style_tags: ['photo'] });
  const briefs = delayed(chatJson({ briefs: [brief('1536x1024', 1), brief('1024x1024', 2)] }, { prompt: 900, completion: 300 }), MODEL_MS);
  const article = delayed(chatJson(editorAnswer(urls), { prompt: 3200, completion: 1500, cached: 1024 }), MODEL_MS);
  const answer = (a: typeof briefs, req: Parameters<Extract<typeof briefs, (...args: never[]) => unknown>>[0]) => (typeof a === 'function' ? a(req) : a);
  fake.fallback('/v1/chat/completions', (req) => answer(JSON.stringify(req.body.response_format).includes('image_briefs') ? briefs : article, req));
  fake.fallback('/v1/moderations', delayed(moderationAnswer(), MODEL_MS));
  fake.fallback('/v1/images/generations', delayed(imageAnswer(), MODEL_MS));
  const samples = [];
  for (let i = 0; i < RUNS; i++) samples.push(await timedRun(env, i));
  // Model time per step: one completion each for editor and brief; per image a moderation and a generation.
  printSteps(`time we add on top of the model (fake OpenAI server, ${MODEL_MS} ms per model call subtracted):`, samples, {
    editor: MODEL_MS,
    image_brief: MODEL_MS,
    images: 2 * 2 * MODEL_MS,
    publisher: 0,
  });
  await env.services.queue.close?.();
  await env.database.close();
  await fake.close();
}

export async function runPipelineBench(): Promise<void> {
  await offlineBench();
  await overheadBench();
  await runPublisherBench();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runPipelineBench();
  process.exit(0);
}
