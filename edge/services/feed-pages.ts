// Feed pages as the JSON text they are sent as, kept in this process under what they depend on: the
// reader, the page's parameters and the fingerprint of the reader's channels (their ids and feed
// versions, which triggers raise on every change a page could show: migration 0009). A hit costs
// that one small read instead of the page's per-channel walks, and is never stale: any change to a
// post, its media or topic, a channel, or the reader's subscriptions gives another fingerprint.
// The fingerprint is read before the page, so a change between the two only makes the entry
// newer than its key (and the next request misses), never older. Fingerprints are read in fresh
// batches (./fresh-batches.ts): concurrent readers share a round trip, none gets a stale one.
import { highlightRanges, searchTerms, type HighlightRange } from '../../core/search/highlight';
import { titleLine } from '../../core/topics/title';
import { feedFingerprints, listFeed, type FeedCursor, type FeedFilter, type FingerprintKey, type FeedItem } from '../../db/queries/feed';
import type { Db } from '../../db/types';
import { freshBatchesPerHandle } from './fresh-batches';
import { recentJsonTexts, sharedByKey, toJsonText, type JsonText } from './json-cache';

export interface FeedAnswer {
  items: (FeedItem & { highlights: HighlightRange[] })[];
  nextCursor: string | null;
  /** First pages only: pass it to /v1/feed/new to ask how many posts arrived since. */
  head?: number;
}

/** A minute at most (memory is the bound that matters: entries are exact while kept). */
const pages = recentJsonTexts<FeedAnswer>({ ttlMs: 60_000, maxChars: 8_000_000 });
const computing = sharedByKey<JsonText<FeedAnswer>>();

/** The fingerprint of a reader's channels, read in fresh batches. */
const fingerprintOf = freshBatchesPerHandle((db: Db) => ({
  readAll: (keys: FingerprintKey[]) => feedFingerprints(db, keys),
  idOf: (k: FingerprintKey) => `${k.userId}:${k.channelIds?.join(',') ?? ''}`,
  maxBatch: 64,
}));

/** A page as the feed's filter names it, less what this layer fills in. */
export type FeedPageParams = Omit<FeedFilter, 'titleOf' | 'withHead' | 'search'>;

/** The page for `params` (a first page when `params.after` is absent) and whether it came from the cache. */
export async function feedPage(db: Db, params: FeedPageParams, encodeCursor: (cursor: FeedCursor) => string): Promise<{ text: JsonText<FeedAnswer>; cached: boolean }> {
  const fingerprint = await fingerprintOf(db, { userId: params.userId, channelIds: params.channelIds });
  const key = `${fingerprint}\n${JSON.stringify(params)}`;
  const kept = pages.get(key);
  if (kept !== undefined) return { text: kept, cached: true };
  const text = await computing(key, async () => {
    // First pages only, read with the page itself: a post stored later is newer than the head.
    const page = await listFeed(db, { ...params, titleOf: titleLine, withHead: !params.after });
    // `highlights`: where the search matched each item's text (empty without `q`).
    const terms = params.q ? searchTerms(params.q) : undefined;
    const items = page.items.map((item) => ({ ...item, highlights: terms ? highlightRanges(item.text, terms) : [] }));
    const answer = toJsonText<FeedAnswer>({
      items,
      nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
      ...(page.head === undefined ? {} : { head: page.head }),
    });
    pages.set(key, answer);
    return answer;
  });
  return { text, cached: false };
}
