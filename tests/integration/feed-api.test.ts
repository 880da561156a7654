import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicMessages, topics } from '../../db/schema';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';
import { addMedia, createChannel, createPosts, follow, hoursAgo } from './feed-fixtures';

interface Item {
  id: number;
  date: string;
  text: string;
  type: string;
  lang: string;
  url: string;
  channel: { id: number; title: string; username: string | null };
  media: { url: string }[];
  metrics: { views: number; reactions: { total: number } };
  topic: { id: number; title: string } | null;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

let ctx: TestContext;
let reader: { id: string };
let other: { id: string };
let news: Awaited<ReturnType<typeof createChannel>>;
let sport: Awaited<ReturnType<typeof createChannel>>;
let secret: Awaited<ReturnType<typeof createChannel>>;
let notFollowed: Awaited<ReturnType<typeof createChannel>>;
const base = Date.now();

async function get(path: string, userId = reader.id) {
  return ctx.app.request(path, await asUser(ctx, userId));
}
async function page(path: string, userId = reader.id): Promise<Page> {
  const res = await get(path, userId);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
}
async function walk(path: string, limit: number, between?: () => Promise<void>): Promise<Item[]> {
  const seen: Item[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const p = await page(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(p.items.length).toBeLessThanOrEqual(limit);
    seen.push(...p.items);
    cursor = p.nextCursor;
    if (!cursor) break;
    await between?.();
  }
  return seen;
}

beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.database.db;
  reader = await createUser(ctx);
  other = await createUser(ctx);
  news = await createChannel(db, { title: 'Новости', username: 'news_chan' });
  sport = await createChannel(db, { title: 'Sport', username: null, visibility: 'private', tgChannelId: -1001234567890 });
  secret = await createChannel(db, { title: 'Secret of other', visibility: 'private', username: null });
  notFollowed = await createChannel(db);
  await follow(db, reader.id, news.id);
  await follow(db, reader.id, sport.id);
  await follow(db, other.id, secret.id);
  await follow(db, other.id, news.id);
  // 30 news posts one per hour, some sharing a timestamp to exercise the id tie-break.
  await createPosts(
    db,
    Array.from({ length: 30 }, (_, i) => ({
      channelId: news.id,
      date: hoursAgo(Math.floor(i / 2), base),
      text: i === 3 ? 'Землетрясение в Японии: магнитуда 7' : `Новость номер ${i}`,
      lang: 'ru' as const,
      type: i % 5 === 0 ? ('photo' as const) : ('text' as const),
      views: 1000 + i,
    })),
  );
  await createPosts(
    db,
    Array.from({ length: 12 }, (_, i) => ({ channelId: sport.id, date: hoursAgo(i + 0.5, base), text: `Match report ${i}`, lang: 'en' as const, type: 'video' as const })),
  );
  await createPosts(db, [
    { channelId: secret.id, date: hoursAgo(1, base), text: 'SECRET-ONLY-OTHER earthquake' },
    { channelId: notFollowed.id, date: hoursAgo(1, base), text: 'NOT-FOLLOWED earthquake' },
    { channelId: news.id, date: hoursAgo(0.1, base), text: 'deleted post', deletedAt: new Date() },
  ]);
});

afterAll(async () => {
  await ctx?.close();
});

describe('GET /v1/feed', () => {
  it('needs a signed-in user', async () => {
    const res = await ctx.app.request('/v1/feed');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });

  it("lists only the user's subscriptions, newest first, without deleted posts", async () => {
    const items = await walk('/v1/feed', 100);
    expect(items).toHaveLength(42);
    const channelIds = new Set(items.map((i) => i.channel.id));
    expect(channelIds).toEqual(new Set([news.id, sport.id]));
    expect(items.some((i) => i.text.includes('SECRET') || i.text.includes('NOT-FOLLOWED') || i.text === 'deleted post')).toBe(false);
    const keys = items.map((i) => [Date.parse(i.date), i.id] as const);
    for (let k = 1; k < keys.length; k++) {
      const [d0, id0] = keys[k - 1];
      const [d1, id1] = keys[k];
      expect(d0 > d1 || (d0 === d1 && id0 > id1)).toBe(true);
    }
  });

  it('pages with a cursor: no post twice, none skipped', async () => {
    const all = await walk('/v1/feed', 100);
    for (const limit of [1, 7, 13]) {
      const paged = await walk('/v1/feed', limit);
      expect(paged.map((i) => i.id)).toEqual(all.map((i) => i.id));
    }
  });

  it('keeps later pages stable while newer posts arrive between requests', async () => {
    const before = await walk(`/v1/feed?channel=${sport.id}`, 100);
    let inserted = 0;
    const paged = await walk(`/v1/feed?channel=${sport.id}`, 4, async () => {
      inserted++;
      await createPosts(ctx.database.db, [{ channelId: sport.id, date: new Date(), text: `breaking ${inserted}`, lang: 'en' }]);
    });
    expect(inserted).toBeGreaterThan(1);
    expect(paged.map((i) => i.id)).toEqual(before.map((i) => i.id));
    const fresh = await page(`/v1/feed?channel=${sport.id}&limit=${inserted}`);
    expect(fresh.items.every((i) => i.text.startsWith('breaking'))).toBe(true);
  });

  it('filters by channel, type, language, text and date range', async () => {
    const byChannel = await walk(`/v1/feed?channel=${news.id}`, 50);
    expect(byChannel.length).toBe(30);
    expect(byChannel.every((i) => i.channel.id === news.id)).toBe(true);

    const photos = await walk('/v1/feed?type=photo', 50);
    expect(photos.length).toBe(6);
    expect(photos.every((i) => i.type === 'photo')).toBe(true);

    const several = await walk('/v1/feed?type=photo,video', 50);
    expect(several.every((i) => i.type === 'photo' || i.type === 'video')).toBe(true);
    expect(several.length).toBeGreaterThan(photos.length);

    const english = await walk('/v1/feed?lang=en', 50);
    expect(english.length).toBeGreaterThanOrEqual(12);
    expect(english.every((i) => i.lang === 'en' && i.channel.id === sport.id)).toBe(true);

    const search = await walk(`/v1/feed?q=${encodeURIComponent('землетрясение')}`, 50);
    expect(search.map((i) => i.text)).toEqual(['Землетрясение в Японии: магнитуда 7']);

    const from = hoursAgo(3.2, base).toISOString();
    const to = hoursAgo(1, base).toISOString();
    const ranged = await walk(`/v1/feed?from=${from}&to=${to}`, 50);
    expect(ranged.length).toBeGreaterThan(0);
    expect(ranged.every((i) => Date.parse(i.date) >= Date.parse(from) && Date.parse(i.date) < Date.parse(to))).toBe(true);
  });

  it("answers an empty page for a channel the user doesn't follow, never its posts", async () => {
    for (const id of [secret.id, notFollowed.id]) {
      const p = await page(`/v1/feed?channel=${id}`);
      expect(p.items).toEqual([]);
      expect(p.nextCursor).toBeNull();
    }
    const mixed = await walk(`/v1/feed?channel=${secret.id},${sport.id}&q=earthquake`, 50);
    expect(mixed).toEqual([]);
  });

  it('carries channel, media, metrics, topic and a link to the original post', async () => {
    const db = ctx.database.db;
    const [photo] = await createPosts(db, [{ channelId: news.id, date: new Date(base + 60_000), text: 'С фото', type: 'photo', views: 777, reactions: { total: 5, byEmoji: { '👍': 5 } }, reactionsTotal: 5 }]);
    await addMedia(db, photo.id, '/media/abc.jpg');
    const [topic] = await db.insert(topics).values({ title: 'Главная история', firstSeenAt: new Date(), lastSeenAt: new Date() }).returning();
    await db.insert(topicMessages).values({ topicId: topic.id, messageId: photo.id });
    const first = (await page(`/v1/feed?channel=${news.id}&limit=1`)).items[0];
    expect(first.id).toBe(photo.id);
    expect(first.channel).toMatchObject({ id: news.id, title: 'Новости', username: 'news_chan' });
    expect(first.media.map((m) => m.url)).toEqual(['/media/abc.jpg']);
    expect(first.metrics).toMatchObject({ views: 777, reactions: { total: 5 } });
    expect(first.topic).toEqual({ id: topic.id, title: 'Главная история' });
    expect(first.url).toBe(`https://t.me/news_chan/${photo.msgId}`);
    const privatePost = (await page(`/v1/feed?channel=${sport.id}&limit=1`)).items[0];
    expect(privatePost.url).toMatch(/^https:\/\/t\.me\/c\/1234567890\/\d+$/);
  });

  it('rejects bad input with a 400 naming the problem', async () => {
    for (const [query, pattern] of [
      ['limit=0', /limit/],
      ['limit=1000', /limit/],
      ['type=selfie', /type/],
      ['lang=de', /lang/],
      ['from=yesterday', /from/],
      ['channel=abc', /channel/],
      [`from=${hoursAgo(1).toISOString()}&to=${hoursAgo(2).toISOString()}`, /from/],
    ] as const) {
      const res = await get(`/v1/feed?${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.message).toMatch(pattern);
    }
    const res = await get('/v1/feed?cursor=not-a-cursor');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_CURSOR');
  });
});
