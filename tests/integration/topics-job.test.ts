// The incremental topic job against a real database, and the topic/top API over what it wrote.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/log';
import { queryRows } from '../../db/rows';
import { TopicJob } from '../../ingest-container/topics/topic-job';
import { loadPairs } from '../fixtures/eval/load';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';
import { createChannel, createPosts, follow } from './feed-fixtures';

const NOW = Date.parse('2024-12-03T18:00:00Z');
const at = (hoursBefore: number) => new Date(NOW - hoursBefore * 3_600_000);

const KOREA = [
  'Президент Южной Кореи Юн Сук Ёль объявил военное положение в стране, заявив об угрозе со стороны КНДР и оппозиции',
  'В Южной Корее введено военное положение: президент Юн Сук Ёль выступил с внезапным обращением к нации',
  'Юн Сук Ёль ввёл военное положение в Южной Корее. Парламент собирается на экстренное заседание, у здания военные',
];
const ALEPPO = 'Боевики начали масштабное наступление на Алеппо, правительственные войска Сирии отступают из пригородов города';

let ctx: TestContext;
let job: TopicJob;
let ch: Awaited<ReturnType<typeof createChannel>>[];
let reader: { id: string };
let narrow: { id: string };
let outsider: { id: string };
const ids: Record<string, number> = {};

async function topicOf(messageId: number): Promise<number | null> {
  const [row] = await queryRows<{ topic_id: string }>(ctx.database.db, sql`select topic_id from topic_messages where message_id = ${messageId}`);
  return row ? Number(row.topic_id) : null;
}

async function get(path: string, userId: string) {
  return ctx.app.request(path, await asUser(ctx, userId));
}

beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.database.db;
  ch = [];
  for (let i = 0; i < 4; i++) ch.push(await createChannel(db, { title: `Канал ${i}` }));
  job = new TopicJob({ db, log: createLogger({ level: 'warn' }), clock: () => NOW });
  reader = await createUser(ctx);
  narrow = await createUser(ctx);
  outsider = await createUser(ctx);
  for (const c of ch) await follow(db, reader.id, c.id);
  await follow(db, narrow.id, ch[2].id);
  const outsiderChannel = await createChannel(db);
  await follow(db, outsider.id, outsiderChannel.id);

  // Real news texts of other stories around both days, in a channel nobody here follows: the
  // corpus the similarity's word weights are learnt from, as in production.
  const background = await createChannel(db, { title: 'Background' });
  const texts = loadPairs('ru_train_pool').flatMap((p) => [p.first, p.second]);
  const noise = (fromHours: number) =>
    createPosts(db, texts.map((text, i) => ({ channelId: background.id, date: at(fromHours + (i * 24) / texts.length), text })));
  const oldNoise = await noise(122);
  const newNoise = await noise(7);
  const posts = await createPosts(db, [
    { channelId: ch[0].id, date: at(6), text: KOREA[0], views: 5000, forwards: 40 },
    { channelId: ch[1].id, date: at(5.5), text: KOREA[1], views: 3000 },
    { channelId: ch[2].id, date: at(5), text: KOREA[2], views: 900 },
    // The same channel repeating its own post: a copy, not a new channel covering the story.
    { channelId: ch[0].id, date: at(4), text: `${KOREA[0]} ⚡️`, views: 1200 },
    { channelId: ch[3].id, date: at(3), text: ALEPPO, views: 800 },
    // The same words five days earlier: another event.
    { channelId: ch[1].id, date: at(120), text: KOREA[1], views: 100 },
    { channelId: ch[2].id, date: at(121), text: KOREA[2], views: 100 },
  ]);
  [ids.k0, ids.k1, ids.k2, ids.copy, ids.aleppo, ids.old1, ids.old2] = posts.map((p) => p.id);
  // One batch for the old event and one for today, as the ingest would commit them.
  await job.onMessagesIngested([...oldNoise.map((p) => p.id), ids.old1, ids.old2]);
  await job.onMessagesIngested([...newNoise.map((p) => p.id), ids.k0, ids.k1, ids.k2, ids.copy, ids.aleppo]);
});

afterAll(async () => {
  await ctx?.close();
});

describe('topic job', () => {
  it('groups the same story from different channels into one topic', async () => {
    const topic = await topicOf(ids.k0);
    expect(topic).not.toBeNull();
    expect(await topicOf(ids.k1)).toBe(topic);
    expect(await topicOf(ids.k2)).toBe(topic);
    expect(await topicOf(ids.aleppo)).not.toBe(topic);
  });

  it("does not let a channel's own copy inflate breadth", async () => {
    const topic = await topicOf(ids.k0);
    expect(await topicOf(ids.copy)).toBe(topic);
    const [row] = await queryRows<{ message_count: number; channel_count: number; origin_message_id: string; title_message_id: string | null }>(
      ctx.database.db,
      sql`select message_count, channel_count, origin_message_id, title_message_id from topics where id = ${topic}`,
    );
    expect(row.message_count).toBe(4);
    expect(row.channel_count).toBe(3);
    expect(Number(row.origin_message_id)).toBe(ids.k0);
    const [member] = await queryRows<{ duplicate_of_message_id: string | null }>(ctx.database.db, sql`select duplicate_of_message_id from topic_messages where message_id = ${ids.copy}`);
    expect(Number(member.duplicate_of_message_id)).toBe(ids.k0);
  });

  it('splits the same words days apart into separate stories', async () => {
    const old = await topicOf(ids.old1);
    expect(old).not.toBeNull();
    expect(await topicOf(ids.old2)).toBe(old);
    expect(old).not.toBe(await topicOf(ids.k1));
  });

  it('stores scores for posts and topics in both windows, only within each window', async () => {
    const rows = await queryRows<{ entity_kind: string; entity_id: string; window: string; components: { breadth: number } }>(
      ctx.database.db,
      sql`select entity_kind, entity_id, "window", components from ranking`,
    );
    const has = (kind: string, id: number, window: string) => rows.some((r) => r.entity_kind === kind && Number(r.entity_id) === id && r.window === window);
    const topic = (await topicOf(ids.k0)) as number;
    expect(has('topic', topic, '24h') && has('topic', topic, '7d')).toBe(true);
    expect(has('message', ids.k0, '24h') && has('message', ids.k0, '7d')).toBe(true);
    expect(has('message', ids.old1, '24h')).toBe(false);
    expect(has('message', ids.old1, '7d')).toBe(true);
  });

  it('rebuilds from the database after a restart and keeps topic ids', async () => {
    const restarted = new TopicJob({ db: ctx.database.db, log: createLogger({ level: 'warn' }), clock: () => NOW });
    await restarted.start();
    const [late] = await createPosts(ctx.database.db, [
      { channelId: ch[3].id, date: at(1), text: 'Военное положение в Южной Корее: президент Юн Сук Ёль, парламент требует отмены военного положения' },
    ]);
    await restarted.onMessagesIngested([late.id]);
    expect(await topicOf(late.id)).toBe(await topicOf(ids.k0));
    job = restarted;
  });
});

describe('GET /v1/topics/:id and GET /v1/top', () => {
  it('shows a topic with its posts, origin and timeline', async () => {
    const topicId = (await topicOf(ids.k0)) as number;
    const res = await get(`/v1/topics/${topicId}`, reader.id);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { title: string; posts: { id: number; duplicateOf: number | null }[]; channels: unknown[]; origin: { messageId: number }; timeline: { posts: number }[] };
    expect(body.title).toMatch(/Юн Сук Ёль|военное положение/i);
    expect(body.posts.map((p) => p.id)).toEqual(expect.arrayContaining([ids.k0, ids.k1, ids.k2, ids.copy]));
    expect(body.channels).toHaveLength(4);
    expect(body.origin.messageId).toBe(ids.k0);
    expect(body.posts.find((p) => p.id === ids.copy)?.duplicateOf).toBe(ids.k0);
    expect(body.timeline.reduce((n, b) => n + b.posts, 0)).toBe(body.posts.length);
  });

  it("shows a reader only their channels' posts of a shared topic, and 404 when none", async () => {
    const topicId = (await topicOf(ids.k0)) as number;
    const res = await get(`/v1/topics/${topicId}`, narrow.id);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { title: string; posts: { id: number; channel: { id: number } }[]; origin: { messageId: number } };
    expect(body.posts.map((p) => p.id)).toEqual([ids.k2]);
    expect(body.origin.messageId).toBe(ids.k2);
    const text = JSON.stringify(body);
    expect(text).not.toContain(KOREA[0].slice(0, 40));
    expect(text).not.toContain(ch[0].title);
    expect((await get(`/v1/topics/${topicId}`, outsider.id)).status).toBe(404);
    expect((await get('/v1/topics/999999999', reader.id)).status).toBe(404);
    expect((await get('/v1/topics/abc', reader.id)).status).toBe(400);
  });

  it('ranks topics by what the reader follows, with score components', async () => {
    const topicId = (await topicOf(ids.k0)) as number;
    const res = await get('/v1/top?window=24h&by=topic', reader.id);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { score: number; components: Record<string, number>; topic: { id: number; channels: unknown[] } }[] };
    expect(body.items[0].topic.id).toBe(topicId);
    for (const key of ['popularity', 'trend', 'breadth', 'freshness']) expect(body.items[0].components[key]).toBeTypeOf('number');
    const mine = (await (await get('/v1/top?window=24h&by=topic', narrow.id)).json()) as typeof body;
    const seen = mine.items.find((i) => i.topic.id === topicId);
    expect(seen?.topic.channels).toHaveLength(1);
    expect(seen?.components.breadth).toBe(0);
    expect(body.items[0].components.breadth).toBeGreaterThan(0.4);
    expect(JSON.stringify(mine)).not.toContain(ch[0].title);
  });

  it('ranks posts of the window only, from followed channels only', async () => {
    const body = (await (await get('/v1/top?window=24h&by=message&limit=50', narrow.id)).json()) as { items: { message: { id: number; channel: { id: number } } }[] };
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((i) => i.message.channel.id === ch[2].id)).toBe(true);
    expect(body.items.some((i) => i.message.id === ids.old2)).toBe(false);
    const week = (await (await get('/v1/top?window=7d&by=message&limit=50', narrow.id)).json()) as typeof body;
    expect(week.items.some((i) => i.message.id === ids.old2)).toBe(true);
  });

  it('serves the cached list until the rankings change, then the new one', async () => {
    const first = await get('/v1/top?window=24h&by=message&limit=50', reader.id);
    expect(first.headers.get('x-cache')).toBe('miss');
    const again = await get('/v1/top?window=24h&by=message&limit=50', reader.id);
    expect(again.headers.get('x-cache')).toBe('hit');
    const [fresh] = await createPosts(ctx.database.db, [{ channelId: ch[1].id, date: at(0.2), text: 'Совершенно новая история о запуске ракеты с космодрома Восточный', views: 90_000, forwards: 500 }]);
    const stale = (await (await get('/v1/top?window=24h&by=message&limit=50', reader.id)).json()) as { items: { message: { id: number } }[] };
    expect(stale.items.some((i) => i.message.id === fresh.id)).toBe(false);
    await job.onMessagesIngested([fresh.id]);
    const after = await get('/v1/top?window=24h&by=message&limit=50', reader.id);
    expect(after.headers.get('x-cache')).toBe('miss');
    const body = (await after.json()) as typeof stale;
    expect(body.items[0].message.id).toBe(fresh.id);
  });

  it('rejects a bad window or kind with 400', async () => {
    expect((await get('/v1/top?window=1y', reader.id)).status).toBe(400);
    expect((await get('/v1/top?by=channel', reader.id)).status).toBe(400);
  });
});
