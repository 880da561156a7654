// The ingest loop against the sandbox gateway on one database: incremental resume, media to
// storage, a fault between upsert and commit, and the sandbox's private-channel rule.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/rows';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { START_AT, expectedIds, follow, makeLoop, manualClock, sandboxGateway, sandboxReader, seedAccount, storedIds } from './ingest-fixtures';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
// Each test reads only its own accounts: earlier tests' accounts stop being readable.
beforeEach(async () => {
  await database.db.execute(sql`update tg_accounts set is_active = false`);
});
afterAll(async () => {
  await database.drop();
});

const HOUR = 3_600_000;

describe('incremental ingest from the sandbox', () => {
  it('backfills the first sync, then reads only what is new, with no gap and no duplicate', async () => {
    const db = database.db;
    const clock = manualClock();
    const gateway = sandboxGateway(sandboxReader(clock));
    const { user, account } = await seedAccount(db, 'resume');
    const channel = await follow(db, user.id, account.id, 'rian_ru');
    const { loop } = makeLoop(db, gateway, clock);
    const start = Date.parse(START_AT);

    await loop.runOnce();
    const first = await storedIds(db, channel.id);
    expect(first).toEqual(expectedIds('rian_ru', start, start));
    expect(first.length).toBeGreaterThan(50);

    clock.advance(5 * HOUR);
    await loop.runOnce();
    const second = await storedIds(db, channel.id);
    expect(second).toEqual(expectedIds('rian_ru', start, start + 5 * HOUR));
    expect(second.length).toBeGreaterThan(first.length);

    const [state] = await queryRows<{ last_msg_id: string; access_hash: string }>(db, sql`select last_msg_id, access_hash from account_channel_state where channel_id = ${channel.id}`);
    expect(Number(state.last_msg_id)).toBe(second.at(-1));
    expect(state.access_hash).toBe('sandbox:public');

    // A restarted process (a new loop) resumes from the cursor: nothing re-inserted, nothing skipped.
    await loop.stop();
    clock.advance(2 * HOUR);
    const { loop: restarted } = makeLoop(db, gateway, clock);
    await restarted.runOnce();
    expect(await storedIds(db, channel.id)).toEqual(expectedIds('rian_ru', start, start + 7 * HOUR));
    await restarted.stop();

    const [{ simulated }] = await queryRows<{ simulated: number }>(db, sql`select count(*)::int as simulated from messages where channel_id = ${channel.id} and views > 0 and reactions_total > 0`);
    expect(simulated).toBeGreaterThan(0);
  });

  it('stores media in storage once per content hash, with url, size, format and hash', async () => {
    const db = database.db;
    const clock = manualClock();
    const gateway = sandboxGateway(sandboxReader(clock));
    const { user, account } = await seedAccount(db, 'media');
    const channel = await follow(db, user.id, account.id, 'bbcrussian');
    const mediaDir = mkdtempSync(path.join(tmpdir(), 'tgs-media-test-'));
    const { createLocalStorage } = await import('../../storage/local');
    const { loop } = makeLoop(db, gateway, clock, { storage: createLocalStorage(mediaDir) });
    await loop.runOnce();
    await loop.stop();
    const assets = await queryRows<{ url: string; storage_key: string; size: string; format: string; hash: string; type: string; media_present: boolean }>(
      db,
      sql`select a.url, a.storage_key, a.size, a.format, a.hash, m.type, m.media_present from media_assets a join messages m on m.id = a.message_id where m.channel_id = ${channel.id}`,
    );
    expect(assets.length).toBeGreaterThan(3);
    for (const asset of assets) {
      const bytes = readFileSync(`${mediaDir}/${asset.storage_key}`);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(asset.hash);
      expect(asset.url).toBe(`/media/${asset.storage_key}`);
      expect(Number(asset.size)).toBe(bytes.length);
      expect(asset.format).toBe('png');
      expect(asset).toMatchObject({ type: 'photo', media_present: true });
    }
  });

  it('a fault between upsert and commit loses nothing and duplicates nothing after a restart', async () => {
    const db = database.db;
    const clock = manualClock();
    const gateway = sandboxGateway(sandboxReader(clock));
    const { user, account } = await seedAccount(db, 'fault');
    const channel = await follow(db, user.id, account.id, 'mash');
    const start = Date.parse(START_AT);

    const { loop } = makeLoop(db, gateway, clock);
    await loop.runOnce();
    await loop.stop();
    const before = await storedIds(db, channel.id);

    // New posts arrive; the process "dies" inside the transaction of the second batch.
    clock.advance(30 * HOUR);
    let commits = 0;
    const { loop: crashing } = makeLoop(db, gateway, clock, {
      tuning: { ...(await import('./ingest-fixtures')).fastTuning, batchSize: 20 },
      beforeCommit: async () => {
        if (++commits === 2) throw new Error('simulated crash before COMMIT');
      },
    });
    await crashing.runOnce();
    await crashing.stop();
    const afterCrash = await storedIds(db, channel.id);
    // Exactly the first batch of 20 landed, and the cursor says so.
    expect(afterCrash.length).toBe(before.length + 20);
    const [state] = await queryRows<{ last_msg_id: string }>(db, sql`select max(last_msg_id) as last_msg_id from account_channel_state where channel_id = ${channel.id}`);
    expect(Number(state.last_msg_id)).toBe(afterCrash.at(-1));

    clock.advance(60 * 60_000 * 2); // past the channel's error backoff
    const { loop: restarted } = makeLoop(db, gateway, clock);
    await restarted.runOnce();
    await restarted.stop();
    const final = await storedIds(db, channel.id);
    expect(final).toEqual(expectedIds('mash', start, start + 32 * HOUR));
    expect(new Set(final).size).toBe(final.length);
  });

  it('reads a private channel only with the handle its invite link gave', async () => {
    const db = database.db;
    const clock = manualClock();
    const reader = sandboxReader(clock);
    const hash = 'oDf_lVJzbNQyYWFi';
    const resolved = await reader.resolveChannel({ kind: 'invite', hash });
    expect(resolved).toMatchObject({ visibility: 'private', username: null, title: 'Топор Live' });
    await expect(reader.readLatest({ tgChannelId: resolved.tgChannelId, accessHash: 'sandbox:public', username: null }, 5)).rejects.toMatchObject({ reason: 'CHANNEL_PRIVATE' });
    expect((await reader.readLatest({ tgChannelId: resolved.tgChannelId, accessHash: resolved.accessHash, username: null }, 5)).length).toBe(5);
    await expect(reader.resolveChannel({ kind: 'invite', hash: 'notARealInvite123' })).rejects.toMatchObject({ reason: 'INVITE_INVALID' });
    await expect(reader.resolveChannel({ kind: 'username', username: 'sandbox_news_bot' })).rejects.toMatchObject({ reason: 'NOT_A_CHANNEL' });
    void db;
  });
});
