// Feed pages are cached in the process under the fingerprint of the reader's channels (ids and feed
// versions raised by triggers, migration 0009): a repeat is a hit, and every change a page could
// show — a new, edited, re-counted or deleted post, its media, its topic or the topic's title, the
// channel's name, the reader's subscriptions — gives a fresh page at once. A change elsewhere keeps the hit.
// Twice: with the fingerprint read for every request, and with fingerprints known from the
// database's change notifications (PostgreSQL only), where each read first waits until every change
// committed before it has been heard (what the writer's own request does: feed-writes-heard.ts).
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LISTENER_NAME } from '../../db/client';
import { bumpRankingVersion } from '../../db/queries/ranking-clock';
import { mergeTopics } from '../../db/queries/topics';
import { FEED_CHANNEL } from '../../edge/services/feed-changes';
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

type Mode = 'read' | 'notified';

cacheSuite('read');
// PGlite and Neon's HTTP driver cannot LISTEN; CI runs on PostgreSQL.
if (process.env.DATABASE_URL) cacheSuite('notified');

function cacheSuite(mode: Mode) {
  describe(`the feed page cache (${mode})`, () => {
    let ctx: TestContext;
    let reader: { id: string };
    let news: Awaited<ReturnType<typeof createChannel>>;
    let elsewhere: Awaited<ReturnType<typeof createChannel>>;

    async function feed(path = '/v1/feed?limit=5', userId = reader.id): Promise<{ cache: string | null; items: Item[] }> {
      if (mode === 'notified') expect(await ctx.services.feedChanges!.sync()).toBe(true);
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
      ctx = await createTestContext({ FEED_NOTIFICATIONS: String(mode === 'notified') });
      if (mode === 'notified') await vi.waitFor(() => expect(ctx.services.feedChanges?.live).toBe(true), { timeout: 5_000 });
      const db = ctx.database.db;
      reader = await createUser(ctx);
      news = await createChannel(db, { title: 'Новости' });
      elsewhere = await createChannel(db, { title: 'Не читаю' });
      await follow(db, reader.id, news.id);
      await createPosts(db, Array.from({ length: 3 }, (_, i) => ({ channelId: news.id, date: hoursAgo(3 - i), text: `Пост ${i}` })));
    });
    afterAll(async () => ctx?.close());

    describe('pages', () => {
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

      it('the count of new posts a reader polls is kept too, and a new post counts at once', async () => {
        const first = await ctx.app.request('/v1/feed?limit=5', await asUser(ctx, reader.id));
        const { head } = (await first.json()) as { head: number };
        const poll = async () => {
          if (mode === 'notified') await ctx.services.feedChanges!.sync();
          const res = await ctx.app.request(`/v1/feed/new?after=${head}`, await asUser(ctx, reader.id));
          return { cache: res.headers.get('x-cache'), body: await res.json() };
        };
        expect((await poll()).body).toEqual({ count: 0, more: false });
        expect(await poll()).toEqual({ cache: 'hit', body: { count: 0, more: false } });
        await createPosts(ctx.database.db, [{ channelId: news.id, date: new Date(), text: 'Ещё одна новость' }]);
        expect(await poll()).toEqual({ cache: 'miss', body: { count: 1, more: false } });
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

      if (mode === 'notified') {
        it('a hit reads nothing from the database', async () => {
          await settled();
          await ctx.services.feedChanges!.sync();
          const reads = vi.spyOn(ctx.database.db, 'execute');
          try {
            const res = await ctx.app.request('/v1/feed?limit=5', await asUser(ctx, reader.id));
            expect(res.headers.get('x-cache')).toBe('hit');
            expect(reads).not.toHaveBeenCalled();
          } finally {
            reads.mockRestore();
          }
        });

        it("the top list's state is known too: a hit reads nothing from the database, new rankings give a miss", async () => {
          const top = async () => ctx.app.request('/v1/top?window=24h&by=message', await asUser(ctx, reader.id));
          await ctx.services.feedChanges!.sync();
          await (await top()).arrayBuffer();
          const reads = vi.spyOn(ctx.database.db, 'execute');
          try {
            const res = await top();
            expect(res.headers.get('x-cache')).toBe('hit');
            expect(reads).not.toHaveBeenCalled();
          } finally {
            reads.mockRestore();
          }
          await bumpRankingVersion(ctx.database.db, Date.now());
          await ctx.services.feedChanges!.sync();
          expect((await top()).headers.get('x-cache')).toBe('miss');
        });

        it("the writer's own next read sees its write, with no wait of its own", async () => {
          await settled();
          const heard = vi.spyOn(ctx.services.feedChanges!.known, 'changed');
          const unfollow = await ctx.app.request('/v1/channels/unsubscribe', await asUser(ctx, reader.id, { method: 'DELETE', body: JSON.stringify({ channelId: news.id }) }));
          expect(unfollow.status).toBe(200);
          // Heard before the write answered (a notification arrives as a later event, so it would not be yet).
          expect(heard).toHaveBeenCalledWith(`u${reader.id}`);
          heard.mockRestore();
          const res = await ctx.app.request('/v1/feed?limit=5', await asUser(ctx, reader.id));
          expect(((await res.json()) as { items: Item[] }).items).toEqual([]);
          await follow(ctx.database.db, reader.id, news.id);
        });

        it('while the notifications are lost, pages read the fingerprint again; then they are heard again', async () => {
          const db = ctx.database.db;
          await settled();
          await db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = ${`${LISTENER_NAME} ${FEED_CHANNEL}`}`);
          await vi.waitFor(() => expect(ctx.services.feedChanges!.live).toBe(false), { timeout: 5_000 });
          // Said where operators look: /healthz, and the gauge FeedNotificationsLost alerts on.
          const said = async () => ({
            health: ((await (await ctx.app.request('/healthz')).json()) as { feedNotifications: string }).feedNotifications,
            gauge: /^feed_notifications_live (\d)$/m.exec(await (await ctx.app.request('/metrics')).text())?.[1],
          });
          expect(await said()).toEqual({ health: 'lost', gauge: '0' });
          const [post] = await createPosts(db, [{ channelId: news.id, date: new Date(), text: 'Пока никто не слушал' }]);
          const res = await ctx.app.request('/v1/feed?limit=5', await asUser(ctx, reader.id));
          expect(((await res.json()) as { items: Item[] }).items[0].id).toBe(post.id);
          await vi.waitFor(() => expect(ctx.services.feedChanges!.live).toBe(true), { timeout: 10_000 });
          expect(await said()).toEqual({ health: 'heard', gauge: '1' });
          expect((await settled())[0].id).toBe(post.id);
        });
      }
    });
  });
}
