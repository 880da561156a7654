// The feed change notifications' connection taken away and brought back through a TCP proxy: a
// refused connection and a silent one (caught by the heartbeat) both count as lost — everything
// known is dropped — and it listens again by itself; notices and sync rounds work once it does.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../core/log';
import { openDatabase } from '../../db/client';
import type { DatabaseHandle } from '../../db/types';
import { listenForFeedChanges, type FeedChanges } from '../../edge/services/feed-changes';
import { readerTags } from '../../edge/services/known-values';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { createChannel, createPosts } from './feed-fixtures';

const pgUrl = process.env.DATABASE_URL;

describe.skipIf(!pgUrl)('the feed change notifications, their connection cut and restored', () => {
  let testDb: TestDatabase;
  let proxy: TcpProxy;
  let database: DatabaseHandle;
  let changes: FeedChanges;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const target = new URL(testDb.url!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    database = await openDatabase({ url: proxy.url(testDb.url!), poolSize: 2, connectTimeoutMs: 1_000, queryTimeoutMs: 1_500 });
    changes = listenForFeedChanges(database, createLogger({ level: 'error' }), { heartbeatMs: 200, heartbeatTimeoutMs: 300 })!;
    await vi.waitFor(() => expect(changes.live).toBe(true), { timeout: 5_000 });
  });

  afterAll(async () => {
    await changes?.close();
    await database?.close();
    await proxy?.close();
    await testDb?.drop();
  });

  /** A value known under channel `channelId`, and whether a new post there is heard. */
  async function heardOnce(channelId: number): Promise<void> {
    expect(changes.known.keep('k', { value: 'v', tags: readerTags('reader', [channelId]) }, changes.known.since())).toBe(true);
    await createPosts(testDb.db, [{ channelId, date: new Date(), text: 'Новость' }]);
    expect(await changes.sync()).toBe(true);
    expect(changes.known.get('k')).toBeUndefined();
  }

  it('hears a change committed by another connection, before a sync round comes back', async () => {
    const channel = await createChannel(testDb.db, { title: 'Канал' });
    await heardOnce(channel.id);
  });

  for (const mode of ['refuse', 'blackhole'] as const) {
    it(`counts the connection lost when it is ${mode === 'refuse' ? 'refused' : 'silent'}, drops what it knew, and listens again`, async () => {
      const channel = await createChannel(testDb.db, { title: `Канал ${mode}` });
      changes.known.keep('kept', { value: 'v', tags: ['ux'] }, changes.known.since());
      proxy.set(mode);
      await vi.waitFor(() => expect(changes.live).toBe(false), { timeout: 5_000 });
      expect(changes.known.size).toBe(0);
      expect(await changes.sync()).toBe(false);
      proxy.set('pass');
      await vi.waitFor(() => expect(changes.live).toBe(true), { timeout: 10_000 });
      await heardOnce(channel.id);
    });
  }
});
