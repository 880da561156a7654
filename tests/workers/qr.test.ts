// Connecting a Telegram account from the Worker: the API in workerd renders the QR PNG and reaches
// the ingest service (Node, sandbox gateway) over signed HTTP at INGEST_INTERNAL_URL, both over
// one database.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/log';
import { openDatabase } from '../../db/client';
import type { DatabaseHandle } from '../../db/types';
import { startIngestService, type IngestService } from '../../ingest-container/service';
import { testConfig } from '../helpers/context';
import { createUser, sessionCookie } from '../helpers/users';
import { startWorker } from '../helpers/worker-harness';

const APP = 'http://localhost';
const INTERNAL_SECRET = 'workers-qr-internal-secret-0123456789abcdef';

describe('QR connect on Workers (API in workerd, ingest on Node)', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let database: DatabaseHandle;
  let ingest: IngestService;
  let server: ServerType;
  let cookie: string;

  const call = async (path: string, method = 'GET') => {
    const res = (await worker.mf.dispatchFetch(`${APP}${path}`, { method, headers: { cookie, origin: APP } })) as unknown as Response;
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    // The ingest side listens first (answering once it has started), so the Worker can be given its URL.
    server = serve({ fetch: (req) => (ingest ? ingest.fetch(req) : new Response('starting', { status: 503 })), port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as AddressInfo).port;
    worker = await startWorker({ INTERNAL_SECRET, INGEST_INTERNAL_URL: `http://127.0.0.1:${port}` });
    const ingestConfig = testConfig({ INTERNAL_SECRET, SANDBOX_QR_DELAY_MS: '600000', INGEST_ENABLED: 'false' });
    database = await openDatabase({ url: worker.databaseUrl, poolSize: 4 });
    ingest = await startIngestService({ config: ingestConfig, database, log: createLogger({ level: 'error', sink: () => undefined }) });
    const user = await createUser({ database: { ...database, drop: async () => undefined } });
    cookie = await sessionCookie({ config: ingestConfig, services: { now: () => Math.floor(Date.now() / 1000) } as never }, user.id);
  });

  afterAll(async () => {
    await ingest?.stop();
    await new Promise((resolve) => server?.close(resolve));
    await database?.close();
    await worker?.close();
  });

  it('starts an attempt with a real PNG QR, then the sandbox scan authorizes it', async () => {
    const started = await call('/v1/auth/qr', 'POST');
    expect(started.status).toBe(201);
    expect(started.body.status).toBe('PENDING');
    const png = Buffer.from(String(started.body.qr_png_b64), 'base64');
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const id = String(started.body.login_id);

    expect((await call(`/v1/auth/qr/${id}/scan`, 'POST')).status).toBe(200);
    let status = '';
    for (let i = 0; i < 50 && status !== 'AUTHORIZED'; i++) {
      status = String((await call(`/v1/auth/qr/${id}`)).body.status);
      if (status !== 'AUTHORIZED') await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('AUTHORIZED');
    const accounts = await call('/v1/accounts');
    expect((accounts.body.accounts as unknown[]).length).toBe(1);
  });
});
