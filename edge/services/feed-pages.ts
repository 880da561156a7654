// Feed pages (and the new-posts count a reader polls) as the JSON text they are sent as, kept in
// this process under what they depend on: the reader, the page's parameters and the fingerprint of
// the reader's channels (their ids and feed versions, which triggers raise on every change a page
// could show: migration 0009). A hit costs that one small read instead of the page's per-channel
// walks, and is never stale: any change to a post, its media or topic, a channel, or the reader's
// subscriptions gives another fingerprint.
// The fingerprint is read before the page, so a change between the two only makes the entry
// newer than its key (and the next request misses), never older. Fingerprints are read in fresh
// batches (./fresh-batches.ts): concurrent readers share a round trip, none gets a stale one.
// Where the database's change notifications are heard (./feed-changes.ts), a fingerprint read once
// stays known until a change to it is heard, and a hit costs no round trip at all.
import { highlightRanges, searchTerms, type HighlightRange } from '../../core/search/highlight';
import { titleLine } from '../../core/topics/title';
import { countNewer, feedFingerprints, listFeed, type FeedCursor, type FeedFilter, type FingerprintKey, type FeedItem, type NewerFilter } from '../../db/queries/feed';
import type { Db } from '../../db/types';
import type { Services } from '../services';
import { knownOrRead } from './feed-changes';
import { readerTags } from './known-values';
import { freshBatchesPerHandle } from './fresh-batches';
import { recentJsonTexts, sharedByKey, toJsonText, type JsonText } from './json-cache';

export interface FeedAnswer {
  items: (FeedItem & { highlights: HighlightRange[] })[];
  nextCursor: string | null;
  /** First pages only: pass it to /v1/feed/new to ask how many posts arrived since. */
  head?: number;
}

/** A minute at most (memory is the bound that matters: entries are exact while kept). */
const answers = recentJsonTexts<unknown>({ ttlMs: 60_000, maxChars: 8_000_000 });
const computing = sharedByKey<JsonText<unknown>>();

/** The fingerprint of a reader's channels, read in fresh batches. */
const readFingerprint = freshBatchesPerHandle((db: Db) => ({
  readAll: (keys: FingerprintKey[]) => feedFingerprints(db, keys),
  idOf: (k: FingerprintKey) => `${fingerprintId(k)}:${k.withSubscribed ? 's' : ''}`,
  maxBatch: 64,
}));

function fingerprintId(k: FingerprintKey): string {
  return `${k.userId}:${k.channelIds?.join(',') ?? ''}`;
}

/** Where a reader's fingerprint comes from: the database, and the notifications when heard. */
export type FeedSource = Pick<Services, 'database' | 'feedChanges'>;

function fingerprintOf({ database, feedChanges }: FeedSource, key: FingerprintKey): Promise<string> {
  return knownOrRead(feedChanges, `feed:${fingerprintId(key)}`, async (keeping) => {
    const read = await readFingerprint(database.db, { ...key, withSubscribed: keeping });
    return { value: read.fingerprint, tags: readerTags(key.userId, read.subscribed) };
  });
}

/** A page as the feed's filter names it, less what this layer fills in. */
export type FeedPageParams = Omit<FeedFilter, 'titleOf' | 'withHead' | 'search'>;

/** An answer that depends on nothing but the reader's channels and the request's parameters, kept
 *  under both (`kind` tells apart the answers of one request's parameters): exact while kept. */
async function underFingerprint<T>(
  source: FeedSource,
  kind: string,
  params: { userId: string; channelIds?: number[] },
  compute: () => Promise<JsonText<T>>,
): Promise<{ text: JsonText<T>; cached: boolean }> {
  const fingerprint = await fingerprintOf(source, { userId: params.userId, channelIds: params.channelIds });
  const key = `${fingerprint}\n${kind}\n${JSON.stringify(params)}`;
  const kept = answers.get(key) as JsonText<T> | undefined;
  if (kept !== undefined) return { text: kept, cached: true };
  const text = (await computing(key, async () => {
    const answer = await compute();
    answers.set(key, answer);
    return answer;
  })) as JsonText<T>;
  return { text, cached: false };
}

/** The page for `params` (a first page when `params.after` is absent) and whether it came from the cache. */
export function feedPage(source: FeedSource, params: FeedPageParams, encodeCursor: (cursor: FeedCursor) => string): Promise<{ text: JsonText<FeedAnswer>; cached: boolean }> {
  return underFingerprint(source, 'page', params, async () => {
    // First pages only, read with the page itself: a post stored later is newer than the head.
    const page = await listFeed(source.database.db, { ...params, titleOf: titleLine, withHead: !params.after });
    // `highlights`: where the search matched each item's text (empty without `q`).
    const terms = params.q ? searchTerms(params.q) : undefined;
    const items = page.items.map((item) => ({ ...item, highlights: terms ? highlightRanges(item.text, terms) : [] }));
    return toJsonText<FeedAnswer>({
      items,
      nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
      ...(page.head === undefined ? {} : { head: page.head }),
    });
  });
}

/** "99+": counting stops here. */
export const NEW_POSTS_CAP = 99;

export interface NewPostsAnswer {
  count: number;
  /** More than `count` (NEW_POSTS_CAP) arrived. */
  more: boolean;
}

/** How many posts (with the page's filters) were stored after a first page's `head`: what a reader
 *  polls, so under the fingerprint too (a new post moves its channel's version). */
export function newPosts(source: FeedSource, params: Omit<NewerFilter, 'cap'>): Promise<{ text: JsonText<NewPostsAnswer>; cached: boolean }> {
  return underFingerprint(source, 'new', params, async () => {
    const count = await countNewer(source.database.db, { ...params, cap: NEW_POSTS_CAP + 1 });
    return toJsonText<NewPostsAnswer>({ count: Math.min(count, NEW_POSTS_CAP), more: count > NEW_POSTS_CAP });
  });
}
