// Fixtures shared by the feed, top and topics tests: channels, subscriptions and posts built directly.
import { channels, mediaAssets, messages, subscriptions } from '../../db/schema';
import type { Db } from '../../db/types';

let seq = 0;
const unique = () => 5_000_000_000 + Math.floor(Math.random() * 1_000_000_000) + seq++;

export async function createChannel(db: Db, overrides: Partial<typeof channels.$inferInsert> = {}) {
  const n = unique();
  const [row] = await db
    .insert(channels)
    .values({ tgChannelId: -(1_000_000_000_000 + (n % 1_000_000_000)), username: `chan_${n}`, title: `Channel ${n}`, visibility: 'public', participantsCount: 10_000, ...overrides })
    .returning();
  return row;
}

export async function follow(db: Db, userId: string, channelId: number, accessible = true) {
  await db.insert(subscriptions).values({ userId, channelId, accessible });
}

export type PostInput = Partial<typeof messages.$inferInsert> & { channelId: number; date: Date };

let msgSeq = 1;
export async function createPosts(db: Db, posts: PostInput[]) {
  if (!posts.length) return [];
  return db
    .insert(messages)
    .values(posts.map((p) => ({ msgId: msgSeq++, text: `post ${msgSeq}`, lang: 'ru' as const, ...p })))
    .returning();
}

export async function addMedia(db: Db, messageId: number, url: string) {
  await db.insert(mediaAssets).values({ messageId, kind: 'photo', url, storageKey: url, size: 1000, format: 'jpeg', hash: url, width: 800, height: 600 });
}

export const hoursAgo = (h: number, from = Date.now()) => new Date(from - h * 3600_000);
