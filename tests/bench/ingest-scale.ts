// Ingest at 100× today's sandbox: synthetic sandbox accounts and channels (the bundled public
// channels cloned under new ids and usernames), three IngestLoop instances (distinct holders) on
// one database with short lease and poll settings, started together. Every 5 s it prints each
// loop's share of the accounts, the most loops that held one account at the same moment (checked
// every 100 ms), posts/s stored and the oldest channel pass; then one loop is killed abruptly (its
// database calls start failing, so it neither renews nor releases its leases and reads nothing)
// and it prints how the shares move and how long until the killed loop's accounts are read again;
// then a fourth loop joins and it prints how long until it has its share.
// Real PostgreSQL when DATABASE_URL is set (each loop its own pool, as separate processes), PGlite otherwise.
//   npx tsx tests/bench/ingest-scale.ts
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx tests/bench/ingest-scale.ts
// Knobs: BENCH_SCALE_ACCOUNTS (100), BENCH_SCALE_CHANNELS_PER_ACCOUNT (24), BENCH_SCALE_KILL_AFTER_S (30),
// BENCH_SCALE_LEASE_POOL (1: lease statements on a pool of their own per loop; 0: on the loop's main pool).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createLogger } from '../../core/log';
import { planLimits } from '../../core/plans';
import { openDatabase } from '../../db/client';
import { migratePglite, prepareDatabase } from '../../db/migrate';
import { queryRows } from '../../db/rows';
import { channels, subscriptions, tgAccounts, users } from '../../db/schema';
import type { DatabaseHandle, Db } from '../../db/types';
import { SandboxGateway } from '../../ingest-container/gateway/sandbox';
import { createSandboxChannels } from '../../ingest-container/gateway/sandbox/channels';
import { loadDataset, type SandboxChannel, type SandboxDataset } from '../../ingest-container/gateway/sandbox/dataset';
import { IngestLoop, type IngestTuning } from '../../ingest-container/ingest';
import { leaseTimings } from '../../ingest-container/ingest/leases';
import { createIngestMetrics } from '../../ingest-container/metrics';
import { createLocalStorage } from '../../storage/local';
import { testConfig } from '../helpers/context';
import { adminQuery, databaseUrlFor } from '../helpers/pg-admin';

const ACCOUNTS = Number(process.env.BENCH_SCALE_ACCOUNTS ?? 100);
const PER_ACCOUNT = Number(process.env.BENCH_SCALE_CHANNELS_PER_ACCOUNT ?? 24);
const KILL_AFTER_MS = Number(process.env.BENCH_SCALE_KILL_AFTER_S ?? 30) * 1000;
/** After the kill: at most this long, or until the orphans are taken over and the victim's heartbeat has long run out. */
const AFTER_KILL_MAX_MS = 30_000;
/** After the join. */
const JOIN_MS = 15_000;
const SAMPLE_MS = 5_000;
const LOOPS = 3;
/** 1 (default): each loop's lease statements on a pool of 2 of their own (IngestLoopOptions.leaseDb); 0: on its main pool. */
const LEASE_POOL = process.env.BENCH_SCALE_LEASE_POOL !== '0';
// Short settings so a lease period fits many times into the run. The sandbox's own pacing (25 ms).
const tuning: IngestTuning = {
  pollMs: 1_000,
  pacingMs: 25,
  leaseMs: 3_000,
  backfillDays: 1,
  backfillMaxPosts: 50,
  batchSize: 100,
  maxBatchesPerPass: 2,
  refreshEveryMs: 10 * 60_000,
  refreshDepth: 50,
  retryAttempts: 2,
  retryBaseMs: 50,
  maxChannelBackoffMs: 60_000,
};
// The sandbox timeline: mid-November (most bundled channels still post), a day per real minute × 24.
const SANDBOX = { SANDBOX_START_AT: '2024-11-15T00:00:00Z', SANDBOX_SPEED: '1440' };

const quiet = createLogger({ level: 'warn', sink: () => undefined });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Target {
  handles: DatabaseHandle[];
  /** Per loop, the small pool its lease and heartbeat statements use (its main one when LEASE_POOL is 0). */
  leaseHandles: DatabaseHandle[];
  label: string;
  close(): Promise<void>;
}

/** One database; on PostgreSQL a pool per loop (the three and the joiner), on PGlite one shared handle. */
async function openTarget(): Promise<Target> {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const name = `tgs_bench_scale_${process.pid}`;
    await adminQuery(baseUrl, `drop database if exists "${name}"`);
    await adminQuery(baseUrl, `create database "${name}"`);
    const url = databaseUrlFor(baseUrl, name);
    const first = await prepareDatabase({ url, log: quiet, waitTimeoutMs: 10_000 });
    const handles = [first, ...(await Promise.all(Array.from({ length: LOOPS }, () => openDatabase({ url }))))];
    const leaseHandles = LEASE_POOL ? await Promise.all(handles.map(() => openDatabase({ url, poolSize: 2 }))) : handles;
    return {
      handles,
      leaseHandles,
      label: `PostgreSQL (a pool of 10 per loop${LEASE_POOL ? ', and one of 2 for its lease statements' : ', lease statements on it too'})`,
      close: async () => {
        for (const handle of new Set([...handles, ...leaseHandles])) await handle.close();
        await adminQuery(baseUrl, `drop database if exists "${name}" with (force)`);
      },
    };
  }
  const handle = await openDatabase({ pgliteDir: 'memory://' });
  await migratePglite(handle, quiet);
  const handles = Array.from({ length: LOOPS + 1 }, () => handle);
  return { handles, leaseHandles: handles, label: 'PGlite (in memory, shared by the loops; set DATABASE_URL for PostgreSQL)', close: () => handle.close() };
}

/** The bundled public channels cloned `count` times over: new ids and usernames, the same posts (ids are per channel). */
function syntheticDataset(count: number): SandboxDataset {
  const sources = loadDataset().channels.filter((c) => c.visibility === 'public' && c.username);
  const list: SandboxChannel[] = Array.from({ length: count }, (_, i) => {
    const source = sources[i % sources.length];
    return { tgChannelId: 3_000_000_000 + i, title: `${source.title} · ${i}`, username: `${source.username}_s${i}`, visibility: 'public', inviteHash: null, posts: source.posts };
  });
  const byUsername = new Map(list.map((c) => [c.username!.toLowerCase(), c]));
  const byId = new Map(list.map((c) => [c.tgChannelId, c]));
  return { channels: list, byUsername: (u) => byUsername.get(u.toLowerCase()), byInviteHash: () => undefined, byId: (id) => byId.get(id) };
}

/** Accounts, users and follows written straight to the database; each account reads its own PER_ACCOUNT channels. */
async function seed(db: Db, dataset: SandboxDataset): Promise<{ channelsOf: Map<string, number[]>; accountOf: Map<number, string> }> {
  const userRows = await db
    .insert(users)
    .values(Array.from({ length: ACCOUNTS }, (_, i) => ({ tgId: 9_100_000 + i, username: `scale${i}` })))
    .returning({ id: users.id });
  const accountRows = await db
    .insert(tgAccounts)
    .values(userRows.map((u, i) => ({ userId: u.id, tgUserId: 7_000_000_001, sessionCipher: `sandbox-session:v1:7000000001:scale${i}`, kver: 1, isSandbox: true })))
    .returning({ id: tgAccounts.id, userId: tgAccounts.userId });
  const channelsOf = new Map<string, number[]>();
  const accountOf = new Map<number, string>();
  const CHUNK = 500;
  const wanted = accountRows.flatMap((account, a) => dataset.channels.slice(a * PER_ACCOUNT, (a + 1) * PER_ACCOUNT).map((channel) => ({ account, channel })));
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const part = wanted.slice(i, i + CHUNK);
    const rows = await db
      .insert(channels)
      .values(part.map(({ account, channel }) => ({ tgChannelId: channel.tgChannelId, username: channel.username, title: channel.title, visibility: 'public' as const, ownerAccountId: account.id })))
      .returning({ id: channels.id, owner: channels.ownerAccountId });
    await db.insert(subscriptions).values(rows.map((r, j) => ({ userId: part[j].account.userId, channelId: r.id })));
    for (const r of rows) {
      channelsOf.set(r.owner!, [...(channelsOf.get(r.owner!) ?? []), r.id]);
      accountOf.set(r.id, r.owner!);
    }
  }
  return { channelsOf, accountOf };
}

/** The database with the time of every raw statement (`execute`: the lease rounds' renewals, takes, releases and reads) counted into `into`. */
function timed(db: Db, into: { max: number; count: number; total: number }): Db {
  return new Proxy(db, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (key !== 'execute' || typeof value !== 'function') return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      return async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          const ms = performance.now() - started;
          into.max = Math.max(into.max, ms);
          into.count++;
          into.total += ms;
        }
      };
    },
  });
}

/** A thenable that fails however it is chained: what every database call of a killed loop returns. */
function failedCall(): unknown {
  const error = new Error('ingest loop killed (bench)');
  const dead: unknown = new Proxy(() => undefined, {
    get: (_target, key) => (key === 'then' ? (_ok: unknown, fail?: (e: Error) => void) => Promise.reject(error).then(undefined, fail) : dead),
    apply: () => dead,
  });
  return dead;
}

/**
 * The loop's view of the database, with a switch: after kill() every call fails (no heartbeat, no
 * lease renewal or release, no reads), as when a process dies without a goodbye. IngestLoop has no
 * kill hook of its own (stop() releases the leases and leaves at once), hence this.
 */
function killable(db: Db): { db: Db; kill(): void } {
  let dead = false;
  const proxy = new Proxy(db, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (dead) return () => failedCall();
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
  return { db: proxy, kill: () => (dead = true) };
}

interface LoopEntry {
  loop: IngestLoop;
  kill(): void;
  name: string;
  errors: number;
}

/** When something first became true, in ms since `from` (undefined: not yet). */
const secs = (at: number | undefined, from: number) => (at === undefined ? 'not within the run' : `${((at - from) / 1000).toFixed(1)} s`);

export async function runIngestScaleBench(): Promise<void> {
  const target = await openTarget();
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'tgs-scale-media-'));
  const db = target.handles[0].db;
  const loops: LoopEntry[] = [];
  try {
    const dataset = syntheticDataset(ACCOUNTS * PER_ACCOUNT);
    const seedStarted = performance.now();
    const { channelsOf, accountOf } = await seed(db, dataset);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const reader = createSandboxChannels(testConfig(SANDBOX), { now: Date.now, dataset });
    const gateway = new SandboxGateway({ qrDelayMs: 0, channels: reader });

    // Every channel's last successful pass (the signal the ingest_oldest_channel_pass gauge reads), over all loops.
    const lastPass = new Map<number, number>();
    let stored = 0;
    /** Channel passes finished by one loop while another one held the account: reads done twice. */
    let overlappingPasses = 0;
    const leaseLatency = { max: 0, count: 0, total: 0 };
    const makeEntry = (i: number): LoopEntry => {
      const metrics = createIngestMetrics(undefined, 'sandbox');
      const passed = metrics.channelPassed.bind(metrics);
      const main = killable(target.handles[i].db);
      const lease = target.leaseHandles[i] === target.handles[i] ? main : killable(timed(target.leaseHandles[i].db, leaseLatency));
      const kill = () => {
        main.kill();
        lease.kill();
      };
      const entry: LoopEntry = { loop: undefined as unknown as IngestLoop, kill, name: `loop-${'ABCD'[i]}`, errors: 0 };
      metrics.channelPassed = (channelId: number) => {
        lastPass.set(channelId, Date.now());
        const account = accountOf.get(channelId);
        if (account && loops.some((other) => other !== entry && other.loop.holds(account))) overlappingPasses++;
        passed(channelId);
      };
      entry.loop = new IngestLoop({
        db: main.db,
        leaseDb: lease.db,
        gateway,
        storage: createLocalStorage(mediaDir),
        log: createLogger({ level: 'error', sink: () => entry.errors++ }),
        tuning,
        holder: `bench-scale-${process.pid}-${i}`,
        decryptSession: async (cipher) => cipher,
        metrics,
        // Media are skipped (no quota): the bench is about reading and balance, not PNG bytes.
        planLimits: (plan) => ({ ...planLimits(plan), mediaMaxBytes: 0, mediaBytesStored: 0 }),
        afterBatch: async (ids) => {
          stored += ids.length;
        },
      });
      return entry;
    };
    for (let i = 0; i < LOOPS; i++) loops.push(makeEntry(i));

    const { renewEveryMs, livenessMs } = leaseTimings(tuning.leaseMs, tuning.pollMs);
    console.log(`  database: ${target.label}`);
    console.log(`  world: ${ACCOUNTS} sandbox accounts × ${PER_ACCOUNT} channels = ${accountOf.size} channels (today's sandbox: 1 account, ~24 channels), seeded in ${seedSeconds.toFixed(1)} s`);
    console.log(`  ${LOOPS} loops on one database; lease ${tuning.leaseMs} ms (renewed every ${renewEveryMs} ms, heartbeat ${livenessMs} ms), poll ${tuning.pollMs} ms, pacing ${tuning.pacingMs} ms/call; sandbox ${SANDBOX.SANDBOX_START_AT} at ×${SANDBOX.SANDBOX_SPEED}`);
    console.log(`  kill after ${KILL_AFTER_MS / 1000} s, a fourth loop joins later; backfill ≤${tuning.backfillMaxPosts} posts/channel, media skipped`);

    const lag = monitorEventLoopDelay({ resolution: 20 });
    lag.enable();
    const t0 = Date.now();
    let alive: LoopEntry[] = [...loops];
    /** The most loops that held one account at the same moment (every 100 ms, dead loops included), over the run and since the last sample. */
    const holders = { max: 0, window: 0, samples: 0 };
    const watch = () => {
      const count = new Map<string, number>();
      for (const { loop } of loops) for (const id of loop.heldAccounts()) count.set(id, (count.get(id) ?? 0) + 1);
      const most = Math.max(0, ...count.values());
      holders.max = Math.max(holders.max, most);
      holders.window = Math.max(holders.window, most);
      holders.samples++;
      return count.size;
    };
    /** Every live loop within `slack` of an even split, and every account held. */
    const balanced = (slack: number) => {
      const counts = alive.map((l) => l.loop.heldAccounts().length);
      const even = ACCOUNTS / alive.length;
      return counts.reduce((a, b) => a + b, 0) === ACCOUNTS && watch() === ACCOUNTS && counts.every((n) => Math.abs(n - even) <= slack);
    };

    let lastSample = { at: t0, stored: 0 };
    const oldestPass = (now: number, among?: number[]) => {
      let worst = 0;
      let never = 0;
      for (const id of among ?? accountOf.keys()) {
        const at = lastPass.get(id);
        if (at === undefined) never++;
        worst = Math.max(worst, now - (at ?? t0));
      }
      return { worst, never };
    };
    const sample = () => {
      const now = Date.now();
      const shares = loops.map((l) => `${l.name} ${alive.includes(l) ? String(l.loop.heldAccounts().length).padStart(3) : '  ✕'}`).join('  ');
      const distinct = watch();
      const rate = ((stored - lastSample.stored) / ((now - lastSample.at) / 1000)).toFixed(0);
      const { worst, never } = oldestPass(now);
      lastSample = { at: now, stored };
      console.log(
        `  t=${String(Math.round((now - t0) / 1000)).padStart(3)} s  ${shares}  (share ${Math.ceil(ACCOUNTS / alive.length)}) | held ${distinct}/${ACCOUNTS}, max holders ${holders.window}  ${rate.padStart(5)} posts/s  (${stored} stored)  oldest pass ${(worst / 1000).toFixed(1)} s${never ? ` (${never} never passed)` : ''}  event-loop delay max ${(lag.max / 1e6).toFixed(0)} ms`,
      );
      lag.reset();
      holders.window = 0;
    };
    /** Runs for `ms` (or until `done`), watching every 100 ms and printing a line every SAMPLE_MS. */
    const phase = async (ms: number, tick: (now: number) => boolean | void) => {
      const from = Date.now();
      while (Date.now() - from < ms) {
        await pause(100);
        const now = Date.now();
        watch();
        if (firstFullPass === undefined && lastPass.size === accountOf.size) firstFullPass = now;
        const done = tick(now);
        if (now - lastSample.at >= SAMPLE_MS) sample();
        if (done) break;
      }
    };
    let firstFullPass: number | undefined;

    // Phase 1: all three start together.
    for (const { loop } of loops) loop.start();
    let allHeldAt: number | undefined;
    let balancedAt: number | undefined;
    await phase(KILL_AFTER_MS, (now) => {
      if (allHeldAt === undefined && watch() === ACCOUNTS) allHeldAt = now;
      if (balancedAt === undefined && balanced(2)) balancedAt = now;
    });
    if (Date.now() - lastSample.at > 1_000) sample();
    const startRate = stored / ((Date.now() - t0) / 1000);

    // Phase 2: one loop dies without a goodbye.
    const victim = loops[LOOPS - 1];
    alive = loops.slice(0, LOOPS - 1);
    const orphans = victim.loop.heldAccounts();
    const orphanChannels = orphans.flatMap((a) => channelsOf.get(a) ?? []);
    const killedAt = Date.now();
    victim.kill();
    console.log(`  -- t=${Math.round((killedAt - t0) / 1000)} s: ${victim.name} killed (holding ${orphans.length} accounts, ${orphanChannels.length} channels; leases neither renewed nor released)`);
    let victimIdleAt: number | undefined;
    let firstOrphanAt: number | undefined;
    let allOrphansAt: number | undefined;
    let orphansReadAt: number | undefined;
    /** The orphaned channels passed at least once before the kill: how long until a survivor passes each again. */
    const orphansPassed = orphanChannels.filter((id) => lastPass.has(id));
    let orphansPassedAgainAt: number | undefined;
    let rebalancedAt: number | undefined;
    const killStored = stored;
    await phase(AFTER_KILL_MAX_MS, (now) => {
      const heldNow = new Set(alive.flatMap((l) => l.loop.heldAccounts()));
      const heldOrphans = orphans.filter((a) => heldNow.has(a)).length;
      if (victimIdleAt === undefined && victim.loop.heldAccounts().length === 0) victimIdleAt = now;
      if (firstOrphanAt === undefined && heldOrphans > 0) firstOrphanAt = now;
      if (allOrphansAt === undefined && heldOrphans === orphans.length) allOrphansAt = now;
      if (rebalancedAt === undefined && balanced(2)) rebalancedAt = now;
      if (orphansPassedAgainAt === undefined && orphansPassed.every((id) => (lastPass.get(id) ?? 0) > killedAt)) orphansPassedAgainAt = now;
      if (orphansReadAt === undefined && orphanChannels.every((id) => (lastPass.get(id) ?? 0) > killedAt)) orphansReadAt = now;
      // Long enough for the victim's heartbeat to run out and the takeover to settle.
      return allOrphansAt !== undefined && rebalancedAt !== undefined && now - killedAt >= 3 * livenessMs;
    });
    if (Date.now() - lastSample.at > 1_000) sample();
    const killRate = (stored - killStored) / ((Date.now() - killedAt) / 1000);

    // Phase 3: a fourth loop joins.
    const joiner = makeEntry(LOOPS);
    loops.push(joiner);
    alive = [...alive, joiner];
    const joinedAt = Date.now();
    joiner.loop.start();
    console.log(`  -- t=${Math.round((joinedAt - t0) / 1000)} s: ${joiner.name} joins (share ceil(${ACCOUNTS}/${alive.length}) = ${Math.ceil(ACCOUNTS / alive.length)})`);
    const joinerShare = Math.floor(ACCOUNTS / alive.length) - 1;
    let joinerShareAt: number | undefined;
    let joinBalancedAt: number | undefined;
    const joinStored = stored;
    await phase(JOIN_MS, (now) => {
      if (joinerShareAt === undefined && joiner.loop.heldAccounts().length >= joinerShare) joinerShareAt = now;
      if (joinBalancedAt === undefined && balanced(2)) joinBalancedAt = now;
    });
    if (Date.now() - lastSample.at > 1_000) sample();
    const end = Date.now();
    const joinRate = (stored - joinStored) / ((end - joinedAt) / 1000);
    // Read before stopping: a stopped loop has released its leases.
    const finalShares = alive.map((l) => `${l.name} ${l.loop.heldAccounts().length}`).join(', ');

    for (const { loop } of alive) await loop.stop();
    await victim.loop.stop().catch(() => undefined);
    const counted = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from messages`);

    console.log('  --');
    console.log(`  max simultaneous holders of one account: ${holders.max} (${holders.samples} checks every 100 ms, the killed loop included); channel passes finished while another loop held the account: ${overlappingPasses}`);
    if (leaseLatency.count) console.log(`  statements of the lease rounds (renew, take, release, balance reads) on their own pools: ${leaseLatency.count}, ${(leaseLatency.total / leaseLatency.count).toFixed(1)} ms on average, ${leaseLatency.max.toFixed(0)} ms at most`);
    console.log(`  start: all ${ACCOUNTS} held ${secs(allHeldAt, t0)}, every loop within ±2 of its share ${secs(balancedAt, t0)}`);
    console.log(`  after the kill (lease ${tuning.leaseMs} ms): the killed loop stopped reading ${secs(victimIdleAt, killedAt)}; first orphan leased by a survivor ${secs(firstOrphanAt, killedAt)}, all ${orphans.length} ${secs(allOrphansAt, killedAt)}; survivors within ±2 of their share ${secs(rebalancedAt, killedAt)}; the ${orphansPassed.length} orphaned channels passed before the kill all passed again ${secs(orphansPassedAgainAt, killedAt)}, all ${orphanChannels.length} ${secs(orphansReadAt, killedAt)}`);
    console.log(`  after the join: ${joiner.name} holds ≥ ${joinerShare} ${secs(joinerShareAt, joinedAt)}, every loop within ±2 ${secs(joinBalancedAt, joinedAt)}`);
    console.log(`  first pass over all ${accountOf.size} channels done at ${secs(firstFullPass, t0)}; oldest channel pass at the end ${(oldestPass(end).worst / 1000).toFixed(1)} s`);
    console.log(`  posts stored: ${counted[0].n} in the database (${stored} counted by the loops), ${(stored / ((end - t0) / 1000)).toFixed(0)} posts/s over the run (${startRate.toFixed(0)} with three loops, ${killRate.toFixed(0)} after the kill, ${joinRate.toFixed(0)} after the join)`);
    console.log(`  final shares: ${finalShares} (ceil(${ACCOUNTS}/${alive.length}) = ${Math.ceil(ACCOUNTS / alive.length)}); logged errors: ${alive.map((l) => `${l.name} ${l.errors}`).join(', ')}, ${victim.name} ${victim.errors} (after its kill)`);
    console.log(`  memory: rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
  } finally {
    await target.close();
    rmSync(mediaDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runIngestScaleBench();
  process.exit(0);
}
