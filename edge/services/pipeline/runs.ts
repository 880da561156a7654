// Runs: Make exclusive as a chain of queued steps (one job per step) over the queue port. The
// runs table is the truth. Each step claims the run while its AI call is in flight, and stores its
// result and usage in one transaction that first checks the step is not done yet — so QStash's
// at-least-once delivery never stores or charges twice, and a restart resumes where it stopped.
import { z } from 'zod';
import { AppError, NotFoundError } from '../../../core/errors';
import { PIPELINE_STEPS, PLATFORMS, type PipelineStep, type Platform } from '../../../core/pipeline/platforms';
import type { PlanName } from '../../../core/plans';
import type { Tone, UiLanguage } from '../../../core/settings';
import { reserveRun } from '../quotas';
import type { RunInput } from '../../../db/schema/content';
import { briefsOfEditorResult, insertRun, lockRun, releaseClaims, runForUser, unfinishedRuns, updateRun, type RunRow } from '../../../db/queries/pipeline';
import { settingsOf } from '../../../db/queries/settings';
import { AiOutputError } from '../../ports/ai';
import { JOB_RETRIES, NonRetryableJobError } from '../../ports/queue';
import { sizesFor } from '../../../core/pipeline/image-sizes';
import { briefRequestOf, draftBriefs, MAX_BRIEFS, storeBriefs } from './brief';
import { paidOrRecorded, type Actor, type PipelineContext } from './context';
import { draftArticle, editorResultOf, prepareEditorRequest, storeArticle } from './editor';
import { aiFailure } from './errors';
import { cardContextOf, renderBriefImage } from './images';
import { composePackage, storePackage } from './publish';
import { collectSources, type SourceSelection } from './sources';
import { emitRunEvent } from '../webhooks';
import { pipelineMetrics } from '../../metrics';

export const PIPELINE_JOB = 'pipeline.step';
export const stepJob = z.object({ runId: z.uuid(), step: z.enum(PIPELINE_STEPS) }).strict();

/** How long a step may hold its claim before another delivery may take the step over. */
const CLAIM_SECONDS = 300;
/** Share of the run done when each step has finished. */
const PROGRESS_AFTER: Record<PipelineStep, number> = { editor: 45, image_brief: 55, images: 85, publisher: 100 };

export interface RunRequest {
  selection: SourceSelection;
  platforms?: Platform[];
  language?: UiLanguage;
  tone?: Tone;
  briefCount?: number;
}

const nextStep = (step: PipelineStep): PipelineStep | null => PIPELINE_STEPS[PIPELINE_STEPS.indexOf(step) + 1] ?? null;
const at = (ctx: PipelineContext) => new Date(ctx.now() * 1000);

function enqueueStep(ctx: PipelineContext, runId: string, step: PipelineStep) {
  return ctx.queue.enqueue(PIPELINE_JOB, { runId, step }, { deduplicationId: `${runId}:${step}` });
}

/** POST /v1/runs: checks the posts are the user's, records the run, queues its first step. */
export async function startRun({ ctx, actor, input }: { ctx: PipelineContext; actor: Actor & { plan: PlanName }; input: RunRequest }): Promise<RunRow> {
  await collectSources(ctx.db, actor.id, input.selection);
  const settings = await settingsOf(ctx.db, actor.id);
  const platforms = input.platforms?.length ? [...new Set(input.platforms)] : [...PLATFORMS];
  const runInput: RunInput = {
    topicId: input.selection.topicId ?? null,
    messageIds: input.selection.messageIds ?? null,
    platforms,
    language: input.language ?? settings.language,
    tone: input.tone ?? settings.tone,
    briefCount: input.briefCount ?? defaultBriefCount(platforms),
  };
  // The quota check and the run's row are one transaction under the user's lock.
  const run = await ctx.db.transaction(async (tx) => {
    await reserveRun(tx, { userId: actor.id, plan: actor.plan, images: runInput.briefCount, now: at(ctx) });
    return insertRun(tx, { userId: actor.id, topicId: runInput.topicId, status: 'queued', step: 'editor', engine: ctx.ai.engine, input: runInput, createdAt: at(ctx), updatedAt: at(ctx) });
  });
  await enqueueStep(ctx, run.id, 'editor');
  ctx.log.info('pipeline run started', { runId: run.id, userId: actor.id, platforms: platforms.length, engine: ctx.ai.engine });
  return run;
}

/** One image per picture shape the platforms want. */
function defaultBriefCount(platforms: Platform[]): number {
  return Math.min(sizesFor(platforms).length, MAX_BRIEFS);
}

/** POST /v1/runs/:id/retry: a failed run goes on from the step that failed. */
export async function retryRun({ ctx, actor, runId }: { ctx: PipelineContext; actor: Actor; runId: string }): Promise<RunRow> {
  const run = await ctx.db.transaction(async (tx) => {
    const row = await lockRun(tx, runId);
    if (!row || row.userId !== actor.id) throw new NotFoundError('Run', runId);
    if (row.status !== 'failed') throw new AppError('RUN_NOT_FAILED', 'Only a failed run can be retried');
    return updateRun(tx, runId, { status: 'queued', error: null, errorCode: null, claimedStep: null, claimedUntil: null, finishedAt: null });
  });
  await enqueueStep(ctx, run.id, run.step ?? 'editor');
  return run;
}

export async function runOf(ctx: PipelineContext, actor: Actor, runId: string): Promise<RunRow> {
  const run = await runForUser(ctx.db, actor.id, runId);
  if (!run) throw new NotFoundError('Run', runId);
  return run;
}

type StepOutcome = (tx: PipelineContext['db']) => Promise<Partial<RunRow>>;

/** What each step computes (outside any transaction: AI calls are slow) and how it stores it. */
async function computeStep(ctx: PipelineContext, run: RunRow, step: PipelineStep): Promise<StepOutcome> {
  const actor = { id: run.userId };
  const input = run.input;
  switch (step) {
    case 'editor': {
      const selection: SourceSelection = input.messageIds ? { messageIds: input.messageIds } : { topicId: input.topicId as number };
      const request = await prepareEditorRequest(ctx, actor, { selection, language: input.language, tone: input.tone });
      const article = await paidOrRecorded(ctx, actor, run.id, () => draftArticle(ctx, request));
      return async (tx) => {
        const row = await storeArticle(tx, { actor, runId: run.id, topicId: input.topicId, article, engine: ctx.ai.engine, at: at(ctx) });
        return { editorResultId: row.id };
      };
    }
    case 'image_brief': {
      const result = await editorResultOf(ctx.db, actor, run.editorResultId as string);
      const { briefs, calls } = await paidOrRecorded(ctx, actor, run.id, () => draftBriefs(ctx, briefRequestOf(result, input.platforms, input.briefCount)));
      return async (tx) => {
        await storeBriefs(tx, { actor, runId: run.id, editorResultId: result.id, briefs, calls, at: at(ctx) });
        return {};
      };
    }
    case 'images': {
      // Each image is stored and charged once by itself (cache by brief hash), so this step only
      // has to make sure every brief has its image.
      const result = await editorResultOf(ctx.db, actor, run.editorResultId as string);
      const card = await cardContextOf(ctx, actor, result);
      for (const brief of await briefsOfEditorResult(ctx.db, actor.id, result.id)) await renderBriefImage(ctx, actor, brief, card, run.id);
      return async () => ({});
    }
    case 'publisher': {
      const result = await editorResultOf(ctx.db, actor, run.editorResultId as string);
      const items = await composePackage(ctx, actor, result, input.platforms);
      return async (tx) => {
        const stored = await storePackage(tx, { actor, runId: run.id, result, items, engine: result.engine, at: at(ctx) });
        return { packageId: stored.package.id };
      };
    }
  }
}

/** Takes the step for this delivery, or says why not: done already, another delivery has it, stale. */
async function claimStep(ctx: PipelineContext, runId: string, step: PipelineStep): Promise<RunRow | 'skip' | 'busy'> {
  return ctx.db.transaction(async (tx) => {
    const run = await lockRun(tx, runId);
    if (!run || run.status === 'succeeded' || run.status === 'failed' || run.status === 'cancelled') return 'skip';
    if (run.stepsDone.includes(step) || run.step !== step) return 'skip';
    const now = at(ctx);
    if (run.claimedStep === step && run.claimedUntil && run.claimedUntil > now) return 'busy';
    return updateRun(tx, runId, {
      status: 'running',
      claimedStep: step,
      claimedUntil: new Date(now.getTime() + CLAIM_SECONDS * 1000),
      attempts: run.attempts + 1,
      startedAt: run.startedAt ?? now,
    });
  });
}

/** Stores the step's result unless a duplicate delivery did first, and moves the run on. */
async function completeStep(ctx: PipelineContext, runId: string, step: PipelineStep, outcome: StepOutcome): Promise<PipelineStep | null> {
  return ctx.db.transaction(async (tx) => {
    const run = await lockRun(tx, runId);
    if (!run || run.stepsDone.includes(step)) return null;
    const patch = await outcome(tx);
    const next = nextStep(step);
    await updateRun(tx, runId, {
      ...patch,
      stepsDone: [...run.stepsDone, step],
      step: next,
      progress: PROGRESS_AFTER[step],
      claimedStep: null,
      claimedUntil: null,
      ...(next ? {} : { status: 'succeeded', finishedAt: at(ctx) }),
    });
    if (!next && ctx.metrics) pipelineMetrics(ctx.metrics).runs.inc({ outcome: 'succeeded' });
    return next;
  });
}

async function failRun(ctx: PipelineContext, runId: string, error: AppError) {
  await ctx.db.transaction(async (tx) => {
    const run = await lockRun(tx, runId);
    if (!run || run.status === 'succeeded') return;
    await updateRun(tx, runId, { status: 'failed', errorCode: error.code, error: error.message, claimedStep: null, claimedUntil: null, finishedAt: at(ctx) });
    if (ctx.metrics) pipelineMetrics(ctx.metrics).runs.inc({ outcome: 'failed' });
  });
  ctx.log.warn('pipeline run failed', { runId, code: error.code });
  await emitRunEvent(ctx, runId, 'run.failed');
}

/** The job handler's body: one step of one run, delivered at least once. */
export async function executeStep(ctx: PipelineContext, payload: z.infer<typeof stepJob>, attempt: number): Promise<void> {
  const started = performance.now();
  const observe = (outcome: string) => ctx.metrics && pipelineMetrics(ctx.metrics).stepDuration.observe({ step: payload.step, outcome }, (performance.now() - started) / 1000);
  const claimed = await claimStep(ctx, payload.runId, payload.step);
  if (claimed === 'skip') return;
  if (claimed === 'busy') throw new Error(`step ${payload.step} of run ${payload.runId} is in progress elsewhere`);
  let next: PipelineStep | null;
  try {
    next = await completeStep(ctx, payload.runId, payload.step, await computeStep(ctx, claimed, payload.step));
  } catch (error) {
    const known = aiFailure(error) ?? (error instanceof AppError ? error : null);
    const permanent = (known && known.status < 500) || error instanceof AiOutputError;
    observe(permanent || attempt >= JOB_RETRIES + 1 ? 'failed' : 'retry');
    if (permanent || attempt >= JOB_RETRIES + 1) {
      await failRun(ctx, payload.runId, known ?? new AppError('PIPELINE_STEP_FAILED', 'A pipeline step failed; retry the run'));
      throw new NonRetryableJobError(known?.code ?? 'PIPELINE_STEP_FAILED');
    }
    // Transient: let go of the claim so the queue's retry can take the step at once.
    await ctx.db.transaction(async (tx) => updateRun(tx, payload.runId, { claimedStep: null, claimedUntil: null }));
    throw error;
  }
  observe('ok');
  if (next) await enqueueStep(ctx, payload.runId, next);
  else if (payload.step === 'publisher') await emitRunEvent(ctx, payload.runId, 'package.ready');
}

/**
 * After a restart: the in-process queue lost its jobs with the process, the runs table did not.
 * Claims held by the dead process are let go and every unfinished run's current step is queued.
 */
export async function resumeRuns(ctx: PipelineContext): Promise<number> {
  const runs = await unfinishedRuns(ctx.db);
  await releaseClaims(ctx.db, runs.map((r) => r.id));
  for (const run of runs) await enqueueStep(ctx, run.id, run.step ?? 'editor');
  if (runs.length) ctx.log.info('pipeline runs resumed', { runs: runs.length });
  return runs.length;
}
