// The kind of a post from its media: what Telegram's document attributes say, not the file name.
import type { DocumentLike, MediaLike, PhotoLike } from './telegram-message';
import type { MediaItem, MediaKind, MessageType } from './types';
import { toNumber } from './numbers';

export interface MediaClassification {
  type: MessageType;
  item: Omit<MediaItem, 'sourceMsgId' | 'position'> | null;
}

function documentKind(document: DocumentLike): MediaKind {
  const attributes = document.attributes ?? [];
  const has = (name: string) => attributes.some((a) => a.className === name);
  if (has('DocumentAttributeSticker')) return 'sticker';
  if (has('DocumentAttributeAnimated')) return 'animation';
  const video = attributes.find((a) => a.className === 'DocumentAttributeVideo');
  if (video) return video.roundMessage ? 'video_note' : 'video';
  const audio = attributes.find((a) => a.className === 'DocumentAttributeAudio');
  if (audio) return audio.voice ? 'voice' : 'audio';
  if (document.mimeType?.startsWith('image/') && !has('DocumentAttributeFilename')) return 'photo';
  return 'document';
}

function largestPhotoSize(photo: PhotoLike): { w: number | null; h: number | null; size: number | null } {
  let best = { w: null as number | null, h: null as number | null, size: null as number | null, area: -1 };
  for (const size of photo.sizes ?? []) {
    const bytes = size.className === 'PhotoSizeProgressive' ? (size.sizes?.at(-1) ?? null) : (size.size ?? null);
    const area = (size.w ?? 0) * (size.h ?? 0);
    if (area > best.area && size.className !== 'PhotoStrippedSize' && size.className !== 'PhotoPathSize') {
      best = { w: size.w ?? null, h: size.h ?? null, size: bytes, area };
    }
  }
  return { w: best.w, h: best.h, size: best.size };
}

export function classifyMedia(media: MediaLike | undefined): MediaClassification {
  if (!media || media.className === 'MessageMediaEmpty') return { type: 'text', item: null };
  switch (media.className) {
    case 'MessageMediaPhoto': {
      if (!media.photo || media.photo.className !== 'Photo') return { type: 'photo', item: null };
      const { w, h, size } = largestPhotoSize(media.photo);
      return { type: 'photo', item: { kind: 'photo', mimeType: 'image/jpeg', size, width: w, height: h, fileName: null } };
    }
    case 'MessageMediaDocument': {
      const document = media.document;
      if (!document || document.className !== 'Document') return { type: 'document', item: null };
      const kind = documentKind(document);
      const dims = document.attributes?.find((a) => a.w !== undefined && a.h !== undefined);
      const fileName = document.attributes?.find((a) => a.className === 'DocumentAttributeFilename')?.fileName ?? null;
      return {
        type: kind,
        item: { kind, mimeType: document.mimeType ?? null, size: toNumber(document.size), width: dims?.w ?? null, height: dims?.h ?? null, fileName },
      };
    }
    case 'MessageMediaPoll':
      return { type: 'poll', item: null };
    case 'MessageMediaGeo':
    case 'MessageMediaGeoLive':
    case 'MessageMediaVenue':
      return { type: 'location', item: null };
    case 'MessageMediaContact':
      return { type: 'contact', item: null };
    case 'MessageMediaWebPage':
      return { type: 'webpage', item: null };
    default:
      return { type: 'other', item: null };
  }
}

/** Poll question and answers as text, so polls are searchable and clustered like posts. */
export function pollText(media: MediaLike | undefined): string {
  if (!media?.poll) return '';
  const text = (v: { text: string } | string) => (typeof v === 'string' ? v : v.text);
  return [text(media.poll.question), ...media.poll.answers.map((a) => `• ${text(a.text)}`)].join('\n');
}
