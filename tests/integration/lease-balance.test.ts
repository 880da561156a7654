// Ingest scales out: three loops on one database each hold their share of the accounts, a killed
// loop's accounts move on to the others within a lease period, and a joining loop gets its share.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestLoop } from '../../ingest-container/ingest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { dataset, fastTuning, follow, makeLoop, manualClock, sandboxGateway, sandboxReader, seedAccount } from './ingest-fixtures';

const ACCOUNTS = 9;
// Longer than fastTuning's 1 s so a busy machine's slow round does not expire live heartbeats.
const tuning = { ...fastTuning, leaseMs: 5_000 };
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('account leases balanced over live processes', () => {
  it('three loops hold three accounts each; a killed one’s accounts spread; a joiner gets its share', async () => {
    const db = database.db;
    const clock = manualClock();
    for (const channel of dataset.channels.slice(0, ACCOUNTS)) {
      const { user, account } = await seedAccount(db, `bal-${channel.username}`);
      await follow(db, user.id, account.id, channel.username!);
    }
    const gateway = sandboxGateway(sandboxReader(clock));
    const loops: IngestLoop[] = [0, 1, 2].map(() => makeLoop(db, gateway, clock, { tuning }).loop);
    // A refresh per round (the running loop refreshes every lease period / 3): the balance must be
    // reached within a lease period, i.e. three refreshes after a change is visible.
    // Rounds until the expected shares hold, at most `times` (on an idle machine three suffice;
    // a slow round on a busy one can need another).
    const round = async (running: IngestLoop[], times = 3, expected?: number[]) => {
      for (let i = 0; i < times; i++) {
        await Promise.all(running.map((l) => l.runOnce()));
        if (expected && i >= 2 && JSON.stringify(shares(running).sort()) === JSON.stringify([...expected].sort())) return;
      }
    };
    const shares = (running: IngestLoop[]) => running.map((l) => l.heldAccounts().length);
    const disjointAndComplete = (running: IngestLoop[]) => {
      const held = running.flatMap((l) => l.heldAccounts());
      expect(new Set(held).size).toBe(held.length);
      expect(held.length).toBe(ACCOUNTS);
    };

    // All start together: the first refresh may grab unevenly; within a few refreshes each holds its share.
    await round(loops, 6, [3, 3, 3]);
    expect(shares(loops), 'all three started').toEqual([3, 3, 3]);
    disjointAndComplete(loops);

    // One is killed (no release, no goodbye): after a lease period its accounts spread over the two left.
    const [survivorA, survivorB, killed] = loops;
    const orphaned = killed.heldAccounts();
    await pause(tuning.leaseMs + 200);
    await round([survivorA, survivorB], 6, [4, 5]);
    expect(shares([survivorA, survivorB]).sort()).toEqual([4, 5]);
    for (const id of orphaned) expect([...survivorA.heldAccounts(), ...survivorB.heldAccounts()]).toContain(id);
    disjointAndComplete([survivorA, survivorB]);

    // A new process joins: the others hand back their surplus and it gets its share.
    const joiner = makeLoop(db, gateway, clock, { tuning }).loop;
    await round([survivorA, survivorB, joiner], 6, [3, 3, 3]);
    expect(shares([survivorA, survivorB, joiner]), 'after a join').toEqual([3, 3, 3]);
    disjointAndComplete([survivorA, survivorB, joiner]);

    // One leaves cleanly (stop): its heartbeat goes at once, the rest take over at their next refresh
    // (its released leases are free immediately).
    await joiner.stop();
    await round([survivorA, survivorB], 6, [4, 5]);
    expect(shares([survivorA, survivorB]).sort()).toEqual([4, 5]);
    disjointAndComplete([survivorA, survivorB]);
    await survivorA.stop();
    await survivorB.stop();
  });
});
