// `npm test`: build what the tests serve, run every Vitest project, and end with one line
// `N passed, N failed` (the totals of every suite).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureWebBuilt } from './web-build';

const root = path.resolve(import.meta.dirname, '..');
const node = process.execPath;
const bin = (pkg: string, file: string) => path.join(root, 'node_modules', pkg, file);

// A fresh build, made in a temporary folder and renamed into place (a running start or another
// test run never sees a half-written dist/web).
try {
  ensureWebBuilt({ force: true });
} catch (error) {
  console.error((error as Error).message);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const outDir = mkdtempSync(path.join(tmpdir(), 'tgs-test-'));
const report = path.join(outDir, 'report.json');
// Everything the tests write to the temp dir (media, browser profiles, bundles) goes under this
// run's own folder, removed at the end.
const scratch = path.join(outDir, 'tmp');
mkdirSync(scratch);
const run = spawnSync(
  node,
  [bin('vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TMPDIR: scratch } },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { status: string; assertionResults: { status: string }[] }[];
  };
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  skipped = json.numPendingTests + json.numTodoTests;
  // A file that fails to load, or whose setup fails (its tests then report as skipped), has no
  // failed test but must count as failures: one per test it could not run, at least one.
  for (const file of json.testResults) {
    if (file.status !== 'failed' || file.assertionResults.some((a) => a.status === 'failed')) continue;
    const notRun = file.assertionResults.filter((a) => a.status !== 'passed').length;
    failed += Math.max(1, notRun);
    skipped -= notRun;
  }
} catch {
  failed = Math.max(failed, 1);
}
rmSync(outDir, { recursive: true, force: true });
if (run.status !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);
