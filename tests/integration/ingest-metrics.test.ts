// The ingest service's Prometheus metrics move with what the loop does: posts ingested equal the
// rows stored, a FLOOD_WAIT counts once with its seconds, a private channel counts under its
// reason; and the ingest container's /metrics renders them as valid exposition text.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/log';
import { queryRows } from '../../db/rows';
import { TelegramFailure, type TelegramGateway, type TelegramSession } from '../../ingest-container/gateway/port';
import { createIngestHttpApp } from '../../ingest-container/http';
import { createIngestMetrics, type IngestMetrics } from '../../ingest-container/metrics';
import { TopicJob } from '../../ingest-container/topics/topic-job';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { follow, makeLoop, manualClock, sandboxReader, seedAccount, storedIds } from './ingest-fixtures';

let database: TestDatabase;
let metrics: IngestMetrics;
const channelIds: Record<string, number> = {};
let leasedWhileRunning = 0;

/** The sandbox, except that one session is told to wait and one channel is private. */
function faultyGateway(clock: { now(): number }, floodedSession: string, privateTgChannelId: number): TelegramGateway {
  const reader = sandboxReader(clock);
  return {
    kind: 'sandbox',
    loginWithQr: () => Promise.reject(new Error('not used')),
    async connect(session: string): Promise<TelegramSession> {
      const guard = <T>(handle: { tgChannelId?: number } | null, run: () => Promise<T>) => {
        if (session === floodedSession) return Promise.reject(new TelegramFailure('FLOOD_WAIT', 'FLOOD_WAIT_42', 42));
        if (handle?.tgChannelId === privateTgChannelId) return Promise.reject(new TelegramFailure('CHANNEL_PRIVATE', 'CHANNEL_PRIVATE'));
        return run();
      };
      return {
        getMe: () => Promise.reject(new Error('not used')),
        resolveChannel: (ref) => guard(null, () => reader.resolveChannel(ref)),
        readHistory: (handle, ...rest) => guard(handle, () => reader.readHistory(handle, ...rest)),
        readLatest: (handle, limit) => guard(handle, () => reader.readLatest(handle, limit)),
        downloadMedia: (handle, ...rest) => guard(handle, () => reader.downloadMedia(handle, ...rest)),
        logOut: async () => undefined,
        disconnect: async () => undefined,
      };
    },
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const clock = manualClock();
  const flooded = await seedAccount(db, 'metrics-flood');
  const reader = await seedAccount(db, 'metrics-reader');
  channelIds.flooded = (await follow(db, flooded.user.id, flooded.account.id, 'tproger')).id;
  channelIds.read = (await follow(db, reader.user.id, reader.account.id, 'habr_com')).id;
  const lost = await follow(db, reader.user.id, reader.account.id, 'ru2ch');
  channelIds.lost = lost.id;

  metrics = createIngestMetrics(undefined, 'sandbox');
  const log = createLogger({ level: 'error', sink: () => undefined });
  const topics = new TopicJob({ db, log, clock: 'data', metrics });
  const { loop } = makeLoop(db, faultyGateway(clock, flooded.account.sessionCipher!, lost.tgChannelId!), clock, {
    metrics,
    afterBatch: (ids) => topics.onMessagesIngested(ids),
  });
  await loop.runOnce();
  await loop.runOnce(); // the flooded account is waiting: not called again
  leasedWhileRunning = metrics.accountsLeased.get();
  await loop.stop();
  await topics.idle();
}, 60_000);

afterAll(async () => {
  await database.drop();
});

describe('ingest metrics', () => {
  it('counts posts ingested as the rows stored, and the batches that stored them', async () => {
    const [{ n }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from messages`);
    expect(n).toBeGreaterThan(0);
    expect(metrics.postsIngested.get({ gateway: 'sandbox' })).toBe(n);
    expect((await storedIds(database.db, channelIds.read)).length).toBe(n);
    expect(metrics.batchesCommitted.get({ gateway: 'sandbox' })).toBeGreaterThanOrEqual(Math.ceil(n / 100));
    expect(metrics.telegramCalls.get({ method: 'readLatest', outcome: 'ok' })).toBeGreaterThan(0);
    expect(metrics.topicBatchDuration.count()).toBeGreaterThan(0);
  });

  it('counts a FLOOD_WAIT once with the seconds Telegram asked for, and the account as flood_wait', () => {
    expect(metrics.floodWaits.get()).toBe(1);
    expect(metrics.floodWaitSeconds.get()).toBe(42);
    expect(metrics.telegramCalls.get({ method: 'resolveChannel', outcome: 'FLOOD_WAIT' })).toBe(1);
    expect(metrics.accountFailures.get({ reason: 'FLOOD_WAIT' })).toBe(1);
    expect(metrics.accounts.get({ status: 'flood_wait' })).toBe(1);
    expect(metrics.accounts.get({ status: 'active' })).toBe(1);
    expect(metrics.accounts.get({ status: 'needs_relogin' })).toBe(0);
    expect(leasedWhileRunning).toBe(2);
    expect(metrics.accountsLeased.get()).toBe(0); // stop() released both leases
  });

  it('counts a private channel under its reason while the other channel is read', () => {
    expect(metrics.channelFailures.get({ reason: 'CHANNEL_PRIVATE' })).toBe(1);
    expect(metrics.channelFailures.get({ reason: 'TRANSIENT' })).toBe(0);
  });

  it("renders the ingest container's /metrics as valid Prometheus text with these series", async () => {
    const ingest = { gateway: { kind: 'sandbox' } as TelegramGateway, metrics, fetch: async () => new Response(null, { status: 404 }), stop: async () => undefined };
    const app = createIngestHttpApp({ ingest, database: { ping: async () => undefined }, log: createLogger({ sink: () => undefined }) });
    const response = await app.request('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await response.text();
    const families = parseExposition(text);
    expect(families.get('ingest_up')).toBe('gauge');
    expect(families.get('ingest_posts_ingested_total')).toBe('counter');
    expect(families.get('ingest_channel_pass_interval_seconds')).toBe('histogram');
    expect(text).toContain(`ingest_posts_ingested_total{gateway="sandbox"} ${metrics.postsIngested.get({ gateway: 'sandbox' })}`);
    expect(text).toContain('ingest_flood_waits_total 1');
    expect(text).toContain('ingest_flood_wait_seconds_total 42');
    expect(text).toContain('ingest_channel_failures_total{reason="CHANNEL_PRIVATE"} 1');
    expect(text).toContain('ingest_telegram_calls_total{method="resolveChannel",outcome="FLOOD_WAIT"} 1');
    expect(text).toMatch(/^ingest_accounts\{status="active"\} \d+$/m);
    expect(text).toMatch(/^ingest_topic_batch_duration_seconds_bucket\{le="\+Inf"\} [1-9]\d*$/m);
  });
});

/**
 * Checks text format 0.0.4 line by line: every sample belongs to a family declared once by
 * # TYPE before it, names and labels are well formed, values are numbers. Returns family → type.
 */
function parseExposition(text: string): Map<string, string> {
  const types = new Map<string, string>();
  const name = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const sampleLine = new RegExp(`^(${name})(\\{(${name}="(?:[^"\\\\\\n]|\\\\.)*")(,${name}="(?:[^"\\\\\\n]|\\\\.)*")*\\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$`);
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = line.match(new RegExp(`^# TYPE (${name}) (counter|gauge|histogram|summary|untyped)$`));
    if (type) {
      expect(types.has(type[1]), `family ${type[1]} declared twice`).toBe(false);
      types.set(type[1], type[2]);
      continue;
    }
    if (line.startsWith('# HELP ')) continue;
    const sample = line.match(sampleLine);
    expect(sample, `not a sample line: ${line}`).not.toBeNull();
    const metric = sample![1];
    const family = types.has(metric) ? metric : metric.replace(/_(bucket|sum|count)$/, '');
    expect(types.has(family), `sample before its # TYPE: ${line}`).toBe(true);
    expect(Number.isNaN(Number(sample![5])) && sample![5] !== 'NaN').toBe(false);
  }
  return types;
}
