// One Telegram message (or album) → one TG Studio post. Pure: the same input always gives the
// same post, so re-reading a message (edits, metric refreshes) updates it in place.
import { detectLanguage } from '../text/language';
import { extractHashtags, extractLinks } from './entities';
import { classifyMedia, pollText } from './media';
import { toNumber } from './numbers';
import type { TelegramMessageLike } from './telegram-message';
import type { MediaItem, NormalisedPost, ReactionSummary } from './types';

export function isServiceMessage(message: TelegramMessageLike): boolean {
  return message.className === 'MessageService';
}

export function summariseReactions(message: TelegramMessageLike): ReactionSummary {
  const byEmoji: Record<string, number> = {};
  let total = 0;
  for (const { reaction, count } of message.reactions?.results ?? []) {
    const key =
      reaction.className === 'ReactionEmoji' && reaction.emoticon
        ? reaction.emoticon
        : reaction.className === 'ReactionCustomEmoji'
          ? `custom:${reaction.documentId?.toString() ?? '?'}`
          : reaction.className === 'ReactionPaid'
            ? 'paid'
            : null;
    if (!key || count <= 0) continue;
    byEmoji[key] = (byEmoji[key] ?? 0) + count;
    total += count;
  }
  return { total, byEmoji };
}

function forwardedFrom(message: TelegramMessageLike): { channelId: number | null; msgId: number | null } {
  const from = message.fwdFrom?.fromId;
  if (from?.className !== 'PeerChannel') return { channelId: null, msgId: null };
  return { channelId: toNumber(from.channelId), msgId: message.fwdFrom?.channelPost ?? null };
}

/** Normalises one message; null for service messages (joins, pins), which are not posts. */
export function normaliseMessage(message: TelegramMessageLike): NormalisedPost | null {
  if (isServiceMessage(message)) return null;
  const caption = message.message ?? '';
  const { type, item } = classifyMedia(message.media);
  const text = caption || pollText(message.media);
  const entities = message.entities ?? [];
  const media: MediaItem[] = item ? [{ ...item, sourceMsgId: message.id, position: 0 }] : [];
  const forward = forwardedFrom(message);
  return {
    msgId: message.id,
    memberMsgIds: [message.id],
    date: new Date(message.date * 1000),
    editDate: message.editDate ? new Date(message.editDate * 1000) : null,
    text,
    author: message.postAuthor?.trim() || null,
    type,
    views: message.views ?? 0,
    forwards: message.forwards ?? 0,
    comments: message.replies?.replies ?? 0,
    reactions: summariseReactions(message),
    lang: detectLanguage(text),
    hashtags: extractHashtags(caption, entities),
    links: [...new Set([...extractLinks(caption, entities), ...webpageLink(message)])],
    mediaPresent: Boolean(message.media && message.media.className !== 'MessageMediaEmpty'),
    media,
    groupedId: toNumber(message.groupedId),
    fwdFromChannelId: forward.channelId,
    fwdFromMsgId: forward.msgId,
  };
}

function webpageLink(message: TelegramMessageLike): string[] {
  const url = message.media?.webpage?.url;
  return url ? [url] : [];
}

/** Album members → one post: the first member's id and date, the caption wherever it is, every file in order. */
function mergeAlbum(members: NormalisedPost[]): NormalisedPost {
  const sorted = [...members].sort((a, b) => a.msgId - b.msgId);
  const head = sorted[0];
  const withCaption = sorted.find((m) => m.text) ?? head;
  const media = sorted.flatMap((m) => m.media).map((item, position) => ({ ...item, position }));
  const reactions: ReactionSummary = { total: 0, byEmoji: {} };
  for (const member of sorted) {
    reactions.total += member.reactions.total;
    for (const [emoji, count] of Object.entries(member.reactions.byEmoji)) reactions.byEmoji[emoji] = (reactions.byEmoji[emoji] ?? 0) + count;
  }
  const edits = sorted.map((m) => m.editDate?.getTime() ?? 0);
  const latestEdit = Math.max(...edits);
  return {
    ...withCaption,
    msgId: head.msgId,
    memberMsgIds: sorted.map((m) => m.msgId),
    date: head.date,
    editDate: latestEdit ? new Date(latestEdit) : null,
    type: 'album',
    // Telegram counts views per member and shows the album's as the highest.
    views: Math.max(...sorted.map((m) => m.views)),
    forwards: Math.max(...sorted.map((m) => m.forwards)),
    comments: Math.max(...sorted.map((m) => m.comments)),
    reactions,
    hashtags: [...new Set(sorted.flatMap((m) => m.hashtags))],
    links: [...new Set(sorted.flatMap((m) => m.links))],
    mediaPresent: true,
    media,
  };
}

/**
 * Normalises a batch, merging album members (same groupedId) into one post. The result is
 * ordered by msgId; service messages are dropped.
 */
export function normaliseBatch(messages: readonly TelegramMessageLike[]): NormalisedPost[] {
  const singles: NormalisedPost[] = [];
  const albums = new Map<string, NormalisedPost[]>();
  for (const message of messages) {
    const post = normaliseMessage(message);
    if (!post) continue;
    if (message.groupedId === undefined || message.groupedId === null) {
      singles.push(post);
      continue;
    }
    const key = message.groupedId.toString();
    const group = albums.get(key) ?? [];
    group.push(post);
    albums.set(key, group);
  }
  const merged = [...albums.values()].map((group) => (group.length === 1 ? group[0] : mergeAlbum(group)));
  return [...singles, ...merged].sort((a, b) => a.msgId - b.msgId);
}
