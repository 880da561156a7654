// Make exclusive on Workers: the API in workerd (the bundle production deploys), its steps
// delivered by QStash as signed callbacks to POST /queue/pipeline.step, the offline engine drawing
// its PNG card in workerd, images stored in Supabase Storage (both QStash and Supabase are local
// fakes speaking their HTTP APIs).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../core/config';
import type { PackageView, RunView } from '../../core/pipeline/views';
import { openDatabase } from '../../db/client';
import { users, userSettings } from '../../db/schema';
import type { DatabaseHandle, Db } from '../../db/types';
import { issueSessionToken, SESSION_COOKIE } from '../../edge/auth/session-token';
import { qstashSignature } from '../fakes/qstash-signature';
import { seedStory, seedTelegramDay } from '../integration/pipeline-fixtures';
import { startWorker } from '../helpers/worker-harness';

const APP = 'http://localhost';
const SIGNING_KEY = 'sig_current_test';

interface Published {
  url: string;
  body: string;
}

function startFake(handle: (req: { method: string; url: string; body: Buffer }) => { status: number; body: unknown }): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = handle({ method: req.method ?? 'GET', url: req.url ?? '/', body: Buffer.concat(chunks) });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}


describe('Make exclusive on Workers (workerd, QStash callbacks, Supabase Storage)', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let qstash: { server: Server; url: string };
  let supabase: { server: Server; url: string };
  let database: DatabaseHandle;
  const published: Published[] = [];
  const stored: { path: string; bytes: Buffer }[] = [];
  let cookie: string;
  let topicId: number;

  beforeAll(async () => {
    qstash = await startFake(({ method, url, body }) => {
      const match = /^\/v2\/publish\/(.+)$/.exec(url);
      if (method !== 'POST' || !match) return { status: 404, body: { error: 'not found' } };
      published.push({ url: decodeURIComponent(match[1]), body: body.toString('utf8') });
      return { status: 201, body: { messageId: `msg_${published.length}` } };
    });
    supabase = await startFake(({ method, url, body }) => {
      const match = /^\/storage\/v1\/object\/media\/(.+)$/.exec(url);
      if (method !== 'POST' || !match) return { status: 404, body: { error: 'not found' } };
      stored.push({ path: match[1], bytes: body });
      return { status: 200, body: { Key: `media/${match[1]}` } };
    });
    worker = await startWorker({ QSTASH_URL: qstash.url, SUPABASE_URL: supabase.url, SUPABASE_KEY: 'service-role-test', SUPABASE_BUCKET: 'media' });
    database = await openDatabase({ url: worker.databaseUrl, poolSize: 2 });
    const [user] = await database.db.insert(users).values({ tgId: 990_000_000 + Math.floor(Math.random() * 1000), username: 'workers_pipeline' }).returning();
    await database.db.insert(userSettings).values({ userId: user.id });
    const day = await seedTelegramDay(database.db as Db, [user.id]);
    topicId = (await seedStory(database.db as Db, day, 'Байден помиловал сына', /омилова/i, 10)).topicId;
    const { token } = await issueSessionToken(parseConfig({ APP_ENV: 'test' }).SECRET_KEY as string, user.id, 3600, Math.floor(Date.now() / 1000));
    cookie = `${SESSION_COOKIE}=${token}`;
  }, 180_000);

  afterAll(async () => {
    await database?.close();
    await worker?.close();
    await new Promise((resolve) => qstash?.server.close(resolve));
    await new Promise((resolve) => supabase?.server.close(resolve));
  });

  const dispatch = async (path: string, init: RequestInit = {}) =>
    (await worker.mf.dispatchFetch(`${APP}${path}`, { ...init, headers: { cookie, origin: APP, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } } as never)) as unknown as Response;

  /** Delivers every published job the way QStash would, until none is left. */
  async function deliverAll(): Promise<number[]> {
    const statuses: number[] = [];
    while (published.length) {
      const job = published.shift() as Published;
      const res = (await worker.mf.dispatchFetch(job.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'upstash-signature': await qstashSignature(job.body, job.url, SIGNING_KEY), 'upstash-message-id': crypto.randomUUID() },
        body: job.body,
      } as never)) as unknown as Response;
      statuses.push(res.status);
    }
    return statuses;
  }

  it('runs every step in workerd from signed QStash callbacks to a stored package', async () => {
    const started = await dispatch('/v1/runs', { method: 'POST', body: JSON.stringify({ topicId, platforms: ['telegram', 'instagram'] }) });
    expect(started.status).toBe(202);
    const run = (await started.json()) as RunView;
    expect(published).toHaveLength(1);
    expect(published[0].url).toBe(`${APP}/queue/pipeline.step`);

    expect(await deliverAll()).toEqual([200, 200, 200, 200]);
    const done = (await (await dispatch(`/v1/runs/${run.id}`)).json()) as RunView;
    expect(done).toMatchObject({ status: 'succeeded', stepsDone: ['editor', 'image_brief', 'images', 'publisher'] });

    const pkg = (await (await dispatch(`/v1/packages/${done.packageId}`)).json()) as PackageView;
    expect(pkg.items.map((i) => i.platform)).toEqual(['telegram', 'instagram']);
    for (const item of pkg.items) expect(item.imageUrl).toMatch(new RegExp(`^${supabase.url}/storage/v1/object/public/media/[0-9a-f]{2}/[0-9a-f]{64}\\.png$`));
    // The card was drawn in workerd: real PNGs went to storage.
    expect(stored.length).toBeGreaterThanOrEqual(1);
    for (const object of stored) expect([...object.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  }, 120_000);

  it('a callback without a valid signature is refused and changes nothing', async () => {
    const res = (await worker.mf.dispatchFetch(`${APP}/queue/pipeline.step`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'upstash-signature': 'forged' },
      body: JSON.stringify({ runId: crypto.randomUUID(), step: 'editor' }),
    } as never)) as unknown as Response;
    expect(res.status).toBe(401);
  });
});
