// The posts the Editor works from: the user's own (readable) posts of a topic or of a list of ids,
// with copies and forwards collapsed so no post is paid for twice.
import { AppError, NotFoundError } from '../../../core/errors';
import { postKey } from '../../../core/channels/post-url';
import type { SourcePost } from '../../../core/pipeline/types';
import { normalizeText } from '../../../core/text';
import { sourcePosts, type SourcePostRow } from '../../../db/queries/pipeline';
import type { Db } from '../../../db/types';

/** At most this many ids in one request. */
export const MAX_MESSAGE_IDS = 40;
/** A big topic is written from its most-read originals. */
export const MAX_SOURCE_POSTS = 30;

export type SourceSelection = { topicId: number; messageIds?: undefined } | { messageIds: number[]; topicId?: undefined };

export async function collectSources(db: Db, userId: string, selection: SourceSelection): Promise<SourcePost[]> {
  if (selection.messageIds) {
    const unique = [...new Set(selection.messageIds)];
    if (!unique.length) throw new AppError('VALIDATION_FAILED', 'messageIds: at least one post is needed');
    if (unique.length > MAX_MESSAGE_IDS) throw new AppError('VALIDATION_FAILED', `messageIds: at most ${MAX_MESSAGE_IDS} posts`);
    const rows = await sourcePosts(db, { userId, messageIds: unique });
    // Every id must be the user's: one foreign or unknown id answers 404, like a missing post.
    if (rows.length !== unique.length) {
      const found = new Set(rows.map((r) => r.id));
      throw new NotFoundError('Post', unique.find((id) => !found.has(id)));
    }
    return toSources(collapseCopies(rows));
  }
  const rows = await sourcePosts(db, { userId, topicId: selection.topicId });
  if (!rows.length) throw new NotFoundError('Topic', selection.topicId);
  return toSources(mostRead(collapseCopies(rows.filter((r) => !r.isCopy)), MAX_SOURCE_POSTS));
}

/** Forwards of a post in the set, and posts with the same text, count once (the earliest stays). */
export function collapseCopies(rows: SourcePostRow[]): SourcePostRow[] {
  const seenText = new Set<string>();
  const inSet = new Set(rows.flatMap((r) => (r.tgChannelId === null ? [] : [postKey(r.tgChannelId, r.msgId)])));
  const kept: SourcePostRow[] = [];
  for (const row of rows) {
    const text = normalizeText(row.text).toLowerCase().replace(/\s+/g, ' ').trim();
    if (!text) continue;
    if (seenText.has(text)) continue;
    if (row.forward && inSet.has(postKey(row.forward.tgChannelId, row.forward.msgId))) continue;
    seenText.add(text);
    kept.push(row);
  }
  return kept;
}

function mostRead(rows: SourcePostRow[], max: number): SourcePostRow[] {
  if (rows.length <= max) return rows;
  const keep = new Set([...rows].sort((a, b) => b.views - a.views || a.id - b.id).slice(0, max).map((r) => r.id));
  return rows.filter((r) => keep.has(r.id));
}

function toSources(rows: SourcePostRow[]): SourcePost[] {
  if (!rows.length) throw new AppError('NO_SOURCE_TEXT', 'The selected posts have no text to write from');
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    channelTitle: r.channelTitle,
    channelUsername: r.channelUsername,
    date: r.date,
    text: r.text,
    lang: r.lang,
    views: r.views,
    photoUrl: r.photoUrl,
  }));
}
