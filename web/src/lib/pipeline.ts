// The AI pipeline's API: start a run from a topic, follow it, retry it, read its editor result and
// packages, and the export links. Answers are typed by the routes (./client); the unions and the
// nested view pieces come from the server's types (type-only imports).
import type { AiEngine, PipelineStep, Platform } from '../../../core/pipeline/platforms';
import type { RunStatus } from '../../../core/pipeline/views';
import type { InferRequestType } from 'hono/client';
import { api, read, type Answer } from './client';

export type { AiEngine, PipelineStep, Platform, RunStatus };
export type { ImageBriefView, PackageItemView, SourceLinkView } from '../../../core/pipeline/views';
export type { BodyVariants, OriginalityScore, VerificationFlag } from '../../../core/pipeline/types';

export type RunView = Answer<(typeof api.v1.runs)[':id']['$get']>;
export type EditorResultView = Answer<(typeof api.v1)['editor-results'][':id']['$get']>;
export type PackageView = Answer<(typeof api.v1.packages)[':id']['$get']>;
export type PackagesPage = Answer<typeof api.v1.packages.$get>;
export type PackageSummary = PackagesPage['items'][number];

// Typed as records over the server's unions, so a platform or step added there fails `tsc` here
// until it has its place (the web app can't import the server's runtime lists).
const PLATFORM_SET: Record<Platform, true> = { telegram: true, vk: true, x: true, instagram: true, threads: true, linkedin: true };
const STEP_SET: Record<PipelineStep, true> = { editor: true, image_brief: true, images: true, publisher: true };

/** Every platform, in the order the app shows them. */
export const PLATFORMS = Object.keys(PLATFORM_SET) as Platform[];
/** The steps of a run, in order. */
export const PIPELINE_STEPS = Object.keys(STEP_SET) as PipelineStep[];
export const BODY_LENGTHS = ['short', 'medium', 'long'] as const;
export type BodyLength = (typeof BODY_LENGTHS)[number];

export const isRunActive = (run: RunView) => run.status === 'queued' || run.status === 'running';

/** Exactly one of a topic or a set of posts (the route checks it; the type says it). */
type RunBody = InferRequestType<typeof api.v1.runs.$post>['json'];
export type StartRunInput = Omit<RunBody, 'topicId' | 'messageIds'> & ({ topicId: number; messageIds?: never } | { messageIds: number[]; topicId?: never });

const id = (value: string) => encodeURIComponent(value);

export const startRun = (input: StartRunInput) => read(api.v1.runs.$post({ json: input }));
export const getRun = (runId: string, init?: { signal?: AbortSignal }) => read(api.v1.runs[':id'].$get({ param: { id: id(runId) } }, { init }));
export const retryRun = (runId: string) => read(api.v1.runs[':id'].retry.$post({ param: { id: id(runId) } }));
/** Newest first; `limit` 1..50. */
export const listTopicRuns = (topicId: number, limit?: number) =>
  read(api.v1.runs.$get({ query: { topicId: String(topicId), ...(limit ? { limit: String(limit) } : {}) } }));
export const getEditorResult = (resultId: string) => read(api.v1['editor-results'][':id'].$get({ param: { id: id(resultId) } }));

/** Days as YYYY-MM-DD; either end may be open. */
export interface DateRange {
  from?: string;
  to?: string;
}

export function listPackages(range: DateRange & { limit?: number; cursor?: string | null }) {
  return read(
    api.v1.packages.$get({
      query: {
        ...(range.from ? { from: range.from } : {}),
        ...(range.to ? { to: range.to } : {}),
        ...(range.limit ? { limit: String(range.limit) } : {}),
        ...(range.cursor ? { cursor: range.cursor } : {}),
      },
    }),
  );
}
export const getPackage = (packageId: string) => read(api.v1.packages[':id'].$get({ param: { id: id(packageId) } }));

export type ExportFormat = 'json' | 'csv';
/** A file download (Content-Disposition: attachment); same-origin, so the session cookie goes along. */
export const packageExportUrl = (packageId: string, format: ExportFormat) => api.v1.packages[':id'].export.$path({ param: { id: id(packageId) }, query: { format } });
export function packagesExportUrl(format: ExportFormat, range: DateRange) {
  return api.v1.packages.export.$path({ query: { format, from: range.from, to: range.to } });
}
