// The Workers entry under workerd (Miniflare): the bundle `wrangler deploy --dry-run` produces,
// reaching PostgreSQL through Neon's serverless driver (real PostgreSQL in CI; PGlite behind a
// Postgres-protocol socket on a laptop).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { startWsRelay } from '../helpers/ws-relay';
import { ensureWebBuilt } from '../helpers/server';

interface PgTarget {
  url: string;
  close(): Promise<void>;
}

async function postgresTarget(): Promise<PgTarget> {
  if (process.env.DATABASE_URL) {
    const database: TestDatabase = await createTestDatabase();
    return { url: database.url!, close: () => database.drop() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const { MIGRATIONS_FOLDER } = await import('../../db/migrate');
  const db = await PGlite.create('memory://');
  await migrate(drizzle(db), { migrationsFolder: MIGRATIONS_FOLDER });
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 16 });
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}

describe('Workers entry (workerd via Miniflare)', () => {
  let outDir: string;
  let target: PgTarget;
  let relay: Awaited<ReturnType<typeof startWsRelay>>;
  let mf: Miniflare;

  beforeAll(async () => {
    ensureWebBuilt();
    outDir = mkdtempSync(path.join(tmpdir(), 'tgs-worker-'));
    execFileSync(path.resolve('node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outDir], {
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
      stdio: 'pipe',
    });
    target = await postgresTarget();
    relay = await startWsRelay();
    mf = new Miniflare({
      // The bundle as one explicit module: Miniflare then doesn't trace its imports (the QStash SDK
      // carries dev-only dynamic imports that workerd never runs).
      modules: [{ type: 'ESModule', path: path.join(outDir, 'worker.js') }],
      modulesRoot: outDir,
      compatibilityDate: '2025-09-01',
      compatibilityFlags: ['nodejs_compat'],
      bindings: {
        APP_ENV: 'test',
        LOG_LEVEL: 'warn',
        DATABASE_URL: target.url,
        NEON_WS_PROXY: `127.0.0.1:${relay.port}`,
        PUBLIC_URL: 'http://localhost',
        QSTASH_TOKEN: 'test-token',
        QSTASH_CURRENT_SIGNING_KEY: 'sig_current_test',
        QSTASH_NEXT_SIGNING_KEY: 'sig_next_test',
      },
    });
    await mf.ready;
  });

  afterAll(async () => {
    await mf?.dispose();
    await relay?.close();
    await target?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
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
    const broken = new Miniflare({
      // The bundle as one explicit module: Miniflare then doesn't trace its imports (the QStash SDK
      // carries dev-only dynamic imports that workerd never runs).
      modules: [{ type: 'ESModule', path: path.join(outDir, 'worker.js') }],
      modulesRoot: outDir,
      compatibilityDate: '2025-09-01',
      compatibilityFlags: ['nodejs_compat'],
      bindings: { APP_ENV: 'test', DATABASE_URL: 'mysql://nope' },
    });
    try {
      const res = await broken.dispatchFetch('http://localhost/healthz');
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('MISCONFIGURED');
    } finally {
      await broken.dispose();
    }
  });
});
