// A data-set post → a real gramjs Api.Message, as Telegram would deliver it: the exported
// Markdown (**bold**, [label](url)) becomes plain text with entities, bare URLs and hashtags get
// their entities, and the simulated metrics and photo are attached.
import bigInt from 'big-integer';
import { Api } from 'telegram';
import type { SandboxPost } from './dataset';
import { hasSandboxPhoto, SANDBOX_PHOTO_SIZE, sandboxPhotoPng } from './images';
import { simulateMetrics } from './engagement';

const MARKUP = /\*\*([^*]+)\*\*|\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g;
const BARE_URL = /https?:\/\/[^\s<>"«»()]+[^\s<>"«»().,;:!?]/g;
const HASHTAG = /(^|[^\p{L}\p{N}_])(#[\p{L}\p{N}_]+)/gu;

export function textWithEntities(source: string): { text: string; entities: Api.TypeMessageEntity[] } {
  const entities: Api.TypeMessageEntity[] = [];
  let text = '';
  let last = 0;
  for (const match of source.matchAll(MARKUP)) {
    text += source.slice(last, match.index);
    const [, bold, label, url] = match;
    const offset = text.length;
    if (bold !== undefined) {
      text += bold;
      entities.push(new Api.MessageEntityBold({ offset, length: bold.length }));
    } else {
      text += label;
      entities.push(new Api.MessageEntityTextUrl({ offset, length: label.length, url }));
    }
    last = match.index + match[0].length;
  }
  text += source.slice(last);
  for (const match of text.matchAll(BARE_URL)) entities.push(new Api.MessageEntityUrl({ offset: match.index, length: match[0].length }));
  for (const match of text.matchAll(HASHTAG)) {
    entities.push(new Api.MessageEntityHashtag({ offset: match.index + match[1].length, length: match[2].length }));
  }
  entities.sort((a, b) => a.offset - b.offset);
  return { text, entities };
}

function photoOf(tgChannelId: number, postId: number): Api.MessageMediaPhoto {
  return new Api.MessageMediaPhoto({
    photo: new Api.Photo({
      id: bigInt(tgChannelId).multiply(1_000_000).add(postId),
      accessHash: bigInt(0),
      fileReference: Buffer.alloc(0),
      date: 0,
      dcId: 0,
      sizes: [new Api.PhotoSize({ type: 'x', w: SANDBOX_PHOTO_SIZE.width, h: SANDBOX_PHOTO_SIZE.height, size: sandboxPhotoPng(tgChannelId, postId).length })],
    }),
  });
}

export function toApiMessage(tgChannelId: number, post: SandboxPost, nowMs: number): Api.Message {
  const { text, entities } = textWithEntities(post.text);
  const metrics = simulateMetrics(tgChannelId, post.id, nowMs - post.date);
  return new Api.Message({
    id: post.id,
    peerId: new Api.PeerChannel({ channelId: bigInt(tgChannelId) }),
    date: Math.floor(post.date / 1000),
    message: text,
    entities,
    post: true,
    media: hasSandboxPhoto(tgChannelId, post.id) ? photoOf(tgChannelId, post.id) : undefined,
    views: metrics.views,
    forwards: metrics.forwards,
    replies: metrics.comments ? new Api.MessageReplies({ replies: metrics.comments, repliesPts: 0 }) : undefined,
    reactions: new Api.MessageReactions({
      results: metrics.reactions.map(({ emoji, count }) => new Api.ReactionCount({ reaction: new Api.ReactionEmoji({ emoticon: emoji }), count })),
    }),
  });
}
