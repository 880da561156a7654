// The Workers entry under workerd (Miniflare): the bundle `wrangler deploy --dry-run` produces,
// reaching PostgreSQL through Neon's serverless driver (real PostgreSQL in CI; PGlite behind a
// Postgres-protocol socket on a laptop).
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, workerOver } from '../helpers/worker-harness';

describe('Workers entry (workerd via Miniflare)', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let mf: Miniflare;

  beforeAll(async () => {
    worker = await startWorker();
    mf = worker.mf;
  });

  afterAll(async () => {
    await worker?.close();
  });

  it('serves /healthz with a database round trip over the Neon driver', async () => {
    const res = await mf.dispatchFetch('http://localhost/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; database: { driver: string } };
    expect(body).toMatchObject({ status: 'ok', database: { driver: 'neon' } });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers the JSON error shape for an unknown route and 401 under /v1 without a session', async () => {
    const missing = await mf.dispatchFetch('http://localhost/v1/does-not-exist');
    expect(missing.status).toBe(401);
    const body = (await missing.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('UNAUTHENTICATED');
    expect(body.error.requestId).toBeTruthy();
  });

  it('refuses to start with a malformed variable, naming it in the log', async () => {
    const broken = workerOver(worker.outDir, { APP_ENV: 'test', DATABASE_URL: 'mysql://nope' });
    try {
      const res = await broken.dispatchFetch('http://localhost/healthz');
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('MISCONFIGURED');
    } finally {
      await broken.dispose();
    }
  });
});

describe('Workers isolate: the app is built once, the database per request', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let output = '';
  const lines = (msg: string) =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; path?: string })
      .filter((entry) => entry.msg === msg);

  beforeAll(async () => {
    worker = await startWorker({ LOG_LEVEL: 'info' }, { onOutput: (text) => (output += text) });
  });

  afterAll(async () => {
    await worker?.close();
  });

  it('serves many requests, some at once, from one build: one start line, isolate-wide metrics', async () => {
    const healthy = await Promise.all(Array.from({ length: 4 }, () => worker.mf.dispatchFetch('http://localhost/healthz')));
    for (const res of healthy) {
      expect(res.status).toBe(200);
      expect(((await res.json()) as { database: { driver: string } }).database.driver).toBe('neon');
    }
    for (let i = 0; i < 3; i++) expect((await worker.mf.dispatchFetch(`http://localhost/no-such-page-${i}`)).status).toBe(404);
    // The metrics outlive each request: the four /healthz answers are counted together.
    const metrics = await (await worker.mf.dispatchFetch('http://localhost/metrics')).text();
    expect(metrics).toMatch(/http_requests_total\{[^}]*route="\/healthz"[^}]*status="200"[^}]*\} 4\b/);
    // Console output arrives on its own stream: wait for the three access-log lines.
    for (let i = 0; i < 50 && lines('request').length < 3; i++) await new Promise((r) => setTimeout(r, 100));
    expect(lines('request').map((entry) => entry.path)).toEqual(['/no-such-page-0', '/no-such-page-1', '/no-such-page-2']);
    expect(lines('worker isolate started')).toHaveLength(1);
  });
});
