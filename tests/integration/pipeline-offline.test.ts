// The AI pipeline end to end on the offline engine, over real posts stored as topics: Make
// exclusive from a topic to packages for every platform, exactly-once steps, resume after a
// restart, retry after a failure, input validation, and both exports read back.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../core/pipeline/platforms';
import { scoreOriginality } from '../../core/pipeline/originality';
import type { EditorRequest } from '../../core/pipeline/types';
import type { PackageView, RunView } from '../../core/pipeline/views';
import { aiUsage, contentPackages, editorResults, imageBriefs, pipelineRuns } from '../../db/schema';
import type { AiPort } from '../../edge/ports/ai';
import type { Queue } from '../../edge/ports/queue';
import { editorResultOf, executeStep, pipelineContext, resumeRuns, startRun, type PipelineContext } from '../../edge/services/pipeline';
import { composePackage } from '../../edge/services/pipeline/publish';
import { nounReading } from '../../core/text/morphology';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';
import { seedStory, seedTelegramDay } from './pipeline-fixtures';

let ctx: TestContext;
let userId: string;
let korea: { topicId: number; messageIds: number[] };
let pardon: { topicId: number; messageIds: number[] };
let syria: { topicId: number; messageIds: number[] };

beforeAll(async () => {
  ctx = await createTestContext({ DATA_DIR: path.join(tmpdir(), `pipeline-${crypto.randomUUID()}`) });
  userId = (await createUser(ctx)).id;
  const day = await seedTelegramDay(ctx.database.db, [userId]);
  korea = await seedStory(ctx.database.db, day, 'Военное положение в Южной Корее', /военное положение/i, 20);
  pardon = await seedStory(ctx.database.db, day, 'Байден помиловал сына', /омилова/i, 10);
  syria = await seedStory(ctx.database.db, day, 'Наступление в Сирии', /Асад|Сири/, 12);
});

afterAll(async () => {
  await ctx?.services.queue.close?.();
  await ctx?.close();
});

async function call<T>(pathname: string, init: RequestInit = {}): Promise<{ status: number; body: T; text: string; headers: Headers }> {
  const res = await ctx.app.request(pathname, await asUser(ctx, userId, init));
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a file export
  }
  return { status: res.status, body: body as T, text, headers: res.headers };
}

const post = <T>(pathname: string, body: unknown) => call<T>(pathname, { method: 'POST', body: JSON.stringify(body) });

/** A queue that only records: the test delivers the jobs itself (twice, late, never…). */
function recordingQueue(): Queue & { jobs: { topic: string; payload: { runId: string; step: string } }[] } {
  const jobs: { topic: string; payload: { runId: string; step: string } }[] = [];
  return {
    jobs,
    async enqueue(topic, payload) {
      jobs.push({ topic, payload: payload as { runId: string; step: string } });
      return { messageId: String(jobs.length) };
    },
  };
}

function contextWith(overrides: Partial<PipelineContext>): PipelineContext {
  return { ...pipelineContext(ctx.services), ...overrides };
}

describe('Make exclusive on the offline engine', () => {
  let run: RunView;
  let pkg: PackageView;

  it('runs a real multi-channel topic to packages for every platform', async () => {
    const started = await post<RunView>('/v1/runs', { topicId: korea.topicId });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', step: 'editor', engine: 'offline', platforms: [...PLATFORMS] });
    await ctx.services.queue.drain?.();
    run = (await call<RunView>(`/v1/runs/${started.body.id}`)).body;
    expect(run).toMatchObject({ status: 'succeeded', progress: 100, stepsDone: ['editor', 'image_brief', 'images', 'publisher'], error: null });
    const got = await call<PackageView>(`/v1/packages/${run.packageId}`);
    expect(got.status).toBe(200);
    pkg = got.body;
  });

  it('writes an article whose links all come from the topic, in three growing lengths', async () => {
    const article = pkg.editorResult;
    const storedSources = new Set((await ctx.database.db.select().from(editorResults).where(eq(editorResults.id, article.id)))[0].messageIds);
    expect(article.engine).toBe('offline');
    expect(article.sourceLinks.length).toBeGreaterThan(1);
    for (const link of article.sourceLinks) {
      expect(korea.messageIds).toContain(link.messageId);
      expect(storedSources.has(link.messageId)).toBe(true);
      expect(link.url).toMatch(/^https:\/\/t\.me\/ch\d+\/\d+$/);
    }
    expect(new Set(article.sourceLinks.map((l) => l.channelTitle)).size).toBeGreaterThan(1);
    expect(article.body.short.length).toBeLessThan(article.body.medium.length);
    expect(article.body.medium.length).toBeLessThan(article.body.long.length);
    expect(article.body.short.length).toBeLessThanOrEqual(300);
    expect(article.keyPoints.length).toBeGreaterThanOrEqual(3);
    expect(article.keyPoints.length).toBeLessThanOrEqual(7);
    expect(article.headline).not.toMatch(/\s\S{1,2}$/u);
    expect(article.originality.short).toHaveProperty('longestSharedRun');
  });

  it('packages every platform within its limit, with an image stored', async () => {
    expect(pkg.items.map((i) => i.platform).sort()).toEqual([...PLATFORMS].sort());
    for (const item of pkg.items) {
      for (const variant of ['short', 'medium', 'long'] as const) {
        expect(item.counts[variant].used, `${item.platform} ${variant}`).toBeLessThanOrEqual(item.counts[variant].limit);
        expect(item.texts[variant].length).toBeGreaterThan(0);
      }
      expect(new Date(item.postTime).getTime()).toBeGreaterThan(Date.now());
      expect(item.postTimeReason.length).toBeGreaterThan(0);
      expect(item.imageUrl).toMatch(/^\/media\/[0-9a-f]{2}\/[0-9a-f]{64}\.png$/);
      expect(existsSync(path.join(ctx.config.DATA_DIR, 'media', (item.imageUrl as string).slice('/media/'.length)))).toBe(true);
    }
    const instagram = pkg.items.find((i) => i.platform === 'instagram');
    expect(instagram?.hashtags.length).toBeLessThanOrEqual(5);
    // Tags through the Russian dictionary: every common one-word tag is a noun.
    const morphology = await ctx.services.morphology();
    const common = pkg.items.find((i) => i.platform === 'telegram')!.hashtags.map((t) => t.slice(1)).filter((t) => /^[а-яё]+$/u.test(t));
    expect(common.length).toBeGreaterThan(0);
    for (const tag of common) expect(nounReading(morphology, tag), tag).not.toBeNull();
    expect(pkg.briefs.length).toBeGreaterThan(0);
    expect(pkg.briefs.every((b) => b.imageUrls.length === 1)).toBe(true);
  });

  it('records every call in ai_usage at zero cost, marked offline', async () => {
    const rows = await ctx.database.db.select().from(aiUsage).where(eq(aiUsage.runId, run.id));
    expect(new Set(rows.map((r) => r.purpose))).toEqual(new Set(['editor', 'brief', 'moderation', 'image']));
    expect(rows.filter((r) => r.purpose === 'image')).toHaveLength(pkg.briefs.length);
    expect(rows.filter((r) => r.purpose === 'brief')).toHaveLength(1);
    expect(rows.every((r) => r.engine === 'offline' && Number(r.costUsd) === 0)).toBe(true);
  });

  it('exports JSON in the versioned shape and CSV that parses back intact', async () => {
    const json = await call<{ format: string; version: number; packages: PackageView[] }>(`/v1/packages/${pkg.id}/export?format=json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(/^attachment; filename="tg-studio-\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.json"$/);
    expect(json.body).toMatchObject({ format: 'tg-studio.packages', version: 1 });
    expect(json.body.packages[0].items).toEqual(pkg.items);

    const csv = await call<string>(`/v1/packages/${pkg.id}/export?format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const raw = new Uint8Array(await (await ctx.app.request(`/v1/packages/${pkg.id}/export?format=csv`, await asUser(ctx, userId))).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(csv.text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(PLATFORMS.length);
    for (const row of rows) {
      const item = pkg.items.find((i) => i.platform === row.platform);
      expect(row.text_long).toBe(item?.texts.long);
      expect(row.headline).toBe(pkg.editorResult.headline);
    }
    const all = await call<string>('/v1/packages/export?format=csv&from=2020-01-01&to=2099-12-31');
    expect((parse(all.text, { columns: true, bom: true }) as unknown[]).length).toBeGreaterThanOrEqual(PLATFORMS.length);
  });

  it('lists the package with its headline and platforms', async () => {
    const list = await call<{ items: { id: string; headline: string; platforms: string[] }[]; nextCursor: string | null }>('/v1/packages?limit=1');
    expect(list.body.items[0]).toMatchObject({ headline: pkg.editorResult.headline });
    expect(list.body.items[0].platforms.sort()).toEqual([...PLATFORMS].sort());
  });
});

describe('runs are exactly once and survive restarts', () => {
  it('a step delivered twice, even at once, stores one result and one charge', async () => {
    const queue = recordingQueue();
    const pctx = contextWith({ queue });
    const run = await startRun({ ctx: pctx, actor: { id: userId, plan: 'pro' }, input: { selection: { topicId: pardon.topicId }, platforms: ['telegram', 'x'] } });
    const job = { runId: run.id, step: 'editor' as const };
    await Promise.allSettled([executeStep(pctx, job, 1), executeStep(pctx, job, 1)]);
    await executeStep(pctx, job, 2);
    const results = await ctx.database.db.select().from(editorResults).where(eq(editorResults.runId, run.id));
    expect(results).toHaveLength(1);
    const usage = await ctx.database.db.select().from(aiUsage).where(and(eq(aiUsage.runId, run.id), eq(aiUsage.purpose, 'editor')));
    expect(usage.length).toBeGreaterThanOrEqual(1);
    const firstCount = usage.length;
    // The next step was queued once (deduplicated by run + step), and a late duplicate changes nothing.
    expect(queue.jobs.filter((j) => j.payload.step === 'image_brief')).toHaveLength(1);
    await executeStep(pctx, job, 3);
    expect(await ctx.database.db.select().from(aiUsage).where(and(eq(aiUsage.runId, run.id), eq(aiUsage.purpose, 'editor')))).toHaveLength(firstCount);
  });

  it('a run stopped mid-way by a restart finishes after resume', async () => {
    const lost = recordingQueue();
    const before = contextWith({ queue: lost });
    const run = await startRun({ ctx: before, actor: { id: userId, plan: 'pro' }, input: { selection: { messageIds: pardon.messageIds }, platforms: ['vk'] } });
    await executeStep(before, { runId: run.id, step: 'editor' }, 1);
    // The process dies with the brief step claimed and in flight.
    await ctx.database.db.update(pipelineRuns).set({ claimedStep: 'image_brief', claimedUntil: new Date(Date.now() + 600_000) }).where(eq(pipelineRuns.id, run.id));
    const resumed = await resumeRuns(pipelineContext(ctx.services));
    expect(resumed).toBeGreaterThanOrEqual(1);
    await ctx.services.queue.drain?.();
    const [row] = await ctx.database.db.select().from(pipelineRuns).where(eq(pipelineRuns.id, run.id));
    expect(row.status).toBe('succeeded');
    expect(await ctx.database.db.select().from(editorResults).where(eq(editorResults.runId, run.id))).toHaveLength(1);
    expect(await ctx.database.db.select().from(contentPackages).where(eq(contentPackages.runId, run.id))).toHaveLength(1);
  });

  it('a flagged image prompt fails the run with the categories, charges no image, and a retry finishes it', async () => {
    const flagging: AiPort = {
      ...ctx.services.ai,
      engine: ctx.services.ai.engine,
      writeArticle: (r) => ctx.services.ai.writeArticle(r),
      briefImages: (r) => ctx.services.ai.briefImages(r),
      generateImage: (r) => ctx.services.ai.generateImage(r),
      moderate: async () => ({ value: { flagged: true, categories: ['violence/graphic'] }, calls: [{ purpose: 'moderation', engine: 'offline', model: 'test-moderation', inputTokens: 0, outputTokens: 0, cachedTokens: 0, images: 0 }] }),
    };
    const queue = recordingQueue();
    const pctx = contextWith({ ai: flagging, queue });
    const run = await startRun({ ctx: pctx, actor: { id: userId, plan: 'pro' }, input: { selection: { topicId: pardon.topicId }, platforms: ['instagram'], briefCount: 1 } });
    for (const step of ['editor', 'image_brief'] as const) await executeStep(pctx, { runId: run.id, step }, 1);
    await expect(executeStep(pctx, { runId: run.id, step: 'images' }, 1)).rejects.toThrow(/IMAGE_PROMPT_FLAGGED/);
    const failed = (await call<RunView>(`/v1/runs/${run.id}`)).body;
    expect(failed).toMatchObject({ status: 'failed', step: 'images', error: { code: 'IMAGE_PROMPT_FLAGGED' } });
    expect(failed.error?.message).toContain('violence/graphic');
    expect(await ctx.database.db.select().from(aiUsage).where(and(eq(aiUsage.runId, run.id), eq(aiUsage.purpose, 'image')))).toHaveLength(0);

    const retried = await post<RunView>(`/v1/runs/${run.id}/retry`, {});
    expect(retried.status).toBe(202);
    await ctx.services.queue.drain?.();
    expect((await call<RunView>(`/v1/runs/${run.id}`)).body).toMatchObject({ status: 'succeeded', error: null });
    expect(await ctx.database.db.select().from(imageBriefs).where(eq(imageBriefs.runId, run.id))).toHaveLength(1);
  });
});

describe('anti-copy-paste', () => {
  /** An engine that copies its sources verbatim, and rephrases (or not) when asked to rewrite. */
  function copyingEngine(rewriteCopiesToo: boolean) {
    const requests: EditorRequest[] = [];
    const engine: AiPort = {
      ...ctx.services.ai,
      engine: ctx.services.ai.engine,
      async writeArticle(request) {
        requests.push(request);
        const original = await ctx.services.ai.writeArticle({ ...request, rewrite: undefined });
        if (request.rewrite && !rewriteCopiesToo) return original;
        const copied = request.posts.map((p) => p.text).join(' ');
        return { ...original, value: { ...original.value, body: { ...original.value.body, long: `${original.value.body.long.slice(0, 200)} ${copied}`.slice(0, 2900) } } };
      },
    };
    return { engine, requests };
  }

  it('a body too close to a source triggers exactly one rewrite that names the passages, and the rewrite is kept', async () => {
    const { engine, requests } = copyingEngine(false);
    const pctx = contextWith({ ai: engine, queue: recordingQueue() });
    const run = await startRun({ ctx: pctx, actor: { id: userId, plan: 'pro' }, input: { selection: { topicId: syria.topicId }, platforms: ['telegram'] } });
    await executeStep(pctx, { runId: run.id, step: 'editor' }, 1);
    expect(requests).toHaveLength(2);
    expect(requests[1].rewrite?.passages.length).toBeGreaterThan(0);
    const sources = requests[0].posts.map((p) => p.text);
    // Each passage named is one the sources share 8+ words with.
    for (const passage of requests[1].rewrite?.passages ?? []) expect(scoreOriginality(passage, sources).longestSharedRun).toBeGreaterThanOrEqual(8);
    const [row] = await ctx.database.db.select().from(editorResults).where(eq(editorResults.runId, run.id));
    expect(row.originality.rewrites).toBe(1);
    expect(row.originality.long.tooClose).toBe(false);
  });

  it('a rewrite still too close is stored with its scores shown, and no second rewrite is tried', async () => {
    const { engine, requests } = copyingEngine(true);
    const pctx = contextWith({ ai: engine, queue: recordingQueue() });
    const run = await startRun({ ctx: pctx, actor: { id: userId, plan: 'pro' }, input: { selection: { topicId: syria.topicId }, platforms: ['telegram'] } });
    await executeStep(pctx, { runId: run.id, step: 'editor' }, 1);
    expect(requests).toHaveLength(2);
    const [row] = await ctx.database.db.select().from(editorResults).where(eq(editorResults.runId, run.id));
    expect(row.originality.rewrites).toBe(1);
    expect(row.originality.long.tooClose).toBe(true);
    expect(row.originality.long.longestSharedRun).toBeGreaterThan(12);
  });
});

describe('the steps one by one', () => {
  it('transform, brief, images (cached the second time) and package', async () => {
    const article = await post<{ id: string; sourceLinks: { messageId: number }[]; body: { medium: string } }>('/v1/transform', { messageIds: syria.messageIds, language: 'en', tone: 'formal' });
    expect(article.status).toBe(201);
    // The offline engine cannot translate Russian posts: the article, framing too, stays Russian, and says so.
    expect(article.body).toMatchObject({ language: 'ru', tone: 'formal', runId: null });
    expect(article.body.body.medium).not.toMatch(/According to|channels reported|\bUTC\b/u);
    const briefs = await post<{ items: { id: string; size: string; negative: string; briefHash: string }[] }>('/v1/image-brief', { editorResultId: article.body.id, platforms: ['x'], count: 1 });
    expect(briefs.status).toBe(201);
    expect(briefs.body.items[0].negative).toMatch(/logo/i);
    const first = await post<{ urls: string[]; cached: boolean }>('/v1/images', { briefId: briefs.body.items[0].id });
    const second = await post<{ urls: string[]; cached: boolean }>('/v1/images', { briefId: briefs.body.items[0].id });
    expect(first.body.cached).toBe(false);
    expect(second.body).toEqual({ briefId: briefs.body.items[0].id, urls: first.body.urls, cached: true });
    const imageCalls = await ctx.database.db.select().from(aiUsage).where(and(eq(aiUsage.userId, userId), eq(aiUsage.purpose, 'image')));
    expect(imageCalls.filter((r) => r.runId === null)).toHaveLength(1);
    const pkg = await post<PackageView>('/v1/package', { editorResultId: article.body.id, platforms: ['x', 'threads'] });
    expect(pkg.status).toBe(201);
    expect(pkg.body.items.map((i) => i.platform)).toEqual(['x', 'threads']);
    expect(pkg.body.items[0].imageUrl).toBe(first.body.urls[0]);
    // The dictionary failing to load costs the tags' polish, not the package.
    const result = await editorResultOf(ctx.database.db, { id: userId }, article.body.id);
    const withoutDictionary = { ...pipelineContext(ctx.services), morphology: () => Promise.reject(new Error('dictionary gone')) };
    const items = await composePackage(withoutDictionary, { id: userId }, result, ['telegram']);
    expect(items[0].hashtags.length).toBeGreaterThan(0);
  });

  it('refuses bad input with 4xx naming the field', async () => {
    const cases: [string, unknown, number, RegExp][] = [
      ['/v1/runs', { messageIds: [] }, 400, /messageIds/],
      ['/v1/runs', { messageIds: Array.from({ length: 41 }, (_, i) => i + 1) }, 400, /messageIds/],
      ['/v1/runs', { topicId: korea.topicId, messageIds: [1] }, 400, /topicId/],
      ['/v1/runs', {}, 400, /topicId/],
      ['/v1/runs', { topicId: '1' }, 400, /topicId/],
      ['/v1/runs', { topicId: korea.topicId, platforms: ['myspace'] }, 400, /platforms/],
      ['/v1/runs', { topicId: korea.topicId, extra: 1 }, 400, /extra|unrecognized/i],
      ['/v1/runs', { topicId: 987654321 }, 404, /Topic/],
      ['/v1/transform', { messageIds: [987654321] }, 404, /Post/],
      ['/v1/image-brief', { editorResultId: 'not-a-uuid' }, 400, /editorResultId/],
      ['/v1/images', { briefId: crypto.randomUUID() }, 404, /brief/i],
    ];
    for (const [pathname, body, status, message] of cases) {
      const res = await post<{ error: { code: string; message: string } }>(pathname, body);
      expect(res.status, `${pathname} ${JSON.stringify(body)}`).toBe(status);
      expect(res.body.error.message).toMatch(message);
    }
    expect((await call('/v1/packages/export?format=xml')).status).toBe(400);
    expect((await call('/v1/packages?from=2024-02-30')).status).toBe(400);
    expect((await call('/v1/packages?cursor=garbage')).status).toBe(400);
    expect((await call('/v1/runs/not-a-uuid')).status).toBe(400);
  });
});
