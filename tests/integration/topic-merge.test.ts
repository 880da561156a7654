// Two stored topics that the clustering finds to be one story merge in the database: every post
// ends in exactly one topic, origin and rankings are the survivor's, the references users hold
// (editor results, pipeline runs and their queued input, rule firings) point at the survivor, and
// the absorbed topic's old id answers with the survivor.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/log';
import { queryRows } from '../../db/rows';
import { editorResults, pipelineRuns, ruleFirings, rules, topicMessages, topics } from '../../db/schema';
import { TopicJob } from '../../ingest-container/topics/topic-job';
import { loadTelegramDay } from '../fixtures/eval/load';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';
import { createPosts } from './feed-fixtures';
import { seedTelegramDay, type SeededDay } from './pipeline-fixtures';

// The real posts of 2024-12-03; the clock a little after the day's last post.
const DAY = loadTelegramDay();
const NOW = Date.parse(DAY[DAY.length - 1].date) + 3_600_000;
// South Korea's martial law: one story, stored as two topics (alternate posts), as happens when an
// earlier run split it.
const KOREA = /военн\S* положени/i;
const isKorea = (text: string) => KOREA.test(text) && /Коре/i.test(text);

let ctx: TestContext;
let day: SeededDay;
let user: { id: string };
let topicA: number; // holds the story's first post: the survivor
let topicB: number; // absorbed
let koreaIds: number[];
let lateId: number;
const refs: { editorResult?: string; run?: string; ruleBoth?: string; ruleB?: string } = {};

const num = (v: unknown) => Number(v);
const idOf = (p: (typeof DAY)[number]) => day.messageIds.get(`${day.channelIds.get(p.channelTitle)}/${p.msgId}`) as number;

async function storeTopic(posts: typeof DAY, title: string): Promise<number> {
  const db = ctx.database.db;
  const ids = posts.map(idOf);
  const [row] = await db
    .insert(topics)
    .values({
      title,
      lang: 'ru',
      originMessageId: ids[0],
      originChannelId: day.channelIds.get(posts[0].channelTitle),
      firstSeenAt: new Date(posts[0].date),
      lastSeenAt: new Date(posts[posts.length - 1].date),
      messageCount: ids.length,
      channelCount: new Set(posts.map((p) => p.channelTitle)).size,
    })
    .returning();
  await db.insert(topicMessages).values(ids.map((messageId) => ({ topicId: row.id, messageId, similarity: 0.5 })));
  return row.id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.database.db;
  user = await createUser(ctx);
  day = await seedTelegramDay(db, [user.id]);
  const korea = DAY.filter((p) => isKorea(p.text));
  expect(korea.length).toBeGreaterThanOrEqual(10);
  koreaIds = korea.map(idOf);
  topicA = await storeTopic(korea.filter((_, i) => i % 2 === 0), 'Президент Южной Кореи объявил военное положение');
  topicB = await storeTopic(korea.filter((_, i) => i % 2 === 1), 'В Южной Корее ввели военное положение');

  // What users hold on the topic that will be absorbed.
  const [run] = await db
    .insert(pipelineRuns)
    .values({ userId: user.id, topicId: topicB, input: { topicId: topicB, messageIds: null, platforms: ['telegram'], language: 'ru', tone: 'neutral', briefCount: 1 } })
    .returning();
  refs.run = run.id;
  const [result] = await db
    .insert(editorResults)
    .values({
      userId: user.id,
      topicId: topicB,
      messageIds: koreaIds.slice(0, 2),
      language: 'ru',
      headline: 'Военное положение в Южной Корее',
      dek: 'Что известно',
      bodyVariants: { short: 'a', medium: 'b', long: 'c' },
      keyPoints: [],
      sourceLinks: [],
      originality: {
        short: { longestSharedRun: 0, sharedNgramShare: 0, rougeL: 0 },
        medium: { longestSharedRun: 0, sharedNgramShare: 0, rougeL: 0 },
        long: { longestSharedRun: 0, sharedNgramShare: 0, rougeL: 0 },
        rewrites: 0,
      } as never,
    })
    .returning();
  refs.editorResult = result.id;
  const [ruleBoth, ruleB] = await db
    .insert(rules)
    .values([
      { userId: user.id, name: 'fired on both', minScore: 0.1, platforms: ['telegram'] },
      { userId: user.id, name: 'fired on B', minScore: 0.1, platforms: ['telegram'] },
    ])
    .returning();
  refs.ruleBoth = ruleBoth.id;
  refs.ruleB = ruleB.id;
  await db.insert(ruleFirings).values([
    { ruleId: ruleBoth.id, userId: user.id, topicId: topicA, topicTitle: 'A', score: 0.5, channels: 3 },
    { ruleId: ruleBoth.id, userId: user.id, topicId: topicB, topicTitle: 'B', score: 0.5, channels: 3 },
    { ruleId: ruleB.id, userId: user.id, topicId: topicB, topicTitle: 'B', score: 0.5, channels: 3 },
  ]);

  // The job starts over the stored window (both topics kept as stored), scores it, then a new post
  // of the story arrives.
  const job = new TopicJob({ db, log: createLogger({ level: 'warn' }), clock: () => NOW });
  await job.start();
  const channelId = day.channelIds.get(DAY[0].channelTitle) as number;
  const [late] = await createPosts(db, [
    {
      channelId,
      date: new Date(NOW - 600_000),
      text: 'Президент Южной Кореи Юн Сок Ёль объявил военное положение в стране. Вход в парламент Южной Кореи заблокирован, командующий военным положением запретил митинги',
      views: 4000,
    },
  ]);
  lateId = late.id;
  await job.onMessagesIngested([late.id]);
  await job.idle();
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

describe('stored topics that merge', () => {
  it('puts every post of both in exactly one topic, the survivor, and marks the other merged', async () => {
    const db = ctx.database.db;
    const rows = await queryRows<{ message_id: string; topic_id: string }>(
      db,
      sql`select message_id, topic_id from topic_messages where message_id = any(${`{${[...koreaIds, lateId].join(',')}}`}::bigint[])`,
    );
    expect(rows).toHaveLength(koreaIds.length + 1);
    expect(new Set(rows.map((r) => num(r.topic_id)))).toEqual(new Set([topicA]));
    const [dups] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (select message_id from topic_messages group by message_id having count(*) > 1) d`);
    expect(dups.n).toBe(0);
    const [absorbed] = await queryRows<{ merged_into: string | null; members: number }>(
      db,
      sql`select merged_into, (select count(*)::int from topic_messages where topic_id = ${topicB}) as members from topics where id = ${topicB}`,
    );
    expect(num(absorbed.merged_into)).toBe(topicA);
    expect(absorbed.members).toBe(0);
  });

  it("gives the survivor the story's origin and counts over all its posts", async () => {
    const [row] = await queryRows<{ origin_message_id: string; message_count: number; channel_count: number; merged_into: string | null }>(
      ctx.database.db,
      sql`select origin_message_id, message_count, channel_count, merged_into from topics where id = ${topicA}`,
    );
    expect(row.merged_into).toBeNull();
    const [first] = await queryRows<{ id: string; n: number; channels: number }>(
      ctx.database.db,
      sql`select (array_agg(m.id order by m.date, m.id))[1] as id, count(*)::int as n, count(distinct m.channel_id)::int as channels
          from topic_messages tm join messages m on m.id = tm.message_id where tm.topic_id = ${topicA}`,
    );
    expect(num(row.origin_message_id)).toBe(num(first.id));
    expect(num(row.origin_message_id)).toBe(koreaIds[0]);
    expect(row.message_count).toBe(first.n);
    expect(row.channel_count).toBe(first.channels);
  });

  it('ranks the survivor only', async () => {
    const rows = await queryRows<{ entity_id: string; window: string }>(ctx.database.db, sql`select entity_id, "window" from ranking where entity_kind = 'topic'`);
    expect(rows.some((r) => num(r.entity_id) === topicB)).toBe(false);
    expect(rows.filter((r) => num(r.entity_id) === topicA).map((r) => r.window).sort()).toEqual(['24h', '7d']);
  });

  it("points users' editor results, pipeline runs (and their queued input) and rule firings at the survivor", async () => {
    const db = ctx.database.db;
    const [result] = await queryRows<{ topic_id: string }>(db, sql`select topic_id from editor_results where id = ${refs.editorResult}`);
    expect(num(result.topic_id)).toBe(topicA);
    const [run] = await queryRows<{ topic_id: string; input: { topicId: number } }>(db, sql`select topic_id, input from pipeline_runs where id = ${refs.run}`);
    expect(num(run.topic_id)).toBe(topicA);
    expect(num(run.input.topicId)).toBe(topicA);
    const firings = await queryRows<{ rule_id: string; topic_id: string }>(db, sql`select rule_id, topic_id from rule_firings`);
    expect(firings.every((f) => num(f.topic_id) === topicA)).toBe(true);
    expect(firings.filter((f) => f.rule_id === refs.ruleBoth)).toHaveLength(1);
    expect(firings.filter((f) => f.rule_id === refs.ruleB)).toHaveLength(1);
  });

  it('answers GET /v1/topics/{old id} with the survivor', async () => {
    const res = await ctx.app.request(`/v1/topics/${topicB}`, await asUser(ctx, user.id));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: number; posts: { id: number }[]; origin: { messageId: number } };
    expect(body.id).toBe(topicA);
    expect(body.posts.map((p) => p.id)).toEqual(expect.arrayContaining([...koreaIds, lateId]));
    expect(body.origin.messageId).toBe(koreaIds[0]);
    const survivor = (await (await ctx.app.request(`/v1/topics/${topicA}`, await asUser(ctx, user.id))).json()) as typeof body;
    expect(survivor).toEqual(body);
  });
});
