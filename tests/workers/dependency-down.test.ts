// The Worker bundle in workerd with its WebSocket relay to PostgreSQL cut and restored, through a
// TCP proxy in front of the relay: with no Upstash the kv is the Postgres table, so the kv and the
// database go away together. Each answers 503 DEPENDENCY_UNAVAILABLE naming it, with Retry-After,
// never a 500 — then normal service again, with no restart.
import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSessionToken, SESSION_COOKIE } from '../../edge/auth/session-token';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { startWorker } from '../helpers/worker-harness';
import { startWsRelay } from '../helpers/ws-relay';

const APP = 'http://localhost';
const SECRET_KEY = 'workers-dependency-down-secret-key-0123456789';
const BOT_TOKEN = '7000000002:AAworkers-dependency-down-bot';

function signedLogin(id: number): Record<string, string> {
  const fields: Record<string, string> = { id: String(id), first_name: 'Relay', username: `r${id}`, auth_date: String(Math.floor(Date.now() / 1000)) };
  const check = Object.keys(fields).sort().map((k) => `${k}=${fields[k]}`).join('\n');
  return { ...fields, hash: createHmac('sha256', createHash('sha256').update(BOT_TOKEN).digest()).update(check).digest('hex') };
}

interface Answer {
  status: number;
  ms: number;
  retryAfter: string | null;
  error?: { code: string; message: string; details?: { dependency?: string } };
}

describe('Workers: the Neon WebSocket relay cut and restored', () => {
  let relay: Awaited<ReturnType<typeof startWsRelay>>;
  let gate: TcpProxy;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let userId: string;

  beforeAll(async () => {
    relay = await startWsRelay();
    gate = await startTcpProxy({ host: '127.0.0.1', port: relay.port });
    worker = await startWorker({ NEON_WS_PROXY: `127.0.0.1:${gate.port}`, SECRET_KEY, TELEGRAM_AUTH_TOKEN: BOT_TOKEN });
    const res = await worker.mf.dispatchFetch(`${APP}/auth/telegram/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: APP },
      body: JSON.stringify(signedLogin(881_000_000 + Math.floor(Math.random() * 1000))),
    });
    expect(res.status).toBe(200);
    userId = ((await res.json()) as { user: { id: string } }).user.id;
  });

  afterAll(async () => {
    await worker?.close();
    await gate?.close();
    await relay?.close();
  });

  // A new session per call: a session verified a moment ago is trusted for a few seconds without
  // the kv or the database (edge/auth/session-cache.ts).
  const session = async () => `${SESSION_COOKIE}=${(await issueSessionToken(SECRET_KEY, userId, 3600, Math.floor(Date.now() / 1000))).token}`;

  async function call(path: string, init: RequestInit = {}): Promise<Answer> {
    const started = performance.now();
    const res = await worker.mf.dispatchFetch(`${APP}${path}`, { ...init, headers: { cookie: await session(), origin: APP, ...init.headers } } as never);
    const ms = Math.round(performance.now() - started);
    const retryAfter = res.headers.get('retry-after');
    if (res.ok) {
      await res.arrayBuffer();
      return { status: res.status, ms, retryAfter };
    }
    return { status: res.status, ms, retryAfter, error: ((await res.json()) as { error: Answer['error'] }).error };
  }

  const signIn = () => call('/auth/telegram/callback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(signedLogin(881_001_000)) });
  const unavailable = (dependency: string) => ({
    status: 503,
    retryAfter: '5',
    error: { code: 'DEPENDENCY_UNAVAILABLE', message: expect.stringContaining(`The ${dependency} is not reachable`), details: expect.objectContaining({ dependency }) },
  });

  async function recovered(withinMs: number) {
    const started = Date.now();
    for (;;) {
      const answer = await call('/v1/me');
      if (answer.status === 200) break;
      expect(answer.status, '/v1/me while recovering').toBe(503);
      if (Date.now() - started > withinMs) throw new Error(`/v1/me still ${answer.status} after ${withinMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await call('/healthz')).status).toBe(200);
    expect((await call('/v1/feed')).status).toBe(200);
  }

  it('serves normally through the relay', async () => {
    expect((await call('/healthz')).status).toBe(200);
    expect((await call('/v1/me')).status).toBe(200);
    expect((await call('/v1/feed')).status).toBe(200);
  });

  it('the relay refusing connections: 503 naming the kv or the database, fast, with Retry-After; then back', async () => {
    gate.set('refuse');
    expect(await call('/healthz')).toMatchObject(unavailable('database'));
    // Signed-in routes read the session deny-list from the kv first; sign-in counts its rate limit there.
    for (const answer of [await call('/v1/me'), await call('/v1/feed'), await signIn()]) {
      expect(answer).toMatchObject(unavailable('kv'));
      expect(answer.ms).toBeLessThan(2_500);
    }
    gate.set('pass');
    await recovered(10_000);
  });

  it('the relay silent (blackhole): 503 within the kv and connect timeouts, never a hang or a 500', async () => {
    gate.set('blackhole');
    expect(await call('/healthz')).toMatchObject(unavailable('database'));
    const answer = await call('/v1/me');
    expect(answer).toMatchObject(unavailable('kv'));
    expect(answer.ms).toBeLessThan(7_000);
    gate.set('pass');
    await recovered(10_000);
  });
});
