// The pipeline's verbs, shared by the routes (edge/routes/pipeline.ts, packages.ts) and the queued
// job (edge/jobs). Each takes a PipelineContext and the acting user.
import type { Services } from '../../services';
import type { Logger } from '../../../core/log';
import type { PipelineContext } from './context';

export function pipelineContext(services: Services, log: Logger = services.log): PipelineContext {
  return { db: services.database.db, ai: services.ai, storage: services.storage, queue: services.queue, log, now: services.now, metrics: services.metrics, morphology: services.morphology };
}

export type { Actor, PipelineContext } from './context';
export { runEditor, editorResultOf } from './editor';
export { briefImages, MAX_BRIEFS } from './brief';
export { renderImages } from './images';
export { publishPackage } from './publish';
export { startRun, retryRun, runOf, executeStep, resumeRuns, stepJob, PIPELINE_JOB } from './runs';
export { MAX_MESSAGE_IDS } from './sources';
export { aiFailure } from './errors';
export { runView, editorResultView, briefViews, packageView, packageSummary } from './views';
