export type { TelegramMessageLike } from './telegram-message';
export type { MediaItem, MediaKind, MessageLanguage, MessageType, NormalisedPost, ReactionSummary } from './types';
export { isServiceMessage, normaliseBatch, normaliseMessage, summariseReactions } from './normalise';
export { extractHashtags, extractLinks } from './entities';
