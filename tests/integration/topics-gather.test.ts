// The topic job gathers ingested batches and clusters them as one, in date order: two channels'
// batches, stored channel after channel, reach the index post by post in the order written.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../core/log';
import { TopicIndex } from '../../core/topics';
import { TopicJob } from '../../ingest-container/topics/topic-job';
import { createTestContext, type TestContext } from '../helpers/context';
import { createChannel, createPosts } from './feed-fixtures';

const T0 = Date.parse('2024-12-03T08:00:00Z');
const at = (hours: number) => new Date(T0 + hours * 3_600_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

describe('topic job gathering', () => {
  it('clusters batches stored channel after channel in date order, once ingest pauses', async () => {
    const db = ctx.database.db;
    const [a, b] = [await createChannel(db), await createChannel(db)];
    const first = await createPosts(db, [2, 4].map((h) => ({ channelId: a.id, date: at(h), text: `Пост канала А в ${h} часов о событиях дня` })));
    const second = await createPosts(db, [1, 3].map((h) => ({ channelId: b.id, date: at(h), text: `Пост канала Б в ${h} часов о событиях дня` })));
    const job = new TopicJob({ db, log: createLogger({ level: 'warn' }), clock: () => T0, gather: { newPosts: { quietMs: 60_000 } } });
    const added = vi.spyOn(TopicIndex.prototype, 'add');
    try {
      await job.gather(first.map((p) => p.id));
      await job.gather(second.map((p) => p.id));
      expect(added).not.toHaveBeenCalled(); // waiting for ingest to pause
      await job.idle();
      const order = added.mock.calls.map(([post]) => Number(post.id));
      expect(order).toEqual([second[0].id, first[0].id, second[1].id, first[1].id]);
    } finally {
      added.mockRestore();
    }
  });

  it('a first sync\'s history gathers apart: new posts reach topics on their own time while it waits', async () => {
    const db = ctx.database.db;
    const [a, b] = [await createChannel(db), await createChannel(db)];
    const history = await createPosts(db, [1, 2].map((h) => ({ channelId: a.id, date: at(h), text: `Архивный пост канала А, ${h} час` })));
    const fresh = await createPosts(db, [5].map((h) => ({ channelId: b.id, date: at(h), text: `Новый пост канала Б, ${h} час` })));
    const job = new TopicJob({ db, log: createLogger({ level: 'warn' }), clock: () => T0, gather: { newPosts: { quietMs: 20 }, backfill: { quietMs: 60_000 } } });
    const added = vi.spyOn(TopicIndex.prototype, 'add');
    const clustered = () => added.mock.calls.map(([post]) => Number(post.id));
    try {
      await job.gather(history.map((p) => p.id), { backfill: true });
      await job.gather(fresh.map((p) => p.id), { backfill: false });
      await vi.waitFor(() => expect(clustered()).toEqual([fresh[0].id]), { timeout: 5_000 });
      await job.idle();
      expect(clustered()).toEqual([fresh[0].id, history[0].id, history[1].id]);
    } finally {
      added.mockRestore();
    }
  });
});
