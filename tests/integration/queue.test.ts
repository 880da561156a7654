// The queue port: the in-process adapter's retry semantics, and QStash — the real SDK publishing to
// a local fake of its HTTP API, and signed callbacks verified by the /queue/:topic route.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/log';
import { createInProcessQueue } from '../../edge/adapters/queue/in-process';
import { createQstashQueue, createQstashVerifier } from '../../edge/adapters/queue/qstash';
import { createApp } from '../../edge/app';
import { NonRetryableJobError } from '../../edge/ports/queue';
import { qstashSignature } from '../fakes/qstash-signature';
import { createTestContext, type TestContext } from '../helpers/context';

const quiet = createLogger({ level: 'error', sink: () => undefined });

describe('in-process queue', () => {
  it('retries a failing job with backoff until it succeeds', async () => {
    const attempts: number[] = [];
    const queue = createInProcessQueue({
      log: quiet,
      backoffMs: 5,
      handlers: {
        flaky: async (_payload, meta) => {
          attempts.push(meta.attempt);
          if (meta.attempt < 3) throw new Error('temporary');
        },
      },
    });
    await queue.enqueue('flaky', { n: 1 });
    await queue.drain!();
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('stops after the retry budget and never retries a non-retryable failure', async () => {
    let always = 0;
    let rejected = 0;
    const queue = createInProcessQueue({
      log: quiet,
      retries: 2,
      backoffMs: 1,
      handlers: {
        always: async () => {
          always++;
          throw new Error('down');
        },
        invalid: async () => {
          rejected++;
          throw new NonRetryableJobError('bad payload');
        },
      },
    });
    await queue.enqueue('always', {});
    await queue.enqueue('invalid', {});
    await queue.drain!();
    expect(always).toBe(3);
    expect(rejected).toBe(1);
  });

  it('drops a duplicate while the first is pending and hands each handler its own copy', async () => {
    const seen: unknown[] = [];
    const queue = createInProcessQueue({ log: quiet, handlers: { once: async (p) => void seen.push(p) } });
    const payload = { value: 1 };
    await queue.enqueue('once', payload, { deduplicationId: 'a' });
    await queue.enqueue('once', payload, { deduplicationId: 'a' });
    payload.value = 2;
    await queue.drain!();
    expect(seen).toEqual([{ value: 1 }]);
  });
});

describe('QStash adapter and callback route', () => {
  let fake: Server;
  let fakeUrl: string;
  const published: { url: string; body: string; headers: Record<string, string | string[] | undefined> }[] = [];
  let ctx: TestContext;
  const keys = { current: 'sig_current_0123456789', next: 'sig_next_0123456789' };
  const handled: unknown[] = [];

  beforeAll(async () => {
    fake = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const match = /^\/v2\/publish\/(.+)$/.exec(req.url ?? '');
        if (req.method !== 'POST' || !match || req.headers.authorization !== 'Bearer qstash-token') {
          res.writeHead(401).end('{"error":"unauthorized"}');
          return;
        }
        published.push({ url: decodeURIComponent(match[1]), body, headers: req.headers });
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ messageId: `msg_${published.length}` }));
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    ctx = await createTestContext({ PUBLIC_URL: 'https://studio.example.com' });
  });
  afterAll(async () => {
    await ctx.close();
    await new Promise((resolve) => fake.close(resolve));
  });

  it('publishes through the real SDK to the callback URL with retries and delay', async () => {
    const queue = createQstashQueue({ token: 'qstash-token', callbackOrigin: 'https://studio.example.com', baseUrl: fakeUrl, retries: 5 });
    const { messageId } = await queue.enqueue('pipeline.editor', { runId: 'r1' }, { delaySeconds: 30 });
    expect(messageId).toBe('msg_1');
    expect(published[0].url).toBe('https://studio.example.com/queue/pipeline.editor');
    expect(JSON.parse(published[0].body)).toEqual({ runId: 'r1' });
    expect(published[0].headers['upstash-retries']).toBe('5');
    expect(published[0].headers['upstash-delay']).toBe('30s');
  });

  const sign = (body: string, url: string, key = keys.current) => qstashSignature(body, url, key);

  function appWithReceiver() {
    return createApp({
      ...ctx.services,
      queueReceiver: createQstashVerifier(keys),
      jobs: {
        'test.echo': async (payload) => void handled.push(payload),
        'test.reject': async () => {
          throw new NonRetryableJobError('cannot ever work');
        },
      },
    });
  }

  it('runs a job whose callback is signed by the current or the next key', async () => {
    const app = appWithReceiver();
    const url = 'https://studio.example.com/queue/test.echo';
    for (const key of [keys.current, keys.next]) {
      const body = JSON.stringify({ hello: key });
      const res = await app.request('/queue/test.echo', { method: 'POST', body, headers: { 'upstash-signature': await sign(body, url, key) } });
      expect(res.status).toBe(200);
    }
    expect(handled).toEqual([{ hello: keys.current }, { hello: keys.next }]);
  });

  it('refuses a forged signature, a changed body and a missing signature', async () => {
    const app = appWithReceiver();
    const url = 'https://studio.example.com/queue/test.echo';
    const body = JSON.stringify({ a: 1 });
    const forged = await sign(body, url, 'not-the-key');
    const changed = await sign(JSON.stringify({ a: 2 }), url);
    for (const signature of [forged, changed, undefined]) {
      const res = await app.request('/queue/test.echo', {
        method: 'POST',
        body,
        headers: signature ? { 'upstash-signature': signature } : {},
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('QUEUE_SIGNATURE_INVALID');
    }
  });

  it('tells QStash not to retry a payload that can never succeed', async () => {
    const app = appWithReceiver();
    const body = '{}';
    const res = await app.request('/queue/test.reject', {
      method: 'POST',
      body,
      headers: { 'upstash-signature': await sign(body, 'https://studio.example.com/queue/test.reject') },
    });
    expect(res.status).toBe(489);
    expect(res.headers.get('upstash-nonretryable-error')).toBe('true');
  });
});
