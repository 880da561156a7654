import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';

describe('GET /healthz', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('answers 200 with the database check and a request id', async () => {
    const res = await ctx.app.request('/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; database: { driver: string }; kv: { ok: boolean }; queue: { kind: string } };
    expect(body.status).toBe('ok');
    expect(body.kv.ok).toBe(true);
    expect(body.queue.kind).toBe('in-process');
    expect(['pglite', 'pg']).toContain(body.database.driver);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a sane incoming request id and puts it in the log line', async () => {
    const res = await ctx.app.request('/api-nothing-here', { headers: { 'x-request-id': 'req-12345678' } });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; requestId: string } };
    expect(body.error).toMatchObject({ code: 'NOT_FOUND', requestId: 'req-12345678' });
    const line = ctx.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.requestId === 'req-12345678');
    expect(line).toMatchObject({ msg: 'request', status: 404, path: '/api-nothing-here' });
  });

  it('serves Prometheus metrics that count requests', async () => {
    await ctx.app.request('/healthz');
    const text = await (await ctx.app.request('/metrics')).text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
  });

  it('answers 503 when the database is down', async () => {
    const broken = { ...ctx.services.database, ping: () => Promise.reject(new Error('connection refused')) };
    const { createApp } = await import('../../edge/app');
    const app = createApp({ ...ctx.services, database: broken });
    const res = await app.request('/healthz');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as { error: { code: string; details: { dependency: string; kv: { ok: boolean } } } };
    expect(body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(body.error.details).toMatchObject({ dependency: 'database', kv: { ok: true } });
  });
});
