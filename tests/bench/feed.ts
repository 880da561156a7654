// Feed and top at scale: a million synthetic posts over a few hundred channels, a reader following
// 50 of them; p50/p99 latency and requests/s of GET /v1/feed and GET /v1/top over real HTTP on
// 127.0.0.1, beside a bare Hono endpoint served the same way in the same run, and two floors that
// bare endpoint sets under the first page (its bytes, compressed; one database read), beside those
// bytes uncompressed (what the client's decoding of the compressed page costs). A repeated feed
// page is answered from the page cache (edge/services/feed-pages.ts); the uncached first page is printed too.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx tests/bench/feed.ts
// Without DATABASE_URL it runs on PGlite in memory with fewer posts (and says so). BENCH_KEEP=1 keeps
// the PostgreSQL database for EXPLAIN, BENCH_DATABASE=<kept name> runs again on it without seeding;
// BENCH_REQUESTS sets the requests per case (400), BENCH_ROUNDS the rounds (3): every round measures
// each case once (bare Hono first), after a short warm-up of its own, and the table shows each
// figure's median over the rounds, with the machine's load average, as a busy machine moves p99 most.
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import { parseConfig } from '../../core/config';
import { createLogger } from '../../core/log';
import { queryRows } from '../../db/rows';
import type { DatabaseHandle } from '../../db/types';
import { issueSessionToken, SESSION_COOKIE } from '../../edge/auth/session-token';
import { startApiServer } from '../../edge/node';
import { openBenchDatabase } from './bench-database';

const CHANNELS = 300;
const FOLLOWED = 50;
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';

interface Figures {
  p50: number;
  p99: number;
  rps: number;
}

type RequestHeaders = Record<string, string> | (() => Promise<Record<string, string>>);

async function load(url: string, headers: RequestHeaders, requests: number, concurrency: number): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < requests) {
      next++;
      const t0 = performance.now();
      const res = await fetch(url, { headers: typeof headers === 'function' ? await headers() : headers });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { p50: at(0.5), p99: at(0.99), rps: latencies.length / seconds };
}

export async function seed(db: DatabaseHandle['db'], posts: number, nowMs: number): Promise<string> {
  const words = `president parliament election war army border economy inflation bank oil gas court police protest
    summit minister sanctions missile drone strike city region storm flood fire earthquake vaccine hospital school
    market stocks crypto football match record science space launch moon climate energy nuclear deal talks`.split(/\s+/).filter(Boolean);
  await db.execute(sql.raw(`
    insert into channels (tg_channel_id, username, title, visibility, participants_count)
    select -1000000000000 - g, 'bench_' || g, 'Bench channel ' || g, 'public', 1000 + g * 37 from generate_series(1, ${CHANNELS}) g`));
  const words_sql = `array[${words.map((w) => `'${w}'`).join(',')}]`;
  // Channels have a language, as real ones do: 80% Russian, 12% English, 8% other; a post is in its
  // channel's language 95% of the time. Posts spread over 7 days, newest at "now"; 12-13 random words
  // (so each word is in ~22% of posts) and, in 1 post of 2,000, the rare word "volcano".
  // Types follow a news channel's mix: text 38%, photo 33%, video 12%, album 7%, webpage 5%,
  // document 2%, animation 1.5%, poll 1%, the rest 0.5%.
  await db.execute(sql.raw(`
    insert into messages (channel_id, msg_id, date, text, views, forwards, comments, reactions_total, lang, type)
    select c.id, g, to_timestamp(${nowMs / 1000} - (g::float8 / ${posts}) * 7 * 86400 - random() * 60),
      (select string_agg((${words_sql})[1 + floor(random() * ${words.length})::int], ' ') from generate_series(1, 12 + (g % 2)) w)
        || case when random() < 0.0005 then ' volcano' else '' end,
      (random() * 20000)::int, (random() * 50)::int, (random() * 20)::int, (random() * 100)::int,
      (case when random() < 0.95 then c.lang
            else (array['ru', 'en', 'other'])[1 + floor(random() * 3)::int] end)::message_lang,
      (case when t.r < 0.38 then 'text' when t.r < 0.71 then 'photo' when t.r < 0.83 then 'video'
            when t.r < 0.90 then 'album' when t.r < 0.95 then 'webpage' when t.r < 0.97 then 'document'
            when t.r < 0.985 then 'animation' when t.r < 0.995 then 'poll' else 'voice' end)::message_type
    from generate_series(1, ${posts}) g
    join (select id, username, case when ((id * 7919) % 100) < 80 then 'ru' when ((id * 7919) % 100) < 92 then 'en' else 'other' end as lang
          from channels) c on c.username = 'bench_' || (1 + g % ${CHANNELS})
    cross join lateral (select random() + g * 0 as r) t`));
  // Word forms: 1 post in 1,000 names "Песков" in one of four cases (search for "пескова" finds all).
  await db.execute(sql.raw(`
    update messages set text = text || ' ' || (array['Песков', 'Пескова', 'Пескову', 'Песковым'])[1 + (id % 4000) / 1000]
    where id % 1000 = 7`));
  // Scores for the last 24 h (the ranking job's output) so /v1/top has something to rank.
  await db.execute(sql.raw(`
    insert into ranking (entity_kind, entity_id, "window", score, components)
    select 'message', id, '24h', random(), jsonb_build_object('popularity', random(), 'trend', random(), 'breadth', 0, 'freshness', random())
    from messages where date >= to_timestamp(${nowMs / 1000}) - interval '24 hours'`));
  await db.execute(sql.raw(`analyze`));
  const [user] = await queryRows<{ id: string }>(db, sql`insert into users (tg_id, username, first_name) values (777000111, 'bench', 'Bench') returning id`);
  await db.execute(sql`insert into subscriptions (user_id, channel_id) select ${user.id}, id from channels order by id limit ${FOLLOWED}`);
  return user.id;
}

/** The seeded mix as measured, so the output shows the data is shaped like real channels. */
async function describeData(db: DatabaseHandle['db'], userId: string): Promise<void> {
  const share = async (column: 'type' | 'lang') => {
    const rows = await queryRows<{ v: string; pct: string }>(db, sql.raw(
      `select ${column}::text as v, round(100.0 * count(*) / sum(count(*)) over (), 1)::text as pct from messages group by 1 order by count(*) desc`));
    return rows.map((r) => `${r.v} ${r.pct}%`).join(', ');
  };
  const [followed] = await queryRows<{ ru: string; en: string; other: string }>(db, sql`
    select count(*) filter (where l = 'ru')::text as ru, count(*) filter (where l = 'en')::text as en, count(*) filter (where l = 'other')::text as other
    from (select mode() within group (order by m.lang::text) as l from subscriptions s join messages m on m.channel_id = s.channel_id
          where s.user_id = ${userId} group by s.channel_id) x`);
  const [rare] = await queryRows<{ common: string; rare: string }>(db, sql`
    select round(100.0 * count(*) filter (where text like '%earthquake%') / count(*), 1)::text as common,
      round(100.0 * count(*) filter (where text like '%volcano%') / count(*), 3)::text as rare from messages`);
  console.log(`  types: ${await share('type')}`);
  console.log(`  languages: ${await share('lang')}; the reader's 50 channels are ${followed.ru} ru, ${followed.en} en, ${followed.other} other`);
  console.log(`  "earthquake" in ${rare.common}% of posts, "volcano" in ${rare.rare}%`);
}

export async function runFeedBench(): Promise<void> {
  const baseUrl = process.env.DATABASE_URL;
  const posts = Number(process.env.BENCH_POSTS ?? (baseUrl ? 1_000_000 : 200_000));
  const log = createLogger({ level: 'warn' });
  // Seeding a million posts (each with its search vector) takes minutes in one statement.
  const bench = await openBenchDatabase('tgs_bench_', { reusable: true, queryTimeoutMs: 30 * 60_000 });
  const { database, reused } = bench;
  if (bench.name) {
    console.log(`  PostgreSQL (database ${bench.name}), ${posts.toLocaleString('en')} posts over ${CHANNELS} channels, reader follows ${FOLLOWED}`);
  } else {
    console.log(`  PGlite in memory (no DATABASE_URL): ${posts.toLocaleString('en')} posts over ${CHANNELS} channels (fewer than a million), reader follows ${FOLLOWED}`);
  }
  const servers: { close(): Promise<void> }[] = [];
  try {
    const nowMs = Date.now();
    const t0 = performance.now();
    const userId = reused
      ? (await queryRows<{ id: string }>(database.db, sql`select id from users where tg_id = 777000111`))[0].id
      : await seed(database.db, posts, nowMs);
    console.log(reused ? `  reused the seeded data (posts dated from its seeding)` : `  seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await describeData(database.db, userId);

    const env = { APP_ENV: 'test', LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1', SECRET_KEY: SECRET, DATABASE_URL: bench.url, REDIS_URL: process.env.REDIS_URL };
    const config = parseConfig(env);
    const api = await startApiServer(config, database, log);
    servers.push(api);
    const apiUrl = `http://127.0.0.1:${(api.server.address() as { port: number }).port}`;
    // The same API where the database's change notifications are not heard (Workers, PGlite, a
    // pooler that cannot LISTEN): every feed page reads its fingerprint.
    const apiReading = await startApiServer(parseConfig({ ...env, FEED_NOTIFICATIONS: 'false' }), database, log);
    servers.push(apiReading);
    const readingUrl = `http://127.0.0.1:${(apiReading.server.address() as { port: number }).port}`;
    const notified = Boolean(api.services.feedChanges);
    if (notified) await api.services.feedChanges!.sync();
    console.log(`  feed fingerprints: ${notified && api.services.feedChanges!.live ? 'known from the database\'s change notifications (LISTEN tgs_feed)' : 'read for every page'}`);
    // Bare Hono, and two floors under the feed's first page: the same page's bytes as the API sends
    // them (compressed; the client decodes them), and one database round trip. Whatever the app does,
    // a first page costs at least both.
    const pageBytes = { body: new Uint8Array(), encoding: 'identity', plain: new Uint8Array() };
    const bare = new Hono()
      .get('/', (c) => c.json({ ok: true }))
      .get('/page', (c) => c.body(pageBytes.body, 200, { 'content-type': 'application/json', 'content-encoding': pageBytes.encoding }))
      .get('/plain', (c) => c.body(pageBytes.plain, 200, { 'content-type': 'application/json' }))
      .get('/read', async (c) => c.json({ rows: (await queryRows<{ one: number }>(database.db, sql`select 1 as one`)).length }));
    const bareServer = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    servers.push({ close: () => new Promise((r) => bareServer.close(() => r())) });
    const bareUrl = `http://127.0.0.1:${(bareServer.address() as { port: number }).port}/`;

    const { token } = await issueSessionToken(SECRET, userId, 3600, Math.floor(Date.now() / 1000));
    const headers = { cookie: `${SESSION_COOKIE}=${token}` };
    // A session the server has not seen: its check reads the deny-list and the user row.
    const newSession = async () => ({ cookie: `${SESSION_COOKIE}=${(await issueSessionToken(SECRET, userId, 3600, Math.floor(Date.now() / 1000))).token}` });
    // A cursor 20 pages deep (600 posts back).
    let cursor = '';
    let head = 0; // the first page's head: what a reader's poll of /v1/feed/new sends
    for (let i = 0; i < 20; i++) {
      const page = (await (await fetch(`${apiUrl}/v1/feed?limit=30${cursor ? `&cursor=${cursor}` : ''}`, { headers })).json()) as { nextCursor: string; head?: number };
      cursor = page.nextCursor;
      if (i === 0) head = page.head ?? 0;
    }
    const firstPage = await fetch(`${apiUrl}/v1/feed?limit=30`, { headers });
    pageBytes.encoding = firstPage.headers.get('content-encoding') ?? 'identity';
    // Encoded as edge/static-node.ts does (fetch asks for gzip or deflate, so it is gzip).
    const plain = Buffer.from(await firstPage.arrayBuffer());
    pageBytes.plain = new Uint8Array(plain);
    if (pageBytes.encoding === 'br') pageBytes.body = new Uint8Array(brotliCompressSync(plain, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } }));
    else if (pageBytes.encoding === 'gzip') pageBytes.body = new Uint8Array(gzipSync(plain, { level: 6 }));
    else pageBytes.body = new Uint8Array(plain);
    const requests = Number(process.env.BENCH_REQUESTS ?? 400);
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    const concurrency = 8;
    const cases: [string, string][] = [
      ['bare Hono GET /', bareUrl],
      ['bare Hono, the first page\'s bytes', `${bareUrl}page`],
      // The same bytes uncompressed: what the client's decoding of the page costs (the floor's part).
      ['bare Hono, the page uncompressed', `${bareUrl}plain`],
      ['bare Hono + one database read', `${bareUrl}read`],
      ['GET /v1/feed (first page, 30)', `${apiUrl}/v1/feed?limit=30`],
      ['GET /v1/feed (first page), no LISTEN', `${readingUrl}/v1/feed?limit=30`],
      ['GET /v1/feed (20 pages deep)', `${apiUrl}/v1/feed?limit=30&cursor=${cursor}`],
      ['GET /v1/feed?lang=en&type=photo', `${apiUrl}/v1/feed?limit=30&lang=en&type=photo`],
      ['GET /v1/feed?lang=en', `${apiUrl}/v1/feed?limit=30&lang=en`],
      ['GET /v1/feed?type=video,album', `${apiUrl}/v1/feed?limit=30&type=video,album`],
      ['GET /v1/feed?type=poll&lang=other', `${apiUrl}/v1/feed?limit=30&type=poll&lang=other`],
      ['GET /v1/feed?q=earthquake', `${apiUrl}/v1/feed?limit=30&q=earthquake`],
      ['GET /v1/feed?q=volcano (rare)', `${apiUrl}/v1/feed?limit=30&q=volcano`],
      ['GET /v1/feed?q=earthquake&type=photo', `${apiUrl}/v1/feed?limit=30&q=earthquake&type=photo`],
      ['GET /v1/feed?q=пескова (word forms)', `${apiUrl}/v1/feed?limit=30&q=${encodeURIComponent('пескова')}`],
      ['GET /v1/feed?q=earthquakes (forms)', `${apiUrl}/v1/feed?limit=30&q=earthquakes`],
      ['GET /v1/feed?q="oil gas" (phrase)', `${apiUrl}/v1/feed?limit=30&q=${encodeURIComponent('"oil gas"')}`],
      ['GET /v1/feed/new (poll, nothing new)', `${apiUrl}/v1/feed/new?after=${head}`],
      ['GET /v1/feed/new, a new session each', `${apiUrl}/v1/feed/new?after=${head}`],
      ['GET /v1/top?window=24h&by=message', `${apiUrl}/v1/top?window=24h&by=message&limit=20`],
    ];
    const loadAtStart = loadavg()[0];
    const measured = cases.map(() => [] as (Figures & { ofBare: number })[]);
    for (let round = 0; round < rounds; round++) {
      let bareRps = 0;
      for (const [i, [name, url]] of cases.entries()) {
        const caseHeaders = name.startsWith('bare') ? {} : name.includes('new session') ? newSession : headers;
        await load(url, caseHeaders, 40, concurrency); // warm up (JIT, pools, caches) for this case
        const figures = await load(url, caseHeaders, requests, concurrency);
        if (i === 0) bareRps = figures.rps;
        measured[i].push({ ...figures, ofBare: figures.rps / bareRps });
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    // The top list uncached: every request under a new ranking version.
    const uncached: number[] = [];
    for (let i = 0; i < 20; i++) {
      await database.db.execute(sql`insert into kv (key, value) values ('ranking:version', '1') on conflict (key) do update set value = ((kv.value)::bigint + 1)::text`);
      await api.services.feedChanges?.sync();
      const t = performance.now();
      await (await fetch(`${apiUrl}/v1/top?window=24h&by=message&limit=20`, { headers })).arrayBuffer();
      uncached.push(performance.now() - t);
    }
    uncached.sort((a, b) => a - b);
    // The feed's first page uncached: a followed channel's post re-counted before every request (so
    // its fingerprint moved), as a reader sees it right after new posts land.
    const fresh: number[] = [];
    for (let i = 0; i < 20; i++) {
      await database.db.execute(sql`update messages set views = views + 1 where id = (select max(m.id) from messages m join subscriptions s on s.channel_id = m.channel_id where s.user_id = ${userId})`);
      // Heard by the server, as a write through it would be before it answers (feed-writes-heard.ts).
      await api.services.feedChanges?.sync();
      const t = performance.now();
      const res = await fetch(`${apiUrl}/v1/feed?limit=30`, { headers });
      await res.arrayBuffer();
      if (res.headers.get('x-cache') !== 'miss') throw new Error('the feed page was not read again after a change');
      fresh.push(performance.now() - t);
    }
    fresh.sort((a, b) => a - b);
    console.log(`  ${requests} requests each, concurrency ${concurrency}, real HTTP on 127.0.0.1 (includes the session check), client in the same process`);
    console.log(`  medians of ${rounds} round(s); load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end, on ${availableParallelism()} cores`);
    console.log(`  ${'endpoint'.padEnd(36)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req/s'.padStart(8)}  vs bare (same round)`);
    for (const [i, [name]] of cases.entries()) {
      const f = measured[i];
      const [p50, p99, rps, ofBare] = [median(f.map((x) => x.p50)), median(f.map((x) => x.p99)), median(f.map((x) => x.rps)), median(f.map((x) => x.ofBare))];
      console.log(`  ${name.padEnd(36)} ${p50.toFixed(2).padStart(8)} ${p99.toFixed(2).padStart(8)} ${rps.toFixed(0).padStart(8)}  ${(ofBare * 100).toFixed(1)}% of bare req/s`);
    }
    console.log(`  GET /v1/top uncached (new ranking version each time, sequential): p50 ${uncached[10].toFixed(1)} ms, max ${uncached[19].toFixed(1)} ms`);
    console.log(`  GET /v1/feed first page uncached (a followed post changed before each, sequential): p50 ${fresh[10].toFixed(1)} ms, max ${fresh[19].toFixed(1)} ms`);
  } finally {
    for (const s of servers) await s.close();
    // BENCH_KEEP=1 leaves the database for EXPLAIN work (drop it by hand when done).
    await bench.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runFeedBench().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
