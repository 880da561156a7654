// Ingest scales out: loops on one database each hold their share of the accounts, a dead loop's
// accounts move on to the others within a lease period, a joining loop gets its share, and no
// account is ever held by two loops at once — in the loops' own view or in what gets written.
// Deterministic: rounds are driven one by one (leaseRound), the lease period is long (nothing
// expires by itself), and time passing is simulated: a loop's lease clock is moved on by hand,
// and the database rows of a loop that "stopped renewing" are aged in SQL.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { heartbeatKey, holdLease, renewLeases, takeLeases } from '../../db/queries/leases';
import { queryRows } from '../../db/rows';
import type { IngestLoop } from '../../ingest-container/ingest';
import { leaseTimings } from '../../ingest-container/ingest/leases';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { dataset, fastTuning, follow, makeLoop, manualClock, sandboxGateway, sandboxReader, seedAccount, storedIds } from './ingest-fixtures';

const ACCOUNTS = 9;
// Long: on a busy machine no lease or heartbeat runs out unless a test ages it.
const tuning = { ...fastTuning, leaseMs: 60_000 };
const { livenessMs } = leaseTimings(tuning.leaseMs, tuning.pollMs);
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

// Each test starts from a world of its own: the accounts of earlier tests no longer read.
beforeEach(async () => {
  const db = database.db;
  await db.execute(sql`delete from ingest_leases`);
  await db.execute(sql`delete from kv where key like 'ingest:live:%'`);
  await db.execute(sql`update tg_accounts set is_active = false`);
  // The channels are the data set's, shared by the tests: what an earlier test stored goes.
  await db.execute(sql`delete from messages`);
  await db.execute(sql`delete from account_channel_state`);
});

interface Proc {
  name: string;
  holder: string;
  loop: IngestLoop;
  /** This loop's monotonic lease clock, moved on by hand. */
  clock: { advance(ms: number): number };
}

async function world(label: string, accounts = ACCOUNTS) {
  const db = database.db;
  const clock = manualClock();
  const seeded: { accountId: string; channelId: number }[] = [];
  for (const channel of dataset.channels.slice(0, accounts)) {
    const { user, account } = await seedAccount(db, `${label}-${channel.username}`);
    const followed = await follow(db, user.id, account.id, channel.username!);
    seeded.push({ accountId: account.id, channelId: followed.id });
  }
  const gateway = sandboxGateway(sandboxReader(clock));
  let n = 0;
  const proc = (name: string): Proc => {
    const time = manualClock(0);
    const holder = `${label}-${name}-${++n}`;
    return { name, holder, clock: time, loop: makeLoop(db, gateway, clock, { tuning, holder, leaseClock: time.now }).loop };
  };
  return { db, seeded, proc };
}

const shares = (procs: Proc[]) => procs.map((p) => p.loop.heldAccounts().length);

/**
 * What must hold after every single round, whatever the interleaving: no account in two loops'
 * view (dead ones included: a loop that stopped renewing must have stopped reading), and a loop
 * reads only accounts whose lease row says it holds them, unexpired.
 */
async function checkExclusive(procs: Proc[]) {
  const seen = new Map<string, string>();
  for (const p of procs) {
    for (const id of p.loop.heldAccounts()) {
      expect(seen.get(id), `account ${id} held by ${seen.get(id)} and ${p.name} at once`).toBeUndefined();
      seen.set(id, p.name);
    }
  }
  const rows = await queryRows<{ account_id: string; holder: string }>(database.db, sql`select account_id, holder from ingest_leases where expires_at > now()`);
  const rowHolder = new Map(rows.map((r) => [r.account_id, r.holder]));
  for (const p of procs) for (const id of p.loop.heldAccounts()) expect(rowHolder.get(id), `${p.name} reads ${id} without its lease`).toBe(p.holder);
}

/** `times` rounds of each loop in turn, the invariant checked after every one. */
async function rounds(running: Proc[], all: Proc[], times = 1) {
  for (let i = 0; i < times; i++) {
    for (const p of running) {
      await p.loop.leaseRound();
      await checkExclusive(all);
    }
  }
}

/** As if `holder` stopped renewing a lease period ago: its leases (and, if asked, its heartbeat) have run out. */
async function ageRows(holder: string, what: { leases?: boolean; heartbeat?: boolean }) {
  const db = database.db;
  if (what.leases) await db.execute(sql`update ingest_leases set expires_at = now() - interval '1 second' where holder = ${holder}`);
  if (what.heartbeat) await db.execute(sql`update kv set expires_at = now() - interval '1 second' where key = ${heartbeatKey(holder)}`);
}

const allHeld = (procs: Proc[]) => new Set(procs.flatMap((p) => p.loop.heldAccounts())).size;

describe('account leases balanced over live processes', () => {
  it('processes starting together split the accounts: none takes more than its share', async () => {
    const { proc } = await world('start');
    const procs = ['A', 'B', 'C'].map(proc);
    for (const p of procs) await p.loop.announce();
    // Each one's first round already sees three live processes: 3 each, never 9 for the first.
    await rounds(procs, procs);
    expect(shares(procs)).toEqual([3, 3, 3]);
    // And it stays there: no churn in later rounds.
    await rounds(procs, procs, 2);
    expect(shares(procs)).toEqual([3, 3, 3]);
    for (const p of procs) await p.loop.stop();
  });

  it('a killed loop’s accounts spread within one round of each survivor; a joiner gets its share; a leaver’s go at once', async () => {
    const { proc } = await world('kill');
    const [a, b, c] = ['A', 'B', 'C'].map(proc);
    const procs = [a, b, c];
    for (const p of procs) await p.loop.announce();
    await rounds(procs, procs);
    expect(shares(procs)).toEqual([3, 3, 3]);

    // C dies without a goodbye: a lease period passes on its clock and its leases run out in the
    // database, while its heartbeat (longer than the lease) still counts it as live.
    const orphaned = c.loop.heldAccounts();
    c.clock.advance(tuning.leaseMs);
    expect(c.loop.heldAccounts(), 'a loop whose lease period ran out reads nothing').toEqual([]);
    await ageRows(c.holder, { leases: true });
    // One round of each survivor (a lease period is four rounds): every orphan is read again,
    // spread over the two, each within the share it will have once C's heartbeat is gone.
    await rounds([a, b], procs);
    expect(allHeld([a, b])).toBe(ACCOUNTS);
    for (const id of orphaned) expect([...a.loop.heldAccounts(), ...b.loop.heldAccounts()]).toContain(id);
    expect(shares([a, b]).sort()).toEqual([4, 5]);
    // While C's heartbeat lingers the share is still 3, yet nothing taken over is handed back
    // (into accounts nobody would read): no churn.
    await rounds([a, b], procs, 2);
    expect(shares([a, b]).sort()).toEqual([4, 5]);
    expect(allHeld([a, b])).toBe(ACCOUNTS);

    // C's heartbeat runs out: the share grows to 5, nothing is handed back into accounts nobody reads.
    await ageRows(c.holder, { heartbeat: true });
    await rounds([a, b], procs, 2);
    expect(shares([a, b]).sort()).toEqual([4, 5]);
    expect(allHeld([a, b])).toBe(ACCOUNTS);

    // A heartbeat's life later (what the survivors took over is no longer kept aside), D joins:
    // the others hand back their surplus and D has its share after one round each.
    for (const p of [a, b]) p.clock.advance(livenessMs);
    const d = proc('D');
    const alive = [a, b, d];
    await d.loop.announce();
    await rounds(alive, [...alive, c]);
    await rounds([d], [...alive, c]);
    expect(shares(alive), 'after a join').toEqual([3, 3, 3]);
    await rounds(alive, [...alive, c], 2);
    expect(shares(alive), 'and steady').toEqual([3, 3, 3]);

    // D leaves cleanly: its heartbeat and leases go at once, the others take them at their next round.
    await d.loop.stop();
    await rounds([a, b], [a, b, c]);
    expect(shares([a, b]).sort()).toEqual([4, 5]);
    expect(allHeld([a, b])).toBe(ACCOUNTS);
    for (const p of [a, b]) await p.loop.stop();
  });

  it('a live loop whose renewals run late stops reading before another takes over, and the shares come back', async () => {
    const { proc } = await world('late');
    const procs = ['A', 'B', 'C'].map(proc);
    const [a, b, c] = procs;
    for (const p of procs) await p.loop.announce();
    await rounds(procs, procs);
    const slowOnes = b.loop.heldAccounts();
    expect(slowOnes).toHaveLength(3);

    // B's renewals are late by a lease period: its leases expired, its heartbeat has not, since it
    // outlives the leases renewed with it by a lease period (so the others still count three).
    const [expiry] = await queryRows<{ heartbeat_ms: number; lease_ms: number }>(
      database.db,
      sql`select extract(epoch from (select expires_at from kv where key = ${heartbeatKey(b.holder)}) - now()) * 1000 as heartbeat_ms,
                 extract(epoch from (select max(expires_at) from ingest_leases where holder = ${b.holder}) - now()) * 1000 as lease_ms`,
    );
    expect(Number(expiry.heartbeat_ms) - Number(expiry.lease_ms)).toBeGreaterThanOrEqual(tuning.leaseMs * 0.9);
    b.clock.advance(tuning.leaseMs);
    await ageRows(b.holder, { leases: true });
    expect(b.loop.heldAccounts(), 'past its lease period B reads nothing').toEqual([]);
    await rounds([a, c], procs);
    expect(allHeld([a, c])).toBe(ACCOUNTS);
    // B's next round: the renewal comes back without them, and B does not claim them again.
    await rounds([b], procs);
    for (const id of slowOnes) expect(b.loop.heldAccounts()).not.toContain(id);

    // Once the takeover is no longer kept aside, the surplus goes back to B: three each again.
    for (const p of procs) p.clock.advance(livenessMs);
    await rounds(procs, procs, 2);
    expect(shares(procs)).toEqual([3, 3, 3]);
    for (const p of procs) await p.loop.stop();
  });

  it('a renewal that comes back without a lease stops reading that account at once', async () => {
    const { db, proc, seeded } = await world('renew', 3);
    const p = proc('A');
    await p.loop.leaseRound();
    expect(p.loop.heldAccounts()).toHaveLength(3);
    // Another process has one of them now; this one's clock still says the lease is valid.
    const [lost] = seeded;
    await db.execute(sql`update ingest_leases set holder = 'someone-else' where account_id = ${lost.accountId}`);
    await p.loop.announce();
    expect(p.loop.holds(lost.accountId)).toBe(false);
    expect(p.loop.heldAccounts()).toHaveLength(2);
    await p.loop.syncAccount(lost.accountId);
    expect(await storedIds(db, lost.channelId)).toEqual([]);
    await p.loop.stop();
  });

  it('a lone process takes every account; a dead predecessor’s expired leases are taken over at once', async () => {
    const { proc } = await world('lone', 4);
    const old = proc('old');
    await old.loop.leaseRound();
    expect(shares([old])).toEqual([4]);
    // It crashed: its leases have run out, its heartbeat not yet.
    old.clock.advance(tuning.leaseMs);
    await ageRows(old.holder, { leases: true });
    const fresh = proc('new');
    await fresh.loop.announce();
    await rounds([fresh], [old, fresh]);
    expect(shares([fresh]), 'within its first round').toEqual([4]);
    await fresh.loop.stop();
  });

  it('a batch commits only under the lease: one whose lease was taken stores nothing and stops reading', async () => {
    const { db, proc, seeded } = await world('fence', 2);
    const p = proc('A');
    await p.loop.leaseRound();
    const [taken, expired] = seeded;
    expect(p.loop.heldAccounts().sort()).toEqual(seeded.map((s) => s.accountId).sort());

    // Another process has the first account's lease now (its expiry passed and it took over),
    // though this process's clock says it is still valid.
    await db.execute(sql`update ingest_leases set holder = 'someone-else' where account_id = ${taken.accountId}`);
    await p.loop.syncAccount(taken.accountId);
    expect(await storedIds(db, taken.channelId)).toEqual([]);
    expect(p.loop.holds(taken.accountId)).toBe(false);
    // Not a channel failure: no error recorded, no backoff.
    const errors = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from account_channel_state where error_count > 0`);
    expect(errors[0].n).toBe(0);
    const [row] = await queryRows<{ holder: string }>(db, sql`select holder from ingest_leases where account_id = ${taken.accountId}`);
    expect(row.holder, 'the other process keeps its lease').toBe('someone-else');

    // The second's lease expired in the database but nobody took it: the batch finds it expired,
    // a renewal gets it back, and the batch goes through.
    await db.execute(sql`update ingest_leases set expires_at = now() - interval '1 second' where account_id = ${expired.accountId}`);
    await p.loop.syncAccount(expired.accountId);
    expect((await storedIds(db, expired.channelId)).length).toBeGreaterThan(0);
    expect(p.loop.heldAccounts()).toEqual([expired.accountId]);
    await p.loop.stop();
  });

  it('past its known validity a lease is not dropped: reading waits for the renewal, which tells', async () => {
    const { db, proc, seeded } = await world('lapse', 2);
    const p = proc('A');
    await p.loop.leaseRound();
    const [kept, lost] = seeded;
    // A lease period passes on this process's clock without a renewal: it reads nothing on trust …
    p.clock.advance(tuning.leaseMs);
    expect(p.loop.heldAccounts()).toEqual([]);
    // … meanwhile another process took one of the two (the other nobody touched).
    await db.execute(sql`update ingest_leases set holder = 'someone-else' where account_id = ${lost.accountId}`);
    await p.loop.syncAccount(lost.accountId);
    await p.loop.syncAccount(kept.accountId);
    expect(await storedIds(db, lost.channelId)).toEqual([]);
    expect((await storedIds(db, kept.channelId)).length).toBeGreaterThan(0);
    expect(p.loop.heldAccounts()).toEqual([kept.accountId]);
    await p.loop.stop();
  });

  it('taking leases is exclusive in SQL: processes taking at once never get the same account', async () => {
    const { db, seeded } = await world('race');
    const candidates = seeded.map((s) => s.accountId);
    const holders = ['r1', 'r2', 'r3'];
    const takes = await Promise.all(holders.map((holder) => takeLeases(db, { holder, candidates, limit: ACCOUNTS, ttlMs: tuning.leaseMs })));
    const all = takes.flatMap((t) => t.taken);
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual([...candidates].sort());
    // Nothing is free any more, and a live lease is not taken, even as an orphan.
    expect(await takeLeases(db, { holder: 'r4', candidates, limit: ACCOUNTS, ttlMs: tuning.leaseMs })).toEqual({ taken: [], contested: 0 });
    expect(await takeLeases(db, { holder: 'r4', candidates, limit: ACCOUNTS, ttlMs: tuning.leaseMs, orphansOnly: true })).toEqual({ taken: [], contested: 0 });
    // A released lease is not an orphan: only expired ones are.
    await db.execute(sql`delete from ingest_leases where account_id = ${candidates[0]}`);
    await db.execute(sql`update ingest_leases set expires_at = now() - interval '1 second' where account_id = ${candidates[1]}`);
    expect(await takeLeases(db, { holder: 'r4', candidates, limit: ACCOUNTS, ttlMs: tuning.leaseMs, orphansOnly: true })).toEqual({ taken: [candidates[1]], contested: 0 });
  });

  // Needs two connections at once (PGlite has one): runs on PostgreSQL (DATABASE_URL, as in CI).
  it.skipIf(!process.env.DATABASE_URL)('a batch committing under a lease holds off its takeover, not its renewal', async () => {
    const { db, seeded } = await world('lock', 1);
    const [{ accountId }] = seeded;
    expect((await takeLeases(db, { holder: 'old', candidates: [accountId], limit: 1, ttlMs: tuning.leaseMs })).taken).toEqual([accountId]);
    let release!: () => void;
    const committing = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const batch = db.transaction(async (tx) => {
      await holdLease(tx, accountId, 'old');
      locked();
      await committing;
    });
    await isLocked;
    // The holder renews while its batch is in flight: not blocked.
    expect([...(await renewLeases(db, 'old', [accountId], tuning.leaseMs))]).toEqual([accountId]);
    // The lease runs out meanwhile; another process does not take it while the batch is committing …
    await db.execute(sql`update ingest_leases set expires_at = now() - interval '1 second' where account_id = ${accountId}`);
    expect(await takeLeases(db, { holder: 'new', candidates: [accountId], limit: 1, ttlMs: tuning.leaseMs })).toEqual({ taken: [], contested: 1 });
    release();
    await batch;
    // … and takes it once it is done.
    expect((await takeLeases(db, { holder: 'new', candidates: [accountId], limit: 1, ttlMs: tuning.leaseMs })).taken).toEqual([accountId]);
  });
});
