// Ingest write throughput: normalise + upsert (the loop's path: batches of 100, cursor advanced in
// the same transaction) in messages/s, beside PostgreSQL COPY of the same rows and a naive
// row-at-a-time insert, in the same run (ingest and COPY alternate for BENCH_INGEST_ROUNDS rounds,
// 5: medians, and each round's ratio). Real PostgreSQL when DATABASE_URL is set, PGlite otherwise.
//   npx tsx tests/bench/ingest.ts            DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx tests/bench/ingest.ts
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { createLogger } from '../../core/log';
import { normaliseBatch, type NormalisedPost } from '../../core/messages';
import { migratePglite, prepareDatabase } from '../../db/migrate';
import { channels, messages, tgAccounts, users } from '../../db/schema';
import type { DatabaseHandle, Db } from '../../db/types';
import { loadDataset } from '../../ingest-container/gateway/sandbox/dataset';
import { toApiMessage } from '../../ingest-container/gateway/sandbox/messages';
import { commitBatch } from '../../db/queries/messages';
import { adminQuery, databaseUrlFor } from '../helpers/pg-admin';

const TOTAL = Number(process.env.BENCH_INGEST_MESSAGES ?? 10_000);
const BATCH = 100;
const NAIVE_SAMPLE = Math.min(TOTAL, 2_000);
const ROUNDS = Number(process.env.BENCH_INGEST_ROUNDS ?? 5);
const log = createLogger({ level: 'warn' });

interface Target {
  handle: DatabaseHandle;
  label: string;
  copy(csv: string): Promise<void>;
  close(): Promise<void>;
}

async function openTarget(): Promise<Target> {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const name = `tgs_bench_${process.pid}`;
    await adminQuery(baseUrl, `drop database if exists "${name}"`);
    await adminQuery(baseUrl, `create database "${name}"`);
    const url = databaseUrlFor(baseUrl, name);
    const handle = await prepareDatabase({ url, log, waitTimeoutMs: 10_000 });
    return {
      handle,
      label: 'PostgreSQL',
      copy: async (csv) => {
        const run = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy messages (${COPY_COLUMNS.join(', ')}) from stdin with (format csv)`], { input: csv, encoding: 'utf8' });
        if (run.status !== 0) throw new Error(`psql \\copy failed: ${run.stderr}`);
      },
      close: async () => {
        await handle.close();
        await adminQuery(baseUrl, `drop database if exists "${name}" with (force)`);
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const schema = await import('../../db/schema');
  const client = await PGlite.create('memory://');
  const db = drizzle(client, { schema }) as unknown as Db;
  const handle: DatabaseHandle = { db, driver: 'pglite', ping: async () => undefined, close: () => client.close() };
  await migratePglite(handle, log);
  return {
    handle,
    label: 'PGlite (in memory; set DATABASE_URL for PostgreSQL)',
    copy: async (csv) => {
      await client.query(`copy messages (${COPY_COLUMNS.join(', ')}) from '/dev/blob' with (format csv)`, [], { blob: new Blob([csv]) });
    },
    close: () => handle.close(),
  };
}

const COPY_COLUMNS = ['channel_id', 'msg_id', 'date', 'edit_date', 'text', 'author', 'views', 'forwards', 'comments', 'reactions', 'reactions_total', 'lang', 'type', 'hashtags', 'links', 'media_present'];

const csvField = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `"${text.replace(/"/g, '""')}"`;
};
const pgArray = (items: string[]) => `{${items.map((i) => `"${i.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

function toCsv(rows: { channelId: number; post: NormalisedPost }[]): string {
  return rows
    .map(({ channelId, post: p }) =>
      [channelId, p.msgId, p.date.toISOString(), p.editDate?.toISOString() ?? null, p.text, p.author, p.views, p.forwards, p.comments, p.reactions, p.reactions.total, p.lang, p.type, pgArray(p.hashtags), pgArray(p.links), p.mediaPresent]
        .map((v, i) => (i === 13 || i === 14 ? csvField(v) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : csvField(v)))
        .join(','),
    )
    .join('\n');
}

async function reset(db: Db) {
  await db.execute(sql`truncate messages, account_channel_state cascade`);
}

export async function runIngestBench(): Promise<void> {
  const dataset = loadDataset();
  const target = await openTarget();
  const db = target.handle.db;
  try {
    const [user] = await db.insert(users).values({ tgId: 1, username: 'bench' }).returning();
    const [account] = await db.insert(tgAccounts).values({ userId: user.id, tgUserId: 1, sessionCipher: 'bench' }).returning();
    // Raw messages (real gramjs Api.Message objects), channel by channel, in id order.
    const raw: { channelId: number; messages: ReturnType<typeof toApiMessage>[] }[] = [];
    let count = 0;
    for (const source of dataset.channels) {
      if (count >= TOTAL) break;
      const [row] = await db.insert(channels).values({ tgChannelId: source.tgChannelId, title: source.title, username: source.username }).returning();
      const posts = source.posts().slice(0, TOTAL - count);
      const now = posts.at(-1)!.date + 86_400_000;
      raw.push({ channelId: row.id, messages: posts.map((p) => toApiMessage(source.tgChannelId, p, now)) });
      count += posts.length;
    }

    // Normalisation alone, and the rows COPY and the naive insert write.
    let started = performance.now();
    const normalised = raw.flatMap(({ channelId, messages: list }) => normaliseBatch(list).map((post) => ({ channelId, post })));
    const normaliseSeconds = (performance.now() - started) / 1000;
    const csv = toCsv(normalised);

    // 1. The ingest path (normalise + upsert + cursor, one transaction per batch of 100) and 2. COPY
    // of the same rows into an empty table, side by side in rounds: each figure is its median, and
    // the ratio the median of the rounds' (a busy moment moves one round, not the figure).
    const ingestRuns: number[] = [];
    const copyRuns: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await reset(db);
      started = performance.now();
      for (const { channelId, messages: list } of raw) {
        for (let i = 0; i < list.length; i += BATCH) {
          const page = list.slice(i, i + BATCH);
          const posts = normaliseBatch(page).map((post) => ({ post, media: [] }));
          await commitBatch(db, { accountId: account.id, channelId, posts, lastMsgId: page.at(-1)!.id });
        }
      }
      ingestRuns.push((performance.now() - started) / 1000);
      await reset(db);
      started = performance.now();
      await target.copy(csv);
      copyRuns.push((performance.now() - started) / 1000);
      const counted = (await db.execute(sql`select count(*)::int as n from messages`)) as unknown as { rows: { n: number }[] };
      if (counted.rows[0].n !== normalised.length) throw new Error(`COPY wrote ${counted.rows[0].n} rows, expected ${normalised.length}`);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const ingestSeconds = median(ingestRuns);
    const copySeconds = median(copyRuns);
    const ratios = ingestRuns.map((seconds, i) => copyRuns[i] / seconds);

    // 3. Naive: one INSERT per row, each its own transaction (a sample; the rate is what matters).
    await reset(db);
    started = performance.now();
    for (const { channelId, post: p } of normalised.slice(0, NAIVE_SAMPLE)) {
      await db.insert(messages).values({ channelId, msgId: p.msgId, date: p.date, editDate: p.editDate, text: p.text, author: p.author, views: p.views, forwards: p.forwards, comments: p.comments, reactions: p.reactions, reactionsTotal: p.reactions.total, lang: p.lang, type: p.type, hashtags: p.hashtags, links: p.links, mediaPresent: p.mediaPresent });
    }
    const naiveSeconds = (performance.now() - started) / 1000;

    const rate = (n: number, s: number) => Math.round(n / s);
    const ingestRate = rate(normalised.length, ingestSeconds);
    const copyRate = rate(normalised.length, copySeconds);
    const naiveRate = rate(NAIVE_SAMPLE, naiveSeconds);
    console.log(`  database: ${target.label}; ${normalised.length} real posts from ${raw.length} channels`);
    console.log(`  normalise only:                         ${rate(normalised.length, normaliseSeconds).toLocaleString('en')} msg/s`);
    console.log(`  normalise + upsert (batches of ${BATCH}, tx): ${ingestRate.toLocaleString('en')} msg/s (median)`);
    console.log(`  COPY of the same rows:                  ${copyRate.toLocaleString('en')} msg/s (median)`);
    console.log(`  naive row-at-a-time insert (${NAIVE_SAMPLE}):     ${naiveRate.toLocaleString('en')} msg/s`);
    console.log(`  ingest / COPY = ${median(ratios).toFixed(2)} (median of ${ROUNDS} rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')})   ingest / naive = ${(ingestRate / naiveRate).toFixed(1)}×`);
  } finally {
    await target.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runIngestBench();
  process.exit(0);
}
