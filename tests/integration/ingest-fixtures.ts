// Shared set-up for the ingest tests: a sandbox world on a controllable clock, accounts and
// subscriptions written straight to the database, and loops with fast tuning.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createLogger } from '../../core/log';
import { queryRows } from '../../db/rows';
import { channels, subscriptions, tgAccounts, users } from '../../db/schema';
import type { Db } from '../../db/types';
import type { TelegramGateway } from '../../ingest-container/gateway/port';
import { SandboxGateway } from '../../ingest-container/gateway/sandbox';
import { createSandboxChannels, type SandboxChannelReader } from '../../ingest-container/gateway/sandbox/channels';
import { loadDataset } from '../../ingest-container/gateway/sandbox/dataset';
import { IngestLoop, type IngestTuning } from '../../ingest-container/ingest';
import { createLocalStorage } from '../../storage/local';
import { testConfig } from '../helpers/context';

export const dataset = loadDataset();
export const START_AT = '2024-12-02T06:00:00Z';

/** Real time the tests move by hand; the sandbox runs at 1× on it. */
export function manualClock(start = Date.parse('2030-01-01T00:00:00Z')) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

export function sandboxReader(clock: { now(): number }, overrides: Record<string, string> = {}): SandboxChannelReader {
  return createSandboxChannels(testConfig({ SANDBOX_START_AT: START_AT, SANDBOX_SPEED: '1', ...overrides }), { now: clock.now, dataset });
}

export function sandboxGateway(reader: SandboxChannelReader): SandboxGateway {
  return new SandboxGateway({ qrDelayMs: 0, channels: reader });
}

export const fastTuning: IngestTuning = {
  pollMs: 10,
  pacingMs: 0,
  leaseMs: 1000,
  backfillDays: 1,
  backfillMaxPosts: 300,
  batchSize: 100,
  maxBatchesPerPass: 50,
  refreshEveryMs: 60 * 60_000,
  refreshDepth: 50,
  retryAttempts: 2,
  retryBaseMs: 1,
  maxChannelBackoffMs: 60_000,
};

let seq = 0;

export async function seedAccount(db: Db, label: string) {
  const [user] = await db.insert(users).values({ tgId: 5_000_000 + ++seq + Math.floor(Math.random() * 1e6), username: `${label}${seq}` }).returning();
  const [account] = await db
    .insert(tgAccounts)
    .values({ userId: user.id, tgUserId: 7_000_000_001, sessionCipher: `sandbox-session:v1:7000000001:${label}${seq}`, kver: 1, isSandbox: true })
    .returning();
  return { user, account };
}

/** Follows a sandbox channel the way the subscribe route records it (the reader resolves it on first read). */
export async function follow(db: Db, userId: string, accountId: string, username: string) {
  const source = dataset.byUsername(username)!;
  const [channel] = await db
    .insert(channels)
    .values({ tgChannelId: source.tgChannelId, username: source.username, title: source.title, visibility: 'public', ownerAccountId: accountId })
    .onConflictDoUpdate({ target: channels.tgChannelId, set: { title: source.title } })
    .returning();
  await db.insert(subscriptions).values({ userId, channelId: channel.id }).onConflictDoNothing();
  return channel;
}

export function makeLoop(db: Db, gateway: TelegramGateway, clock: { now(): number }, extra: Partial<ConstructorParameters<typeof IngestLoop>[0]> = {}) {
  const logs: string[] = [];
  const loop = new IngestLoop({
    db,
    gateway,
    storage: createLocalStorage(mkdtempSync(path.join(tmpdir(), 'tgs-media-'))),
    log: createLogger({ level: 'debug', sink: (line) => logs.push(line) }),
    tuning: fastTuning,
    holder: `test-${++seq}`,
    decryptSession: async (cipher) => cipher,
    now: clock.now,
    random: () => 0.5,
    ...extra,
  });
  return { loop, logs };
}

/** Post ids the sandbox has released by `virtualNow` within the backfill window of a first sync at `firstSyncAt`. */
export function expectedIds(username: string, firstSyncAt: number, virtualNow: number, tuning = fastTuning): number[] {
  const posts = dataset.byUsername(username)!.posts();
  const atFirst = posts.filter((p) => p.date <= firstSyncAt);
  const newest = atFirst.at(-1)!;
  const backfill = atFirst.slice(-tuning.backfillMaxPosts).filter((p) => p.date >= newest.date - tuning.backfillDays * 86_400_000);
  const after = posts.filter((p) => p.id > newest.id && p.date <= virtualNow);
  return [...backfill, ...after].map((p) => p.id);
}

export async function storedIds(db: Db, channelId: number): Promise<number[]> {
  const rows = await queryRows<{ msg_id: string | number }>(db, sql`select msg_id from messages where channel_id = ${channelId} order by msg_id`);
  return rows.map((r) => Number(r.msg_id));
}
