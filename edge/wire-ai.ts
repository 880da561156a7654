// Chooses the AI engine from configuration (Node and Workers alike): the OpenAI SDK when a key is
// set (OPENAI_BASE_URL may point at any OpenAI-compatible server), else the offline engine.
import type { Config } from '../core/config';
import { createOfflineEngine } from './adapters/ai/offline';
import { createOpenAiEngine } from './adapters/ai/openai';
import type { CardAssets } from './adapters/ai/card';
import type { AiPort } from './ports/ai';

export function createAi(config: Config, loadCardAssets: () => Promise<CardAssets>): AiPort {
  if (config.OPENAI_API_KEY) {
    return createOpenAiEngine({
      apiKey: config.OPENAI_API_KEY,
      baseUrl: config.OPENAI_BASE_URL,
      textModel: config.OPENAI_TEXT_MODEL,
      imageModel: config.OPENAI_IMAGE_MODEL,
      moderationModel: config.OPENAI_MODERATION_MODEL,
      timeoutMs: config.OPENAI_TIMEOUT_MS,
      maxRetries: config.OPENAI_MAX_RETRIES,
    });
  }
  return createOfflineEngine({ loadAssets: loadCardAssets });
}
