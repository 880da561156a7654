// Ingest at 100× today's sandbox: synthetic sandbox accounts and channels (the bundled public
// channels cloned under new ids and usernames), three IngestLoop instances (distinct holders) on
// one database with short lease and poll settings. Every 5 s it prints each loop's share of the
// accounts, posts/s stored and the oldest channel pass; then one loop is killed abruptly (its
// database calls start failing, so it neither renews nor releases its leases and reads nothing)
// and it prints how the shares move and how long until the killed loop's accounts are read again.
// Real PostgreSQL when DATABASE_URL is set (each loop its own pool, as three processes), PGlite otherwise.
//   npx tsx tests/bench/ingest-scale.ts
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx tests/bench/ingest-scale.ts
// Knobs: BENCH_SCALE_ACCOUNTS (100), BENCH_SCALE_CHANNELS_PER_ACCOUNT (24), BENCH_SCALE_KILL_AFTER_S (30).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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
import { createIngestMetrics } from '../../ingest-container/metrics';
import { createLocalStorage } from '../../storage/local';
import { testConfig } from '../helpers/context';
import { adminQuery, databaseUrlFor } from '../helpers/pg-admin';

const ACCOUNTS = Number(process.env.BENCH_SCALE_ACCOUNTS ?? 100);
const PER_ACCOUNT = Number(process.env.BENCH_SCALE_CHANNELS_PER_ACCOUNT ?? 24);
const KILL_AFTER_MS = Number(process.env.BENCH_SCALE_KILL_AFTER_S ?? 30) * 1000;
/** After the kill: at most this long, or until the orphans are read again and a further 5 s. */
const AFTER_KILL_MAX_MS = 40_000;
const SAMPLE_MS = 5_000;
const LOOPS = 3;
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
  label: string;
  close(): Promise<void>;
}

/** One database; on PostgreSQL a pool per loop (three processes), on PGlite one shared handle. */
async function openTarget(): Promise<Target> {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const name = `tgs_bench_scale_${process.pid}`;
    await adminQuery(baseUrl, `drop database if exists "${name}"`);
    await adminQuery(baseUrl, `create database "${name}"`);
    const url = databaseUrlFor(baseUrl, name);
    const first = await prepareDatabase({ url, log: quiet, waitTimeoutMs: 10_000 });
    const handles = [first, ...(await Promise.all(Array.from({ length: LOOPS - 1 }, () => openDatabase({ url }))))];
    return {
      handles,
      label: `PostgreSQL (a pool of 10 per loop)`,
      close: async () => {
        for (const handle of handles) await handle.close();
        await adminQuery(baseUrl, `drop database if exists "${name}" with (force)`);
      },
    };
  }
  const handle = await openDatabase({ pgliteDir: 'memory://' });
  await migratePglite(handle, quiet);
  return { handles: Array.from({ length: LOOPS }, () => handle), label: 'PGlite (in memory, shared by the loops; set DATABASE_URL for PostgreSQL)', close: () => handle.close() };
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

export async function runIngestScaleBench(): Promise<void> {
  const target = await openTarget();
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'tgs-scale-media-'));
  const db = target.handles[0].db;
  const loops: { loop: IngestLoop; kill(): void; name: string; errors: number }[] = [];
  try {
    const dataset = syntheticDataset(ACCOUNTS * PER_ACCOUNT);
    let started = performance.now();
    const { channelsOf, accountOf } = await seed(db, dataset);
    const seedSeconds = (performance.now() - started) / 1000;
    const reader = createSandboxChannels(testConfig(SANDBOX), { now: Date.now, dataset });
    const gateway = new SandboxGateway({ qrDelayMs: 0, channels: reader });

    // Every channel's last successful pass (the signal the ingest_oldest_channel_pass gauge reads), over all loops.
    const lastPass = new Map<number, number>();
    let stored = 0;
    for (let i = 0; i < LOOPS; i++) {
      const metrics = createIngestMetrics(undefined, 'sandbox');
      const passed = metrics.channelPassed.bind(metrics);
      metrics.channelPassed = (channelId: number) => {
        lastPass.set(channelId, Date.now());
        passed(channelId);
      };
      const { db: loopDb, kill } = killable(target.handles[i].db);
      const entry = { loop: undefined as unknown as IngestLoop, kill, name: `loop-${'ABC'[i]}`, errors: 0 };
      entry.loop = new IngestLoop({
        db: loopDb,
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
      loops.push(entry);
    }

    console.log(`  database: ${target.label}`);
    console.log(`  world: ${ACCOUNTS} sandbox accounts × ${PER_ACCOUNT} channels = ${accountOf.size} channels (today's sandbox: 1 account, ~24 channels), seeded in ${seedSeconds.toFixed(1)} s`);
    console.log(`  ${LOOPS} loops on one database; lease ${tuning.leaseMs} ms, poll ${tuning.pollMs} ms, pacing ${tuning.pacingMs} ms/call; sandbox ${SANDBOX.SANDBOX_START_AT} at ×${SANDBOX.SANDBOX_SPEED}`);
    console.log(`  kill after ${KILL_AFTER_MS / 1000} s; backfill ≤${tuning.backfillMaxPosts} posts/channel, media skipped`);

    const t0 = Date.now();
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
    const sample = (alive: typeof loops) => {
      const now = Date.now();
      const shares = loops.map((l) => `${l.name} ${alive.includes(l) ? String(l.loop.heldAccounts().length).padStart(3) : '  ✕'}`).join('  ');
      const all = alive.flatMap((l) => l.loop.heldAccounts());
      const distinct = new Set(all).size;
      const held = `held ${distinct}/${ACCOUNTS}${all.length > distinct ? ` (${all.length - distinct} held by two loops at once)` : ''}`;
      const rate = ((stored - lastSample.stored) / ((now - lastSample.at) / 1000)).toFixed(0);
      const { worst, never } = oldestPass(now);
      lastSample = { at: now, stored };
      console.log(
        `  t=${String(Math.round((now - t0) / 1000)).padStart(3)} s  ${shares}  | ${held}  ${rate.padStart(5)} posts/s  (${stored} stored)  oldest channel pass ${(worst / 1000).toFixed(1)} s${never ? ` (${never} never passed)` : ''}`,
      );
    };

    for (const { loop } of loops) loop.start();
    // Phase 1: all three run.
    const firstFullPass: { at?: number } = {};
    while (Date.now() - t0 < KILL_AFTER_MS) {
      const next = Math.min(lastSample.at + SAMPLE_MS, t0 + KILL_AFTER_MS);
      while (Date.now() < next) {
        await pause(100);
        if (firstFullPass.at === undefined && lastPass.size === accountOf.size) firstFullPass.at = Date.now();
      }
      sample(loops);
    }
    const steadyStored = { at: 0, stored: 0 };

    // Phase 2: one loop dies without a goodbye.
    const victim = loops[LOOPS - 1];
    const survivors = loops.slice(0, LOOPS - 1);
    const orphans = victim.loop.heldAccounts();
    const orphanChannels = orphans.flatMap((a) => channelsOf.get(a) ?? []);
    const killedAt = Date.now();
    victim.kill();
    console.log(`  -- t=${Math.round((killedAt - t0) / 1000)} s: ${victim.name} killed (holding ${orphans.length} accounts, ${orphanChannels.length} channels; leases neither renewed nor released)`);
    let allHeldAt: number | undefined;
    let allReadAt: number | undefined;
    let firstHeldAt: number | undefined;
    let worstOrphanGap = 0;
    lastSample = { at: killedAt, stored };
    steadyStored.at = killedAt;
    steadyStored.stored = stored;
    while (Date.now() - killedAt < AFTER_KILL_MAX_MS) {
      await pause(100);
      const now = Date.now();
      const heldNow = new Set(survivors.flatMap((l) => l.loop.heldAccounts()));
      const heldOrphans = orphans.filter((a) => heldNow.has(a)).length;
      if (firstHeldAt === undefined && heldOrphans > 0) firstHeldAt = now;
      if (allHeldAt === undefined && heldOrphans === orphans.length) allHeldAt = now;
      if (allReadAt === undefined && orphanChannels.every((id) => (lastPass.get(id) ?? 0) > killedAt)) {
        allReadAt = now;
        worstOrphanGap = oldestPass(killedAt, orphanChannels).worst + (now - killedAt);
      }
      if (now - lastSample.at >= SAMPLE_MS) sample(survivors);
      if (allReadAt !== undefined && now - allReadAt >= 5_000 && now - lastSample.at < 150) break;
    }
    if (Date.now() - lastSample.at > 1_000) sample(survivors);
    const end = Date.now();
    const afterRate = (stored - steadyStored.stored) / ((end - steadyStored.at) / 1000);

    for (const { loop } of survivors) await loop.stop();
    await victim.loop.stop().catch(() => undefined);
    const counted = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from messages`);
    const secs = (at: number | undefined, from: number) => (at === undefined ? 'not within the run' : `${((at - from) / 1000).toFixed(1)} s`);

    console.log('  --');
    console.log(`  first pass over all ${accountOf.size} channels done at ${secs(firstFullPass.at, t0)}`);
    console.log(`  posts stored: ${counted[0].n} in the database (${stored} counted by the loops), ${(stored / ((end - t0) / 1000)).toFixed(0)} posts/s over the run, ${afterRate.toFixed(0)} posts/s after the kill`);
    console.log(`  after the kill (lease ${tuning.leaseMs} ms): first orphan leased by a survivor ${secs(firstHeldAt, killedAt)}, all ${orphans.length} ${secs(allHeldAt, killedAt)}; every orphaned channel read again ${secs(allReadAt, killedAt)} (their worst gap between passes ${(worstOrphanGap / 1000).toFixed(1)} s)`);
    console.log(`  final shares: ${survivors.map((l) => `${l.name} ${l.loop.heldAccounts().length}`).join(', ')} (ceil(${ACCOUNTS}/2) = ${Math.ceil(ACCOUNTS / 2)}); logged errors: ${survivors.map((l) => `${l.name} ${l.errors}`).join(', ')}, ${victim.name} ${victim.errors} (after its kill)`);
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
