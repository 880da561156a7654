// Feed pages are cached in the process under the fingerprint of the reader's channels (ids and feed
// versions raised by triggers, migration 0009): a repeat is a hit, and every change a page could
// show — a new, edited, re-counted or deleted post, its media, its topic or the topic's title, the
// channel's name, the reader's subscriptions — gives a fresh page at once. A change elsewhere keeps the hit.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeTopics } from '../../db/queries/topics';
import { channels, messages, subscriptions, topicMessages, topics } from '../../db/schema';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';
import { addMedia, createChannel, createPosts, follow, hoursAgo } from './feed-fixtures';

interface Item {
  id: number;
  text: string;
  channel: { id: number; title: string };
  media: { url: string }[];
  metrics: { views: number };
  topic: { id: number; title: string } | null;
}

let ctx: TestContext;
let reader: { id: string };
let news: Awaited<ReturnType<typeof createChannel>>;
let elsewhere: Awaited<ReturnType<typeof createChannel>>;

async function feed(path = '/v1/feed?limit=5', userId = reader.id): Promise<{ cache: string | null; items: Item[] }> {
  const res = await ctx.app.request(path, await asUser(ctx, userId));
  expect(res.status, await res.clone().text()).toBe(200);
  return { cache: res.headers.get('x-cache'), items: ((await res.json()) as { items: Item[] }).items };
}

/** Reads the page twice: the second read must be a hit with the same items, and those are returned. */
async function settled(path?: string, userId?: string): Promise<Item[]> {
  const first = await feed(path, userId);
  const again = await feed(path, userId);
  expect(again.cache).toBe('hit');
  expect(again.items).toEqual(first.items);
  return first.items;
}

beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.database.db;
  reader = await createUser(ctx);
  news = await createChannel(db, { title: 'Новости' });
  elsewhere = await createChannel(db, { title: 'Не читаю' });
  await follow(db, reader.id, news.id);
  await createPosts(db, Array.from({ length: 3 }, (_, i) => ({ channelId: news.id, date: hoursAgo(3 - i), text: `Пост ${i}` })));
});
afterAll(async () => ctx?.close());

describe('the feed page cache', () => {
  it('answers a repeated page from the cache, and a change in a channel the reader does not follow keeps it', async () => {
    const before = await settled();
    await createPosts(ctx.database.db, [{ channelId: elsewhere.id, date: new Date(), text: 'Чужой пост' }]);
    const after = await feed();
    expect(after.cache).toBe('hit');
    expect(after.items).toEqual(before);
  });

  it('a new post in a followed channel is on the next page read', async () => {
    await settled();
    const [post] = await createPosts(ctx.database.db, [{ channelId: news.id, date: new Date(), text: 'Срочная новость' }]);
    const next = await feed();
    expect(next.cache).toBe('miss');
    expect(next.items[0]).toMatchObject({ id: post.id, text: 'Срочная новость' });
  });

  it('an edit, new metrics, new media and a deletion each show at once', async () => {
    const db = ctx.database.db;
    const [top] = await settled();
    await db.update(messages).set({ text: 'Срочная новость (обновлено)' }).where(eq(messages.id, top.id));
    expect((await feed()).items[0].text).toBe('Срочная новость (обновлено)');
    await settled();
    await db.update(messages).set({ views: 123_456 }).where(eq(messages.id, top.id));
    expect((await feed()).items[0].metrics.views).toBe(123_456);
    await settled();
    await addMedia(db, top.id, 'https://media.example/one.jpg');
    expect((await feed()).items[0].media.map((m) => m.url)).toEqual(['https://media.example/one.jpg']);
    await settled();
    await db.update(messages).set({ deletedAt: new Date() }).where(eq(messages.id, top.id));
    expect((await feed()).items.map((i) => i.id)).not.toContain(top.id);
  });

  it('a post joining a topic, the topic renamed, and topics merged each show at once', async () => {
    const db = ctx.database.db;
    const [first, second] = await settled();
    const [story] = await db.insert(topics).values({ title: 'История', firstSeenAt: new Date(), lastSeenAt: new Date() }).returning();
    const [other] = await db.insert(topics).values({ title: 'Другая', firstSeenAt: new Date(), lastSeenAt: new Date() }).returning();
    await db.insert(topicMessages).values([{ topicId: story.id, messageId: first.id }, { topicId: other.id, messageId: second.id }]);
    expect((await feed()).items[0].topic).toEqual({ id: story.id, title: 'История' });
    await settled();
    await db.update(topics).set({ title: 'История, продолжение' }).where(eq(topics.id, story.id));
    expect((await feed()).items[0].topic).toEqual({ id: story.id, title: 'История, продолжение' });
    await settled();
    await mergeTopics(db, { into: story.id, from: [other.id] });
    expect((await feed()).items[1].topic?.id).toBe(story.id);
  });

  it("the channel's new name, and the reader's unfollow or lost access, show at once", async () => {
    const db = ctx.database.db;
    await settled();
    await db.update(channels).set({ title: 'Новости дня' }).where(eq(channels.id, news.id));
    expect((await feed()).items[0].channel.title).toBe('Новости дня');
    // Ingest's own bookkeeping on the channel row changes nothing a page shows: still a hit.
    await settled();
    await db.update(channels).set({ lastParsedAt: new Date() }).where(eq(channels.id, news.id));
    expect((await feed()).cache).toBe('hit');
    await db.update(channels).set({ visibility: 'private' }).where(eq(channels.id, news.id));
    await db.update(subscriptions).set({ accessible: false }).where(eq(subscriptions.channelId, news.id));
    expect((await feed()).items).toEqual([]);
    await db.update(subscriptions).set({ accessible: true }).where(eq(subscriptions.channelId, news.id));
    expect((await feed()).items.length).toBeGreaterThan(0);
    await db.delete(subscriptions).where(eq(subscriptions.userId, reader.id));
    expect((await feed()).items).toEqual([]);
    await follow(db, reader.id, news.id);
  });

  it("never answers one reader with another's page", async () => {
    const stranger = await createUser(ctx);
    await settled();
    const theirs = await feed('/v1/feed?limit=5', stranger.id);
    expect(theirs.cache).toBe('miss');
    expect(theirs.items).toEqual([]);
  });

  it('bumps each channel once per statement, whatever the number of rows', async () => {
    const db = ctx.database.db;
    const version = async () => (await db.select({ v: channels.feedVersion }).from(channels).where(eq(channels.id, elsewhere.id)))[0].v;
    const start = await version();
    await createPosts(db, Array.from({ length: 50 }, (_, i) => ({ channelId: elsewhere.id, date: hoursAgo(i), text: `Пакет ${i}` })));
    expect(await version()).toBe(start + 1);
    await db.execute(sql`update messages set views = views + 1 where channel_id = ${elsewhere.id}`);
    expect(await version()).toBe(start + 2);
  });
});
