// The database and Redis taken away and brought back while the API server runs, through TCP
// proxies the test cuts and restores: 503 DEPENDENCY_UNAVAILABLE naming which, with Retry-After,
// within a bounded time — then normal service again, with no restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/log';
import { openDatabase } from '../../db/client';
import type { DatabaseHandle } from '../../db/types';
import { startApiServer, type RunningApi } from '../../edge/node';
import { issueSessionToken, SESSION_COOKIE } from '../../edge/auth/session-token';
import { testConfig } from '../helpers/context';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { ensureWebBuilt } from '../helpers/server';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { createUser } from '../helpers/users';

const pgUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

interface Answer {
  status: number;
  ms: number;
  retryAfter: string | null;
  code?: string;
  dependency?: string;
}

describe.skipIf(!pgUrl || !redisUrl)('a dependency taken away and brought back', () => {
  let testDb: TestDatabase;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let database: DatabaseHandle;
  let api: RunningApi;
  let session: () => Promise<string>;
  const logs: string[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    testDb = await createTestDatabase();
    const target = new URL(testDb.url!);
    pgProxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const redis = new URL(redisUrl!);
    redisProxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    // With the feed change notifications heard, as in production: their connection is cut too.
    const config = testConfig({ PORT: '0', REDIS_URL: redisProxy.url(redisUrl!), FEED_NOTIFICATIONS: 'true' });
    // Short query timeout so the blackhole case is quick; refused connections fail at once anyway.
    database = await openDatabase({ url: pgProxy.url(testDb.url!), poolSize: 4, connectTimeoutMs: 1_500, queryTimeoutMs: 2_000 });
    api = await startApiServer(config, database, createLogger({ level: 'warn', sink: (line) => logs.push(line) }));
    const user = await createUser({ database: testDb });
    // A new session per call: its first request reads the kv and the database (a session verified
    // a moment ago is trusted for a few seconds without them: edge/auth/session-cache.ts).
    session = async () => `${SESSION_COOKIE}=${(await issueSessionToken(config.SECRET_KEY, user.id, config.SESSION_TTL_SECONDS, Math.floor(Date.now() / 1000))).token}`;
  });

  afterAll(async () => {
    await api?.close();
    await database?.close();
    await pgProxy?.close();
    await redisProxy?.close();
    await testDb?.drop();
  });

  async function call(path: string): Promise<Answer> {
    const started = performance.now();
    const res = await fetch(`${api.url}${path}`, { headers: { cookie: await session() } });
    const ms = Math.round(performance.now() - started);
    const retryAfter = res.headers.get('retry-after');
    if (res.ok) {
      await res.arrayBuffer();
      return { status: res.status, ms, retryAfter };
    }
    const body = (await res.json()) as { error: { code: string; details?: { dependency?: string } } };
    return { status: res.status, ms, retryAfter, code: body.error.code, dependency: body.error.details?.dependency };
  }

  /** Polls until the path answers 200 again (the dependency is back); returns how long it took. */
  async function recovery(path: string, withinMs: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      const answer = await call(path);
      if (answer.status === 200) return Date.now() - started;
      expect(answer.status, `${path} while recovering`).toBe(503);
      if (Date.now() - started > withinMs) throw new Error(`${path} still ${answer.status} after ${withinMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const signedIn = ['/v1/feed', '/v1/me', '/v1/top'];

  it('serves normally through the proxies', async () => {
    expect((await call('/healthz')).status).toBe(200);
    for (const path of signedIn) expect((await call(path)).status, path).toBe(200);
  });

  it('Redis refused: 503 naming the kv, fast, with Retry-After; then back by itself', async () => {
    redisProxy.set('refuse');
    const health = await call('/healthz');
    expect(health).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE', dependency: 'kv', retryAfter: '5' });
    for (const path of signedIn) {
      const answer = await call(path);
      expect(answer, path).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE', dependency: 'kv' });
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      expect(answer.ms, path).toBeLessThan(2_500);
    }
    redisProxy.set('pass');
    const ms = await recovery('/v1/feed', 10_000);
    expect((await call('/healthz')).status).toBe(200);
    console.log(`redis back: /v1/feed 200 again after ${ms} ms`);
  });

  it('Redis silent (blackhole): 503 within the command timeout, never a long hang', async () => {
    redisProxy.set('blackhole');
    const answer = await call('/v1/feed');
    expect(answer).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE', dependency: 'kv' });
    expect(answer.ms).toBeLessThan(3_000);
    redisProxy.set('pass');
    await recovery('/v1/feed', 10_000);
  });

  it('PostgreSQL refused: 503 naming the database, fast, with Retry-After; then back by itself', async () => {
    pgProxy.set('refuse');
    const health = await call('/healthz');
    expect(health).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE', dependency: 'database', retryAfter: '5' });
    for (const path of signedIn) {
      const answer = await call(path);
      expect(answer, path).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE', dependency: 'database' });
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      expect(answer.ms, path).toBeLessThan(2_500);
    }
    pgProxy.set('pass');
    const ms = await recovery('/v1/feed', 10_000);
    for (const path of signedIn) expect((await call(path)).status, path).toBe(200);
    expect((await call('/healthz')).status).toBe(200);
    console.log(`postgres back: /v1/feed 200 again after ${ms} ms`);
  });

  it('PostgreSQL silent (blackhole): 503 within the connect/query timeouts', async () => {
    pgProxy.set('blackhole');
    const answer = await call('/v1/feed');
    expect(answer).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE', dependency: 'database' });
    expect(answer.ms).toBeLessThan(3_500);
    pgProxy.set('pass');
    await recovery('/v1/feed', 10_000);
  });

  it('never answered 500 and logged no query text', () => {
    const lines = logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.msg === 'unhandled error')).toEqual([]);
    expect(logs.join('\n')).not.toMatch(/Failed query|select .* from/i);
  });
});
