// The Images step: moderation of the prompt first (flagged → refused, nothing generated or
// charged), then the per-user cache by brief hash (the same brief never pays twice), then generate,
// upload to object storage, and keep the URL.
import { NotFoundError } from '../../../core/errors';
import type { AiCall } from '../../../core/pipeline/types';
import type { UiLanguage } from '../../../core/settings';
import { briefForUser, imagesOfBriefs, insertGeneratedImage, sourcePosts, type ImageBriefRow } from '../../../db/queries/pipeline';
import { putContent } from '../../../storage/port';
import { recordCalls, type Actor, type PipelineContext } from './context';
import { editorResultOf } from './editor';
import { PromptFlaggedError } from './errors';

export interface CardContext {
  headline: string;
  channels: string[];
  language: UiLanguage;
  photoUrl: string | null;
}

export interface RenderedImage {
  briefId: string;
  url: string;
  cached: boolean;
}

const PHOTO_TIMEOUT_MS = 5000;
const LOCAL_MEDIA = '/media/';

/** The topic's own photo for the offline card; a photo that can't be read just leaves the card plain. */
async function loadPhoto(ctx: PipelineContext, url: string | null): Promise<Uint8Array | null> {
  if (!url) return null;
  try {
    if (url.startsWith(LOCAL_MEDIA)) return (await ctx.storage.get?.(url.slice(LOCAL_MEDIA.length)))?.bytes ?? null;
    if (!/^https:\/\//.test(url)) return null;
    const res = await fetch(url, { signal: AbortSignal.timeout(PHOTO_TIMEOUT_MS) });
    return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
  } catch (error) {
    ctx.log.warn('card photo unavailable', { error });
    return null;
  }
}

/** One brief's image: cached, or moderated, generated, stored and charged once. */
export async function renderBriefImage(ctx: PipelineContext, actor: Actor, brief: ImageBriefRow, card: CardContext, runId: string | null): Promise<RenderedImage> {
  const [cached] = await imagesOfBriefs(ctx.db, actor.id, [brief.briefHash]);
  if (cached) return { briefId: brief.id, url: cached.url, cached: true };
  const verdict = await ctx.ai.moderate(`${brief.prompt}\n${brief.caption}`);
  const calls: AiCall[] = [...verdict.calls];
  const at = () => new Date(ctx.now() * 1000);
  if (verdict.value.flagged) {
    await recordCalls(ctx.db, { userId: actor.id, runId, calls, at: at() });
    throw new PromptFlaggedError(verdict.value.categories);
  }
  const image = await ctx.ai.generateImage({
    prompt: brief.prompt,
    negative: brief.negative,
    size: brief.size,
    card: { headline: card.headline, caption: brief.caption, channels: card.channels, language: card.language, photo: await loadPhoto(ctx, card.photoUrl) },
  });
  calls.push(...image.calls);
  const { key, url } = await putContent(ctx.storage, image.value.png, 'image/png');
  return ctx.db.transaction(async (tx) => {
    const kept = await insertGeneratedImage(tx, { userId: actor.id, briefHash: brief.briefHash, variant: 0, url, storageKey: key, engine: ctx.ai.engine, model: image.calls[0]?.model ?? ctx.ai.engine, size: brief.size, createdAt: at() });
    // A concurrent delivery stored it first: its charge stands, this one is not recorded twice.
    if (kept.inserted) await recordCalls(tx, { userId: actor.id, runId, calls, at: at() });
    return { briefId: brief.id, url: kept.row.url, cached: !kept.inserted };
  });
}

/** POST /v1/images: the image of one of the user's briefs. */
export async function renderImages({ ctx, actor, briefId }: { ctx: PipelineContext; actor: Actor; briefId: string }): Promise<RenderedImage> {
  const brief = await briefForUser(ctx.db, actor.id, briefId);
  if (!brief) throw new NotFoundError('Image brief', briefId);
  const result = await editorResultOf(ctx.db, actor, brief.editorResultId);
  return renderBriefImage(ctx, actor, brief, await cardContextOf(ctx, actor, result), null);
}

export async function cardContextOf(ctx: PipelineContext, actor: Actor, result: Awaited<ReturnType<typeof editorResultOf>>): Promise<CardContext> {
  const posts = await sourcePosts(ctx.db, { userId: actor.id, messageIds: result.messageIds });
  return {
    headline: result.headline,
    channels: [...new Set(result.sourceLinks.map((l) => l.channelTitle))],
    language: result.language,
    photoUrl: posts.find((p) => p.photoUrl)?.photoUrl ?? null,
  };
}
