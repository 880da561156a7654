// Two first starts at once in one checkout: both build the web app (scripts/web-build.ts, what
// `npm start` and the test helpers call), each into its own temporary folder renamed into place.
// Both must succeed and leave one complete build and no leftovers.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

function build(out: string, force = false): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, ['scripts/web-build.ts', '--out', out, ...(force ? ['--force'] : [])], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** index.html and every asset it references exist: a complete build, not half of two. */
function expectCompleteBuild(dir: string) {
  const index = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const assets = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of assets) expect(existsSync(path.join(dir, asset)), asset).toBe(true);
}

describe('first start: building the web app', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'tgs-first-start-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('two first starts at once both succeed and leave one complete build', async () => {
    const out = path.join(scratch, 'a', 'web');
    const [one, two] = await Promise.all([build(out), build(out)]);
    expect(one.code, one.output).toBe(0);
    expect(two.code, two.output).toBe(0);
    expectCompleteBuild(out);
    // No temporary folders left beside it.
    expect(readdirSync(path.dirname(out))).toEqual(['web']);
  }, 180_000);

  it('replaces a partial folder from an interrupted build, and keeps a complete one', async () => {
    const out = path.join(scratch, 'b', 'web');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'half-written.js'), '');
    const first = await build(out);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain('web app built');
    expectCompleteBuild(out);
    expect(existsSync(path.join(out, 'half-written.js'))).toBe(false);
    const again = await build(out);
    expect(again.output).toContain('already built');
    expect(readdirSync(path.dirname(out))).toEqual(['web']);
  }, 180_000);

  it('builds again when the sources changed since the build (a pull, an edit)', async () => {
    const out = path.join(scratch, 'c', 'web');
    expect((await build(out)).code).toBe(0);
    expect((await build(out)).output).toContain('already built');
    // The build records what it was made from; a build of other sources does not count.
    writeFileSync(path.join(out, '.source-stamp'), 'sources of an older checkout');
    const rebuilt = await build(out);
    expect(rebuilt.output).toContain('web app built');
    expectCompleteBuild(out);
    expect(readFileSync(path.join(out, '.source-stamp'), 'utf8')).not.toBe('sources of an older checkout');
  }, 180_000);

  it('stamps the sources by every file name and content', async () => {
    const { sourceStamp } = await import('../../scripts/web-build');
    const tree = path.join(scratch, 'tree');
    mkdirSync(path.join(tree, 'src'), { recursive: true });
    writeFileSync(path.join(tree, 'src', 'a.ts'), 'one');
    const first = sourceStamp(tree, ['src']);
    expect(sourceStamp(tree, ['src'])).toBe(first);
    writeFileSync(path.join(tree, 'src', 'a.ts'), 'two');
    const edited = sourceStamp(tree, ['src']);
    expect(edited).not.toBe(first);
    writeFileSync(path.join(tree, 'src', 'b.ts'), '');
    expect(sourceStamp(tree, ['src'])).not.toBe(edited);
  });
});
