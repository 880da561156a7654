// What a Telegram post becomes in TG Studio: plain data, ready for the messages table.
// Each list is written once, here: the database enums, the API's zod enums and the types derive from it.
export const MESSAGE_TYPES = [
  'text', 'photo', 'video', 'document', 'audio', 'voice', 'video_note', 'animation', 'sticker', 'poll',
  'location', 'contact', 'album', 'webpage', 'service', 'other',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const MEDIA_KINDS = ['photo', 'video', 'document', 'audio', 'voice', 'video_note', 'animation', 'sticker'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export const MESSAGE_LANGUAGES = ['ru', 'en', 'other'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

export interface ReactionSummary {
  total: number;
  /** Emoji → count; custom emoji are keyed `custom:<documentId>`, paid stars `paid`. */
  byEmoji: Record<string, number>;
}

/** One downloadable file of a post (an album post has several). */
export interface MediaItem {
  kind: MediaKind;
  /** The Telegram message that carries this file (album members have their own ids). */
  sourceMsgId: number;
  /** Order inside the post. */
  position: number;
  mimeType: string | null;
  /** Bytes as Telegram reports them, when it does. */
  size: number | null;
  width: number | null;
  height: number | null;
  fileName: string | null;
}

export interface NormalisedPost {
  /** The post's id in its channel: an album's smallest member id. */
  msgId: number;
  /** Every Telegram message id the post was built from (one, or an album's members). */
  memberMsgIds: number[];
  date: Date;
  editDate: Date | null;
  text: string;
  author: string | null;
  type: MessageType;
  views: number;
  forwards: number;
  comments: number;
  reactions: ReactionSummary;
  lang: MessageLanguage;
  hashtags: string[];
  links: string[];
  mediaPresent: boolean;
  media: MediaItem[];
  groupedId: number | null;
  fwdFromChannelId: number | null;
  fwdFromMsgId: number | null;
}
