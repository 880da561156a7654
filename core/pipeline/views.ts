// What the API answers for the pipeline's resources (GET /v1/runs/:id, /v1/editor-results/:id,
// /v1/packages, /v1/packages/:id). The web app imports these as types.
import type { Tone, UiLanguage } from '../settings';
import type { AiEngine, PipelineStep, Platform } from './platforms';
import type { BodyVariants, ImageBriefDraft, Originality, PackageItemDraft, VerificationFlag } from './types';

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface RunView {
  id: string;
  status: RunStatus;
  /** The step running now (or the one that failed); null before the first and after the last. */
  step: PipelineStep | null;
  /** Steps finished, in order. */
  stepsDone: PipelineStep[];
  /** 0..100. */
  progress: number;
  error: { code: string; message: string } | null;
  topicId: number | null;
  platforms: Platform[];
  engine: AiEngine;
  editorResultId: string | null;
  packageId: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface SourceLinkView {
  url: string;
  channelTitle: string;
  /** Our message id of the post. */
  messageId: number;
}

export interface EditorResultView {
  id: string;
  runId: string | null;
  topicId: number | null;
  engine: AiEngine;
  language: UiLanguage;
  tone: Tone;
  headline: string;
  dek: string;
  body: BodyVariants;
  keyPoints: string[];
  sourceLinks: SourceLinkView[];
  needsVerification: VerificationFlag[];
  originality: Originality;
  createdAt: string;
}

export interface ImageBriefView extends ImageBriefDraft {
  id: string;
  editorResultId: string;
  briefHash: string;
  /** URLs of the generated images, once the Images step ran. */
  imageUrls: string[];
}

export interface PackageItemView extends PackageItemDraft {
  id: string;
}

export interface PackageView {
  id: string;
  runId: string | null;
  engine: AiEngine;
  createdAt: string;
  editorResult: EditorResultView;
  briefs: ImageBriefView[];
  items: PackageItemView[];
}

/** A row of GET /v1/packages. */
export interface PackageSummary {
  id: string;
  runId: string | null;
  engine: AiEngine;
  createdAt: string;
  headline: string;
  topicId: number | null;
  platforms: Platform[];
  imageUrl: string | null;
}
