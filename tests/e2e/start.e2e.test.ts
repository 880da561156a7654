// The README's first command, proven: `tsx scripts/start.ts` (what `npm start` runs) on a fresh
// DATA_DIR and a free port, with no database, Redis or keys configured — it answers /healthz and
// serves the web page, then stops cleanly on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DICTIONARY_ASSET_DIR } from '../../edge/adapters/morphology/asset-dir';

const root = path.resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, ok: (res: Response) => boolean, deadline: number, exited: () => boolean): Promise<Response> {
  let last = 'no answer';
  while (Date.now() < deadline && !exited()) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (ok(res)) return res;
      last = `${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer in time (last: ${last})`);
}

describe('npm start on a fresh data directory', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tgs-start-'));
  let child: ChildProcess | null = null;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves /healthz and the web app, then exits 0 on SIGTERM', async () => {
    const port = await freePort();
    // The embedded defaults only: no outside service from the CI environment leaks in.
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
    child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child!.once('exit', (code, signal) => resolve({ code, signal })));
    const exited = () => child!.exitCode !== null || child!.signalCode !== null;

    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 150_000;
    try {
      const health = await waitFor(`${base}/healthz`, (r) => r.status === 200, deadline, exited);
      expect(((await health.json()) as { status: string }).status).toBe('ok');
      const page = await waitFor(`${base}/`, (r) => r.status === 200, deadline, exited);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toMatch(/<script[^>]+src="\/assets\//);
      // The build carries the Russian dictionary, which a Worker reads from its assets.
      const dictionary = await fetch(`${base}/${DICTIONARY_ASSET_DIR}/meta.json`);
      expect(dictionary.status).toBe(200);
      expect(JSON.stringify(await dictionary.json())).toMatch(/opencorpora/i);
      expect(output).toContain('TG Studio is running');
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- output ---\n${output.slice(-3000)}`);
    }

    const stopAsked = Date.now();
    child.kill('SIGTERM');
    const result = await Promise.race([exit, new Promise<null>((r) => setTimeout(() => r(null), 30_000))]);
    expect(result, `did not stop within 30 s of SIGTERM\n${output.slice(-2000)}`).not.toBeNull();
    expect(result, output.slice(-2000)).toEqual({ code: 0, signal: null });
    expect(Date.now() - stopAsked).toBeLessThan(30_000);
  }, 200_000);
});
