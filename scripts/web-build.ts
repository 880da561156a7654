// Builds the web app into a fresh temporary folder beside the target and renames it into place, so
// starts and test runs that build at the same time in one checkout never write into one folder: a
// reader sees the old build or the new one, never half of one.
//   tsx scripts/web-build.ts [--out DIR] [--force]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
/** Where the API serves the web app from (edge/static-node.ts WEB_DIST). */
export const DEFAULT_WEB_OUT = path.join(root, 'dist/web');
/** What the web app is built from: its own folder and the shared code it imports, and the locked packages. */
const WEB_SOURCES = ['web', 'core', 'db', 'edge', 'package-lock.json'];
const STAMP_FILE = '.source-stamp';

/** A hash of every file under `entries` (relative to `base`), names and contents, in a stable order. */
export function sourceStamp(base: string, entries: readonly string[] = WEB_SOURCES): string {
  const hash = createHash('sha256');
  const visit = (relative: string) => {
    const full = path.join(base, relative);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) if (!name.startsWith('.') && name !== 'node_modules' && name !== 'dist') visit(path.join(relative, name));
      return;
    }
    hash.update(relative).update('\0').update(readFileSync(full)).update('\0');
  };
  for (const entry of entries) visit(entry);
  return hash.digest('hex');
}

// A build counts only for the sources it was made from: after a pull, `npm start` builds again.
const built = (dir: string) => existsSync(path.join(dir, 'index.html'));
const current = (dir: string, stamp: string) => built(dir) && existsSync(path.join(dir, STAMP_FILE)) && readFileSync(path.join(dir, STAMP_FILE), 'utf8') === stamp;

function viteBuild(outDir: string) {
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', path.join(root, 'web/vite.config.ts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
  if (run.status !== 0 || !built(outDir)) throw new Error(`building the web app failed (vite exited with ${run.status ?? run.signal})`);
}

const isTaken = (error: unknown) => ['EEXIST', 'ENOTEMPTY', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '');

/**
 * Makes sure `out` holds a complete build of the current sources. Without `force` a build of the
 * same sources is kept (the first start builds, later ones do not until a source changes); with
 * `force` a new build replaces it.
 */
export function ensureWebBuilt(options: { out?: string; force?: boolean } = {}): { built: boolean } {
  const out = path.resolve(options.out ?? DEFAULT_WEB_OUT);
  const stamp = sourceStamp(root);
  if (!options.force && current(out, stamp)) return { built: false };
  const parent = path.dirname(out);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(path.join(parent, `.${path.basename(out)}-build-`));
  try {
    viteBuild(staging);
    writeFileSync(path.join(staging, STAMP_FILE), stamp);
    try {
      renameSync(staging, out);
      return { built: true };
    } catch (error) {
      if (!isTaken(error)) throw error;
    }
    // Something is in the way: a build another process finished first (keep it unless forced),
    // or an old or partial folder. Move it aside under a unique name, then take its place.
    if (!options.force && current(out, stamp)) return { built: false };
    const aside = `${staging}-old`;
    try {
      renameSync(out, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    try {
      renameSync(staging, out);
    } catch (error) {
      // Another process moved its own build in between: that one is as good as ours.
      if (!isTaken(error) || !built(out)) throw error;
    }
    rmSync(aside, { recursive: true, force: true });
    return { built: true };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  try {
    const result = ensureWebBuilt({ out: outIndex >= 0 ? args[outIndex + 1] : undefined, force: args.includes('--force') });
    console.log(result.built ? 'web app built' : 'web app already built');
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
