// The AI port with no model (the default without OPENAI_API_KEY): the rule-based Editor, Image
// Brief and moderation from core/pipeline, and a news card drawn from the story instead of a
// generated picture. Deterministic and free: every call is recorded with engine `offline`, zero
// tokens (and one image for a card), so ai_usage shows what ran and prices it at 0.
// Runs on Node and Workers alike; only the card's assets differ (card-assets-node / -worker).
import { briefImagesOffline } from '../../../core/pipeline/brief/offline';
import { writeArticleOffline } from '../../../core/pipeline/editor/offline';
import { moderateOffline } from '../../../core/pipeline/moderation/offline';
import type { AiPurpose, ImageSize } from '../../../core/pipeline/platforms';
import type { AiCall } from '../../../core/pipeline/types';
import type { AiPort } from '../../ports/ai';
import { renderCard, type CardAssets } from './card';

export const OFFLINE_MODELS = {
  text: 'offline-extractive',
  image: 'offline-card',
  moderation: 'offline-moderation',
} as const;

export type OfflineEngineOptions =
  | { assets: CardAssets }
  /** Loaded on the first image only: text-only runs never read the WebAssembly. */
  | { loadAssets: () => Promise<CardAssets> };

function call(purpose: AiPurpose, model: string, image?: ImageSize): AiCall {
  return {
    purpose,
    engine: 'offline',
    model,
    inputTokens: 0,
    outputTokens: 0,
    cachedTokens: 0,
    images: image ? 1 : 0,
    ...(image ? { imageSize: image } : {}),
  };
}

export function createOfflineEngine(options: OfflineEngineOptions): AiPort {
  const assets = 'assets' in options ? () => Promise.resolve(options.assets) : options.loadAssets;
  return {
    engine: 'offline',

    async writeArticle(request) {
      return { value: writeArticleOffline(request), calls: [call('editor', OFFLINE_MODELS.text)] };
    },

    async briefImages(request) {
      return { value: briefImagesOffline(request), calls: [call('brief', OFFLINE_MODELS.text)] };
    },

    async moderate(text) {
      return { value: moderateOffline(text), calls: [call('moderation', OFFLINE_MODELS.moderation)] };
    },

    async generateImage(request) {
      const png = await renderCard({ size: request.size, ...request.card }, await assets());
      return { value: { png }, calls: [call('image', OFFLINE_MODELS.image, request.size)] };
    },
  };
}
