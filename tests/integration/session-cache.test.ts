// The session check with its cache (edge/auth/session-cache.ts) over the real kv and database: a
// reader's next requests cost no round trip, sign-out here takes effect at once, a revocation
// written elsewhere within the cache's ttl, an expired token never passes, a failure is not kept.
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../../core/errors';
import { createSessionCache, type SessionCache } from '../../edge/auth/session-cache';
import { issueSessionToken, revokedKey, SESSION_COOKIE, verifySessionToken } from '../../edge/auth/session-token';
import type { AppEnv } from '../../edge/env';
import { handleError } from '../../edge/errors';
import { requestContext } from '../../edge/middleware/request-context';
import { requireUser } from '../../edge/middleware/require-user';
import type { Kv } from '../../edge/ports/kv';
import { createTestContext, type TestContext } from '../helpers/context';
import { createUser } from '../helpers/users';

let ctx: TestContext;
let userId: string;
let clockMs = 0;
let nowSeconds = 0;
let kvGets = 0;
let kvDown = false;
let sessions: SessionCache;
let app: Hono<AppEnv>;

beforeAll(async () => {
  ctx = await createTestContext();
  userId = (await createUser(ctx)).id;
  const real = ctx.services.kv;
  const kv: Kv = {
    ...real,
    get: async (key) => {
      kvGets++;
      if (kvDown) throw new DependencyUnavailableError('kv', 'refused');
      return real.get(key);
    },
  };
  const services = { ...ctx.services, kv, now: () => nowSeconds };
  app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use('*', requestContext(services));
  app.use('/v1/*', (c, next) => requireUser({ sessions })(c, next));
  app.get('/v1/probe', (c) => c.json({ id: c.get('user').id }));
});

beforeEach(() => {
  clockMs = 0;
  nowSeconds = ctx.services.now();
  kvGets = 0;
  kvDown = false;
  sessions = createSessionCache({ ttlMs: 5_000, clock: () => clockMs });
});

afterAll(async () => {
  await ctx?.close();
});

async function newToken(ttlSeconds = 3600) {
  return (await issueSessionToken(ctx.config.SECRET_KEY, userId, ttlSeconds, nowSeconds)).token;
}

async function probe(token: string) {
  const res = await app.request('/v1/probe', { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
  return { status: res.status, code: res.ok ? undefined : ((await res.json()) as { error: { code: string } }).error.code };
}

describe('the session check, remembered', () => {
  it("reads the deny-list once per ttl, not once per request", async () => {
    const token = await newToken();
    for (let i = 0; i < 5; i++) expect((await probe(token)).status).toBe(200);
    expect(kvGets).toBe(1);
    clockMs += 5_000;
    expect((await probe(token)).status).toBe(200);
    expect(kvGets).toBe(2);
  });

  it('sign-out in this process takes effect at once; one written by another process within the ttl', async () => {
    const here = await newToken();
    const elsewhere = await newToken();
    expect((await probe(here)).status).toBe(200);
    expect((await probe(elsewhere)).status).toBe(200);
    for (const token of [here, elsewhere]) {
      const verdict = await verifySessionToken(ctx.config.SECRET_KEY, token, nowSeconds);
      if (!verdict.ok) throw new Error('token does not verify');
      await ctx.services.kv.set(revokedKey(verdict.claims.jti), '1', { ttlSeconds: 3600 });
    }
    // What POST /auth/logout does after its deny-list write.
    sessions.forget(here);
    expect(await probe(here)).toEqual({ status: 401, code: 'SESSION_REVOKED' });
    // The other process's cache still trusts its lookup, for at most the ttl.
    expect((await probe(elsewhere)).status).toBe(200);
    clockMs += 5_000;
    expect(await probe(elsewhere)).toEqual({ status: 401, code: 'SESSION_REVOKED' });
  });

  it('an expired token is refused even while its lookup is remembered', async () => {
    const token = await newToken(60);
    expect((await probe(token)).status).toBe(200);
    nowSeconds += 60;
    expect(await probe(token)).toEqual({ status: 401, code: 'SESSION_EXPIRED' });
  });

  it('a kv failure answers 503 and is not remembered', async () => {
    const token = await newToken();
    kvDown = true;
    expect(await probe(token)).toEqual({ status: 503, code: 'DEPENDENCY_UNAVAILABLE' });
    kvDown = false;
    expect((await probe(token)).status).toBe(200);
  });

  it('a forged token never matches a remembered one', async () => {
    const token = await newToken();
    expect((await probe(token)).status).toBe(200);
    const [header, payload] = token.split('.');
    expect(await probe(`${header}.${payload}.${'A'.repeat(43)}`)).toEqual({ status: 401, code: 'SESSION_INVALID' });
  });
});
