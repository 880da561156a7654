// Cheap polling: ETag / If-None-Match → 304 on the lists pages refresh, and /v1/feed/new counting
// the posts stored after a first page's `head`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';
import { createChannel, createPosts, follow, hoursAgo } from './feed-fixtures';

let ctx: TestContext;
let reader: { id: string };
let other: { id: string };
let channel: Awaited<ReturnType<typeof createChannel>>;
let unfollowed: Awaited<ReturnType<typeof createChannel>>;

async function get(path: string, headers: Record<string, string> = {}, userId = reader.id) {
  const init = await asUser(ctx, userId);
  const h = new Headers(init.headers);
  for (const [k, v] of Object.entries(headers)) h.set(k, v);
  return ctx.app.request(path, { ...init, headers: h });
}

beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.database.db;
  reader = await createUser(ctx);
  other = await createUser(ctx);
  channel = await createChannel(db);
  unfollowed = await createChannel(db);
  await follow(db, reader.id, channel.id);
  await follow(db, other.id, channel.id);
  await createPosts(db, Array.from({ length: 5 }, (_, i) => ({ channelId: channel.id, date: hoursAgo(i + 1), text: `Пост ${i}`, type: 'text' as const })));
});

afterAll(async () => {
  await ctx?.close();
});

describe('ETag → 304', () => {
  it.each(['/v1/feed?limit=10', '/v1/top?window=24h&by=topic', '/v1/top?window=24h&by=message', '/v1/channels/my'])('%s answers 304 while unchanged', async (path) => {
    const first = await get(path);
    expect(first.status).toBe(200);
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^W\/"[0-9a-f]{24}"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const again = await get(path, { 'if-none-match': tag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(tag);
    // A stale tag gets the full body.
    const stale = await get(path, { 'if-none-match': 'W/"000000000000000000000000"' });
    expect(stale.status).toBe(200);
  });

  it('a new post changes the feed ETag', async () => {
    const before = (await get('/v1/feed?limit=10')).headers.get('etag')!;
    await createPosts(ctx.database.db, [{ channelId: channel.id, date: new Date(), text: 'Свежий пост' }]);
    const after = await get('/v1/feed?limit=10', { 'if-none-match': before });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
  });

  it('a topic page answers 304 while unchanged', async () => {
    const { topics, topicMessages } = await import('../../db/schema');
    const db = ctx.database.db;
    const [post] = await createPosts(db, [{ channelId: channel.id, date: hoursAgo(0.5), text: 'Сюжет дня' }]);
    const [topic] = await db.insert(topics).values({ title: 'Сюжет дня', lang: 'ru', firstSeenAt: post.date, lastSeenAt: post.date }).returning();
    await db.insert(topicMessages).values({ topicId: topic.id, messageId: post.id, similarity: 1 });
    const first = await get(`/v1/topics/${topic.id}`);
    expect(first.status, await first.clone().text()).toBe(200);
    const again = await get(`/v1/topics/${topic.id}`, { 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
  });
});

describe('GET /v1/feed/new', () => {
  it('counts the posts stored after the first page\'s head, with the feed\'s filters, only the reader\'s', async () => {
    const page = (await (await get('/v1/feed?limit=10')).json()) as { head: number; items: unknown[] };
    expect(typeof page.head).toBe('number');
    expect(await (await get(`/v1/feed/new?after=${page.head}`)).json()).toEqual({ count: 0, more: false });

    // An older post stored now (a new subscription's backfill) counts too: it was stored after.
    await createPosts(ctx.database.db, [
      { channelId: channel.id, date: new Date(), text: 'Новый пост', type: 'photo' },
      { channelId: channel.id, date: hoursAgo(30), text: 'Старый, но только что сохранённый', type: 'text' },
      { channelId: unfollowed.id, date: new Date(), text: 'Чужой канал' },
    ]);
    expect(await (await get(`/v1/feed/new?after=${page.head}`)).json()).toEqual({ count: 2, more: false });
    expect(await (await get(`/v1/feed/new?after=${page.head}&type=photo`)).json()).toEqual({ count: 1, more: false });
    expect(await (await get(`/v1/feed/new?after=${page.head}&q=${encodeURIComponent('новые посты')}`)).json()).toEqual({ count: 1, more: false });

    // Polling with the last answer's ETag costs a 304 until something changes.
    const polled = await get(`/v1/feed/new?after=${page.head}`);
    expect((await get(`/v1/feed/new?after=${page.head}`, { 'if-none-match': polled.headers.get('etag')! })).status).toBe(304);

    // Reloading the first page moves the head: nothing is new again.
    const reloaded = (await (await get('/v1/feed?limit=10')).json()) as { head: number };
    expect(reloaded.head).toBeGreaterThan(page.head);
    expect(await (await get(`/v1/feed/new?after=${reloaded.head}`)).json()).toEqual({ count: 0, more: false });
  });

  it('caps the count at 99 and says there are more', async () => {
    const head = ((await (await get('/v1/feed?limit=1')).json()) as { head: number }).head;
    await createPosts(ctx.database.db, Array.from({ length: 120 }, (_, i) => ({ channelId: channel.id, date: hoursAgo(i / 100), text: `Поток ${i}` })));
    expect(await (await get(`/v1/feed/new?after=${head}`)).json()).toEqual({ count: 99, more: true });
  });

  it('pages after the first carry no head; a bad `after` is a 400', async () => {
    const first = (await (await get('/v1/feed?limit=2')).json()) as { nextCursor: string };
    const second = (await (await get(`/v1/feed?limit=2&cursor=${first.nextCursor}`)).json()) as Record<string, unknown>;
    expect('head' in second).toBe(false);
    expect((await get('/v1/feed/new?after=-1')).status).toBe(400);
    expect((await get('/v1/feed/new')).status).toBe(400);
    expect((await get('/v1/feed/new?after=1&bogus=1')).status).toBe(400);
  });
});
