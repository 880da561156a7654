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
