// The AI pipeline's API: start a run from a topic, follow it, retry it, read its editor result and
// packages, and the export links. Typed by the server's view types (type-only imports).
import type { AiEngine, PipelineStep, Platform } from '../../../core/pipeline/platforms';
import type { EditorResultView, PackageSummary, PackageView, RunStatus, RunView } from '../../../core/pipeline/views';
import type { Tone, UiLanguage } from '../../../core/settings';
import { apiFetch } from './api';

export type { AiEngine, EditorResultView, PackageSummary, PackageView, PipelineStep, Platform, RunStatus, RunView };
export type { ImageBriefView, PackageItemView, SourceLinkView } from '../../../core/pipeline/views';
export type { BodyVariants, OriginalityScore, VerificationFlag } from '../../../core/pipeline/types';

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

interface RunOptions {
  platforms?: Platform[];
  language?: UiLanguage;
  tone?: Tone;
}
/** Exactly one of a topic or a set of posts. */
export type StartRunInput = RunOptions & ({ topicId: number; messageIds?: never } | { messageIds: number[]; topicId?: never });

const id = (value: string) => encodeURIComponent(value);

export const startRun = (input: StartRunInput) => apiFetch<RunView>('/v1/runs', { method: 'POST', json: input });
export const getRun = (runId: string, init?: { signal?: AbortSignal }) => apiFetch<RunView>(`/v1/runs/${id(runId)}`, init);
export const retryRun = (runId: string) => apiFetch<RunView>(`/v1/runs/${id(runId)}/retry`, { method: 'POST' });
/** Newest first; `limit` 1..50. */
export const listTopicRuns = (topicId: number, limit?: number) =>
  apiFetch<{ items: RunView[] }>(`/v1/runs?topicId=${topicId}${limit ? `&limit=${limit}` : ''}`);
export const getEditorResult = (resultId: string) => apiFetch<EditorResultView>(`/v1/editor-results/${id(resultId)}`);

/** Days as YYYY-MM-DD; either end may be open. */
export interface DateRange {
  from?: string;
  to?: string;
}
export interface PackagesPage {
  items: PackageSummary[];
  nextCursor: string | null;
}

function rangeParams(range: DateRange, first?: Record<string, string>): URLSearchParams {
  const p = new URLSearchParams(first);
  if (range.from) p.set('from', range.from);
  if (range.to) p.set('to', range.to);
  return p;
}

export function listPackages(range: DateRange & { limit?: number; cursor?: string | null }) {
  const p = rangeParams(range);
  if (range.limit) p.set('limit', String(range.limit));
  if (range.cursor) p.set('cursor', range.cursor);
  return apiFetch<PackagesPage>(`/v1/packages?${p}`);
}
export const getPackage = (packageId: string) => apiFetch<PackageView>(`/v1/packages/${id(packageId)}`);

export type ExportFormat = 'json' | 'csv';
/** A file download (Content-Disposition: attachment); same-origin, so the session cookie goes along. */
export const packageExportUrl = (packageId: string, format: ExportFormat) => `/v1/packages/${id(packageId)}/export?format=${format}`;
export function packagesExportUrl(format: ExportFormat, range: DateRange) {
  return `/v1/packages/export?${rangeParams(range, { format })}`;
}
