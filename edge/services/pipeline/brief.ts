// The Image Brief step: 1..N briefs for an article, each with a stable hash (the image cache key).
import { AppError } from '../../../core/errors';
import { briefHash, checkImageBriefs } from '../../../core/pipeline/brief/check';
import type { Platform } from '../../../core/pipeline/platforms';
import type { AiCall, ImageBriefDraft, ImageBriefRequest } from '../../../core/pipeline/types';
import { insertBriefs, type EditorResultRow, type ImageBriefRow } from '../../../db/queries/pipeline';
import type { Db } from '../../../db/types';
import { AiOutputError } from '../../ports/ai';
import { paidOrRecorded, recordCalls, type Actor, type PipelineContext } from './context';
import { editorResultOf } from './editor';

export const MAX_BRIEFS = 4;

export interface BriefInput {
  editorResultId: string;
  platforms: Platform[];
  count: number;
}

export function briefRequestOf(result: EditorResultRow, platforms: Platform[], count: number): ImageBriefRequest {
  if (count < 1 || count > MAX_BRIEFS) throw new AppError('VALIDATION_FAILED', `count: between 1 and ${MAX_BRIEFS}`);
  return {
    language: result.language,
    headline: result.headline,
    dek: result.dek,
    keyPoints: result.keyPoints,
    platforms,
    count,
    sourceChannels: [...new Set(result.sourceLinks.map((l) => l.channelTitle))],
  };
}

export async function draftBriefs(ctx: PipelineContext, request: ImageBriefRequest): Promise<{ briefs: ImageBriefDraft[]; calls: AiCall[] }> {
  const answer = await ctx.ai.briefImages(request);
  const checked = checkImageBriefs(answer.value, request);
  if (checked.problems.length) throw new AiOutputError('image briefs refused', checked.problems, answer.calls);
  return { briefs: checked.briefs, calls: answer.calls };
}

const ASPECT: Record<ImageBriefDraft['size'], string> = { '1024x1024': '1:1', '1536x1024': '3:2', '1024x1536': '2:3' };

export async function storeBriefs(tx: Db, params: { actor: Actor; runId: string | null; editorResultId: string; briefs: ImageBriefDraft[]; calls: AiCall[]; at: Date }): Promise<ImageBriefRow[]> {
  const rows = await insertBriefs(
    tx,
    params.briefs.map((b, position) => ({
      userId: params.actor.id,
      editorResultId: params.editorResultId,
      runId: params.runId,
      position,
      title: b.title,
      prompt: b.prompt,
      negative: b.negative,
      size: b.size,
      aspect: ASPECT[b.size],
      caption: b.caption,
      styleTags: b.styleTags,
      briefHash: briefHash(b),
      createdAt: params.at,
    })),
  );
  await recordCalls(tx, { userId: params.actor.id, runId: params.runId, calls: params.calls, at: params.at });
  return rows;
}

/** POST /v1/image-brief: briefs for one of the user's articles. */
export async function briefImages({ ctx, actor, input }: { ctx: PipelineContext; actor: Actor; input: BriefInput }): Promise<ImageBriefRow[]> {
  const result = await editorResultOf(ctx.db, actor, input.editorResultId);
  const request = briefRequestOf(result, input.platforms, input.count);
  const { briefs, calls } = await paidOrRecorded(ctx, actor, null, () => draftBriefs(ctx, request));
  const at = new Date(ctx.now() * 1000);
  return ctx.db.transaction((tx) => storeBriefs(tx, { actor, runId: null, editorResultId: result.id, briefs, calls, at }));
}
