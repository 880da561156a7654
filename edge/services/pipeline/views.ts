// Rows → the API's views (core/pipeline/views.ts): one mapping, shared by routes and exports.
import type { EditorResultView, ImageBriefView, PackageItemView, PackageSummary, PackageView, RunView } from '../../../core/pipeline/views';
import { briefsOfEditorResult, imagesOfBriefs, packageForUser, type EditorResultRow, type PackageItemRow, type packagesForUser, type RunRow } from '../../../db/queries/pipeline';
import type { Db } from '../../../db/types';
import { NotFoundError } from '../../../core/errors';
import type { Actor } from './context';
import { editorResultOf } from './editor';

export function runView(run: RunRow): RunView {
  return {
    id: run.id,
    status: run.status === 'cancelled' ? 'failed' : run.status,
    step: run.step,
    stepsDone: run.stepsDone,
    progress: run.progress,
    error: run.errorCode ? { code: run.errorCode, message: run.error ?? '' } : null,
    topicId: run.topicId,
    platforms: run.input.platforms,
    engine: run.engine,
    editorResultId: run.editorResultId,
    packageId: run.packageId,
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

export function editorResultView(row: EditorResultRow): EditorResultView {
  return {
    id: row.id,
    runId: row.runId,
    topicId: row.topicId,
    engine: row.engine,
    language: row.language,
    tone: row.tone,
    headline: row.headline,
    dek: row.dek,
    body: row.bodyVariants,
    keyPoints: row.keyPoints,
    sourceLinks: row.sourceLinks,
    needsVerification: row.needsVerification,
    originality: row.originality,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function briefViews(db: Db, actor: Actor, editorResultId: string): Promise<ImageBriefView[]> {
  const briefs = await briefsOfEditorResult(db, actor.id, editorResultId);
  const images = await imagesOfBriefs(db, actor.id, briefs.map((b) => b.briefHash));
  return briefs.map((b) => ({
    id: b.id,
    editorResultId: b.editorResultId,
    title: b.title,
    prompt: b.prompt,
    negative: b.negative,
    size: b.size,
    caption: b.caption,
    styleTags: b.styleTags,
    briefHash: b.briefHash,
    imageUrls: images.filter((i) => i.briefHash === b.briefHash).map((i) => i.url),
  }));
}

export function packageItemView(item: PackageItemRow): PackageItemView {
  return {
    id: item.id,
    platform: item.platform,
    texts: item.postText,
    counts: item.counts,
    hashtags: item.hashtags,
    cta: item.cta,
    imageUrl: item.imageUrl,
    imageSize: item.imageSize,
    postTime: item.postTime.toISOString(),
    postTimeReason: item.postTimeReason,
  };
}

export async function packageView(db: Db, actor: Actor, packageId: string): Promise<PackageView> {
  const found = await packageForUser(db, actor.id, packageId);
  if (!found) throw new NotFoundError('Package', packageId);
  const result = await editorResultOf(db, actor, found.package.editorResultId);
  return {
    id: found.package.id,
    runId: found.package.runId,
    engine: found.package.engine,
    createdAt: found.package.createdAt.toISOString(),
    editorResult: editorResultView(result),
    briefs: await briefViews(db, actor, result.id),
    items: found.items.map(packageItemView),
  };
}

export function packageSummary(row: Awaited<ReturnType<typeof packagesForUser>>[number]): PackageSummary {
  return { ...row, createdAt: row.createdAt.toISOString(), platforms: row.platforms as PackageSummary['platforms'] };
}
