// The Workers entry under workerd (Miniflare): the bundle `wrangler deploy --dry-run` produces,
// reaching PostgreSQL through Neon's serverless driver (real PostgreSQL in CI; PGlite behind a
// Postgres-protocol socket on a laptop) via a local WebSocket relay.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Miniflare } from 'miniflare';
import { createTestDatabase, type TestDatabase } from './db';
import { ensureWebBuilt } from './server';
import { startWsRelay } from './ws-relay';

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

/** Bundles the Worker as production would; returns the folder holding worker.js. */
export function buildWorkerBundle(): { outDir: string; remove(): void } {
  ensureWebBuilt();
  const outDir = mkdtempSync(path.join(tmpdir(), 'tgs-worker-'));
  execFileSync(path.resolve('node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outDir], {
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    stdio: 'pipe',
  });
  return { outDir, remove: () => rmSync(outDir, { recursive: true, force: true }) };
}

export interface WorkerOptions {
  /** Receives the Worker's console output (stdout and stderr) instead of this process's terminal. */
  onOutput?: (text: string) => void;
}

/** A Miniflare instance over a bundle with these string bindings. */
export function workerOver(outDir: string, bindings: Record<string, string>, options: WorkerOptions = {}): Miniflare {
  const { onOutput } = options;
  return new Miniflare({
    ...(onOutput
      ? {
          handleRuntimeStdio: (stdout: NodeJS.ReadableStream, stderr: NodeJS.ReadableStream) => {
            for (const stream of [stdout, stderr]) stream.on('data', (chunk: Buffer | string) => onOutput(String(chunk)));
          },
        }
      : {}),
    // The bundle as one explicit module: Miniflare then doesn't trace its imports (the QStash SDK
    // carries dev-only dynamic imports that workerd never runs).
    modules: bundleModules(outDir),
    modulesRoot: outDir,
    compatibilityDate: '2025-09-01',
    compatibilityFlags: ['nodejs_compat'],
    bindings,
  });
}

/** The bundle running in workerd over a fresh database; `bindings` add to the test defaults. */
export async function startWorker(bindings: Record<string, string> = {}, options: WorkerOptions = {}) {
  const bundle = buildWorkerBundle();
  const target = await postgresTarget();
  const relay = await startWsRelay();
  const mf = workerOver(bundle.outDir, {
    APP_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: target.url,
    NEON_WS_PROXY: `127.0.0.1:${relay.port}`,
    PUBLIC_URL: 'http://localhost',
    // Required on Workers (no in-process queue there); the tests never publish for real.
    QSTASH_TOKEN: 'test-token',
    QSTASH_CURRENT_SIGNING_KEY: 'sig_current_test',
    QSTASH_NEXT_SIGNING_KEY: 'sig_next_test',
    ...bindings,
  }, options);
  await mf.ready;
  return {
    mf,
    outDir: bundle.outDir,
    /** The database the Worker uses, for a Node-side service (e.g. ingest) over the same data. */
    databaseUrl: target.url,
    close: async () => {
      await mf.dispose();
      await relay.close();
      await target.close();
      bundle.remove();
    },
  };
}

/** worker.js and the modules wrangler emitted beside it (the card's WebAssembly and fonts). */
function bundleModules(outDir: string) {
  const modules: { type: 'ESModule' | 'CompiledWasm' | 'Data'; path: string }[] = [{ type: 'ESModule', path: path.join(outDir, 'worker.js') }];
  for (const file of readdirSync(outDir)) {
    if (file.endsWith('.wasm')) modules.push({ type: 'CompiledWasm', path: path.join(outDir, file) });
    if (file.endsWith('.woff')) modules.push({ type: 'Data', path: path.join(outDir, file) });
  }
  return modules;
}
