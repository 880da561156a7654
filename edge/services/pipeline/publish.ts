// The Publisher step: per-platform packages from the article and its images — texts fitted as each
// platform counts, hashtags, CTA, post time in the user's zone — stored as one package.
import type { ImageSize, Platform } from '../../../core/pipeline/platforms';
import { buildPackageItems, type HourOfWeekEngagement } from '../../../core/pipeline/publisher';
import type { PackageItemDraft } from '../../../core/pipeline/types';
import type { Morphology } from '../../../core/text/morphology';
import { briefsOfEditorResult, engagementByHourOfWeek, imagesOfBriefs, insertPackage, type EditorResultRow } from '../../../db/queries/pipeline';
import { settingsOf } from '../../../db/queries/settings';
import type { Db } from '../../../db/types';
import type { Actor, PipelineContext } from './context';
import { editorResultOf } from './editor';

const ENGAGEMENT_DAYS = 30;
const HOURS_PER_WEEK = 168;

async function engagementOf(db: Db, userId: string, timeZone: string, now: Date): Promise<HourOfWeekEngagement> {
  const rows = await engagementByHourOfWeek(db, { userId, timeZone, since: new Date(now.getTime() - ENGAGEMENT_DAYS * 86_400_000) });
  const cells: HourOfWeekEngagement = Array.from({ length: HOURS_PER_WEEK }, () => ({ posts: 0, avgViews: 0, avgReactions: 0 }));
  for (const r of rows) if (r.cell >= 0 && r.cell < HOURS_PER_WEEK) cells[r.cell] = { posts: r.posts, avgViews: r.avgViews, avgReactions: r.avgReactions };
  return cells;
}

/** The article's images by size (the first image of each size wins). */
async function imagesBySize(db: Db, userId: string, editorResultId: string): Promise<Partial<Record<ImageSize, string>>> {
  const briefs = await briefsOfEditorResult(db, userId, editorResultId);
  const images = await imagesOfBriefs(db, userId, briefs.map((b) => b.briefHash));
  const byHash = new Map(images.map((i) => [i.briefHash, i.url]));
  const bySize: Partial<Record<ImageSize, string>> = {};
  for (const b of briefs) {
    const url = byHash.get(b.briefHash);
    if (url && !bySize[b.size]) bySize[b.size] = url;
  }
  return bySize;
}

/** The dictionary, or none: tags from the ending rules are worse, not a reason to fail a package. */
async function dictionaryOf(ctx: PipelineContext): Promise<Morphology | undefined> {
  try {
    return await ctx.morphology?.();
  } catch (error) {
    ctx.log.warn('russian dictionary unavailable: hashtags from the ending rules', { error: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

export async function composePackage(ctx: PipelineContext, actor: Actor, result: EditorResultRow, platforms: Platform[]): Promise<PackageItemDraft[]> {
  const now = new Date(ctx.now() * 1000);
  const settings = await settingsOf(ctx.db, actor.id);
  const [bySize, engagement, morphology] = await Promise.all([imagesBySize(ctx.db, actor.id, result.id), engagementOf(ctx.db, actor.id, settings.timeZone, now), dictionaryOf(ctx)]);
  return buildPackageItems({
    article: { headline: result.headline, dek: result.dek, body: result.bodyVariants, keyPoints: result.keyPoints, sourceLinks: result.sourceLinks.map((l) => l.url) },
    platforms,
    images: Object.keys(bySize).length ? { bySize } : null,
    language: result.language,
    timeZone: settings.timeZone,
    now,
    engagement,
    sourceChannels: [...new Set(result.sourceLinks.map((l) => l.channelTitle))],
    morphology,
  });
}

export async function storePackage(tx: Db, params: { actor: Actor; runId: string | null; result: EditorResultRow; items: PackageItemDraft[]; engine: EditorResultRow['engine']; at: Date }) {
  return insertPackage(
    tx,
    { userId: params.actor.id, editorResultId: params.result.id, runId: params.runId, engine: params.engine, createdAt: params.at },
    params.items.map((item, position) => ({
      position,
      platform: item.platform,
      postTime: new Date(item.postTime),
      postTimeReason: item.postTimeReason,
      postText: item.texts,
      counts: item.counts,
      hashtags: item.hashtags,
      cta: item.cta,
      imageUrl: item.imageUrl,
      imageSize: item.imageSize,
    })),
  );
}

/** POST /v1/package: packages for one of the user's articles. */
export async function publishPackage({ ctx, actor, input }: { ctx: PipelineContext; actor: Actor; input: { editorResultId: string; platforms: Platform[] } }) {
  const result = await editorResultOf(ctx.db, actor, input.editorResultId);
  const items = await composePackage(ctx, actor, result, input.platforms);
  const at = new Date(ctx.now() * 1000);
  return ctx.db.transaction((tx) => storePackage(tx, { actor, runId: null, result, items, engine: result.engine, at }));
}
