// Faults: FLOOD_WAIT pauses one account while another keeps reading; a revoked session marks the
// account and its channels move to another follower; a lost channel marks the subscription;
// two ingest processes on one database store every post exactly once.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/rows';
import { channels, subscriptions, tgAccounts } from '../../db/schema';
import { TelegramFailure, type TelegramGateway, type TelegramSession } from '../../ingest-container/gateway/port';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { START_AT, expectedIds, follow, makeLoop, manualClock, sandboxReader, seedAccount, storedIds } from './ingest-fixtures';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});
beforeEach(async () => {
  await database.db.execute(sql`update tg_accounts set is_active = false`);
});

type Fault = () => TelegramFailure | null;

/** A scripted gateway: each session reads the sandbox unless its fault says otherwise; calls are counted. */
function scriptedGateway(clock: { now(): number }, faults: Map<string, Fault>) {
  const reader = sandboxReader(clock);
  const calls = new Map<string, number>();
  const gateway: TelegramGateway = {
    kind: 'sandbox',
    loginWithQr: () => Promise.reject(new Error('not used')),
    async connect(session: string): Promise<TelegramSession> {
      const guard = <T>(run: () => Promise<T>) => {
        calls.set(session, (calls.get(session) ?? 0) + 1);
        const failure = faults.get(session)?.();
        return failure ? Promise.reject(failure) : run();
      };
      return {
        getMe: () => Promise.reject(new Error('not used')),
        resolveChannel: (ref) => guard(() => reader.resolveChannel(ref)),
        readHistory: (...args) => guard(() => reader.readHistory(...args)),
        readLatest: (...args) => guard(() => reader.readLatest(...args)),
        downloadMedia: (...args) => guard(() => reader.downloadMedia(...args)),
        logOut: async () => undefined,
        disconnect: async () => undefined,
      };
    },
  };
  return { gateway, calls };
}

const accountRow = async (id: string) => (await database.db.select().from(tgAccounts).where(eq(tgAccounts.id, id)))[0];

describe('ingest faults', () => {
  it('FLOOD_WAIT pauses only that account (plus jitter) while another keeps reading', async () => {
    const db = database.db;
    const clock = manualClock();
    const a = await seedAccount(db, 'flood');
    const b = await seedAccount(db, 'steady');
    const channelA = await follow(db, a.user.id, a.account.id, 'tproger');
    const channelB = await follow(db, b.user.id, b.account.id, 'habr_com');
    const faults = new Map<string, Fault>([[a.account.sessionCipher!, () => new TelegramFailure('FLOOD_WAIT', 'wait', 30)]]);
    const { gateway, calls } = scriptedGateway(clock, faults);
    const { loop } = makeLoop(db, gateway, clock);

    await loop.runOnce();
    const flooded = await accountRow(a.account.id);
    expect(flooded.status).toBe('flood_wait');
    const waitMs = flooded.floodWaitUntil!.getTime() - clock.now();
    expect(waitMs).toBeGreaterThan(30_000); // the seconds Telegram asked for, plus jitter
    expect(waitMs).toBeLessThan(30_000 + 10_000);
    expect(await storedIds(db, channelA.id)).toEqual([]);
    expect((await storedIds(db, channelB.id)).length).toBeGreaterThan(0);
    expect((await accountRow(b.account.id)).status).toBe('active');

    // While the wait lasts the account is not called at all.
    const before = calls.get(a.account.sessionCipher!);
    clock.advance(10_000);
    await loop.runOnce();
    expect(calls.get(a.account.sessionCipher!)).toBe(before);

    // After it, the account reads again and catches up.
    faults.clear();
    clock.advance(40_000);
    await loop.runOnce();
    expect((await accountRow(a.account.id)).status).toBe('active');
    expect(await storedIds(db, channelA.id)).toEqual(expectedIds('tproger', Date.parse(START_AT) + 50_000, Date.parse(START_AT) + 50_000));
    await loop.stop();
  });

  it('a revoked session marks the account needs_relogin and its channel moves to another follower', async () => {
    const db = database.db;
    const clock = manualClock();
    const a = await seedAccount(db, 'revoked');
    const b = await seedAccount(db, 'backup');
    const channel = await follow(db, a.user.id, a.account.id, 'banksta');
    await db.insert(subscriptions).values({ userId: b.user.id, channelId: channel.id });
    const faults = new Map<string, Fault>([[a.account.sessionCipher!, () => new TelegramFailure('AUTH_REVOKED', 'AUTH_KEY_UNREGISTERED')]]);
    const { gateway } = scriptedGateway(clock, faults);
    const { loop } = makeLoop(db, gateway, clock);

    await loop.runOnce();
    const revoked = await accountRow(a.account.id);
    expect(revoked.status).toBe('needs_relogin');
    expect(revoked.lastError).toContain('AUTH_KEY_UNREGISTERED');
    expect(loop.heldAccounts()).not.toContain(a.account.id);

    await loop.runOnce();
    const [row] = await db.select().from(channels).where(eq(channels.id, channel.id));
    expect(row.ownerAccountId).toBe(b.account.id);
    expect((await storedIds(db, channel.id)).length).toBeGreaterThan(0);
    await loop.stop();
  });

  it('CHANNEL_PRIVATE marks the subscription inaccessible with the reason; the other channels go on', async () => {
    const db = database.db;
    const clock = manualClock();
    const a = await seedAccount(db, 'lost');
    const lost = await follow(db, a.user.id, a.account.id, 'ru2ch');
    const kept = await follow(db, a.user.id, a.account.id, 'moscowach');
    const reader = sandboxReader(clock);
    const { gateway } = scriptedGateway(clock, new Map());
    const failing: TelegramGateway = {
      ...gateway,
      connect: async (session) => {
        const inner = await gateway.connect(session);
        const deny = (handle: { tgChannelId: number }) => handle.tgChannelId === lost.tgChannelId;
        return {
          ...inner,
          readLatest: (handle, limit) => (deny(handle) ? Promise.reject(new TelegramFailure('CHANNEL_PRIVATE', 'CHANNEL_PRIVATE')) : reader.readLatest(handle, limit)),
        };
      },
    };
    const { loop } = makeLoop(db, failing, clock);
    await loop.runOnce();
    await loop.stop();
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.channelId, lost.id));
    expect(sub).toMatchObject({ accessible: false, inaccessibleReason: 'CHANNEL_PRIVATE' });
    expect(await storedIds(db, lost.id)).toEqual([]);
    expect((await storedIds(db, kept.id)).length).toBeGreaterThan(0);
  });

  it('transient errors are retried with backoff and the process carries on', async () => {
    const db = database.db;
    const clock = manualClock();
    const a = await seedAccount(db, 'flaky');
    const channel = await follow(db, a.user.id, a.account.id, 'moscowtop');
    let n = 0;
    const { gateway } = scriptedGateway(clock, new Map([[a.account.sessionCipher!, () => (++n % 2 === 1 ? new TelegramFailure('TRANSIENT', 'RPC_CALL_FAIL') : null)]]));
    const { loop } = makeLoop(db, gateway, clock);
    await loop.runOnce();
    await loop.stop();
    expect(await storedIds(db, channel.id)).toEqual(expectedIds('moscowtop', Date.parse(START_AT), Date.parse(START_AT)));
  });

  it('two ingest processes on one database: every account read by one, every post stored exactly once', async () => {
    const db = database.db;
    const clock = manualClock();
    const names = ['rian_ru', 'bbbreaking', 'topor', 'msk_live'];
    const followed = [];
    for (const name of names) {
      const { user, account } = await seedAccount(db, `proc-${name}`);
      followed.push({ name, channel: await follow(db, user.id, account.id, name) });
    }
    const { gateway } = scriptedGateway(clock, new Map());
    const first = makeLoop(db, gateway, clock).loop;
    const second = makeLoop(db, gateway, clock).loop;
    for (let round = 0; round < 4; round++) {
      await Promise.all([first.runOnce(), second.runOnce()]);
      const held = [...first.heldAccounts(), ...second.heldAccounts()];
      expect(new Set(held).size).toBe(held.length);
      clock.advance(3 * 3_600_000);
    }
    // The first process dies without releasing its leases; after they expire the second takes over.
    const orphaned = first.heldAccounts();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await second.runOnce();
    for (const id of orphaned) expect(second.heldAccounts()).toContain(id);

    const start = Date.parse(START_AT);
    for (const { name, channel } of followed) {
      expect(await storedIds(db, channel.id)).toEqual(expectedIds(name, start, start + 12 * 3_600_000));
    }
    const [dupes] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (select channel_id, msg_id from messages group by 1, 2 having count(*) > 1) d`);
    expect(dupes.n).toBe(0);
    await second.stop();
  });
});
