// Deployment files, checked offline (no docker engine here): Dockerfile.ingest linted by the rules
// hadolint would apply that matter to us, the Railway configs and wrangler.toml checked against
// the repository (paths exist, every variable named is a configuration key).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/config';

interface Instruction { op: string; args: string; line: number }

function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].trim();
    const start = i + 1;
    if (!line || line.startsWith('#')) continue;
    while (line.endsWith('\\')) line = line.slice(0, -1) + ' ' + lines[++i].trim();
    const m = /^(\w+)\s+(.*)$/.exec(line);
    if (!m) throw new Error(`Dockerfile line ${start}: ${line}`);
    out.push({ op: m[1].toUpperCase(), args: m[2], line: start });
  }
  return out;
}

const configKeys = new Set([...Object.keys(configSchema.shape), 'SESSION_KEY_1']);

describe('Dockerfile.ingest', () => {
  const steps = parseDockerfile(readFileSync('Dockerfile.ingest', 'utf8'));
  const stages = steps.filter((s) => s.op === 'FROM');
  const last = steps.slice(steps.lastIndexOf(stages[stages.length - 1]));

  it('is multi-stage, on a pinned Node 20 base, and the runtime copies from the earlier stages', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const s of stages) expect(s.args, `line ${s.line}`).toMatch(/^(node:20[\w.-]*|deps|build)\b/);
    expect(last.filter((s) => s.op === 'COPY' && s.args.includes('--from=')).length).toBeGreaterThan(0);
  });

  it('installs from the lockfile (npm ci), never npm install', () => {
    const runs = steps.filter((s) => s.op === 'RUN').map((s) => s.args);
    expect(runs.some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    expect(runs.some((r) => /\bnpm (i|install)\b/.test(r))).toBe(false);
  });

  it('runs as a non-root user, with a HEALTHCHECK and an exec-form CMD', () => {
    const user = last.filter((s) => s.op === 'USER').pop();
    expect(user?.args).toBeDefined();
    expect(['root', '0']).not.toContain(user!.args.trim());
    const health = last.find((s) => s.op === 'HEALTHCHECK');
    expect(health?.args).toMatch(/--interval=\d+s/);
    expect(health?.args).toMatch(/--timeout=\d+s/);
    expect(health?.args).toMatch(/CMD \[.*\/healthz/);
    const cmd = last.filter((s) => s.op === 'CMD').pop();
    const argv = JSON.parse(cmd!.args) as string[];
    expect(argv[0]).toBe('node'); // not npm/npx: signals reach the process
    expect(existsSync(argv[argv.length - 1])).toBe(true);
    // The service listens beyond loopback inside the container.
    expect(last.find((s) => s.op === 'ENV')?.args).toMatch(/HOST=0\.0\.0\.0/);
  });

  it('copies only paths that exist, and no secret is baked into the image', () => {
    for (const s of steps.filter((x) => x.op === 'COPY' && !x.args.includes('--from='))) {
      const parts = s.args.split(/\s+/).filter((p) => !p.startsWith('--'));
      for (const source of parts.slice(0, -1)) expect(existsSync(source), `COPY ${source} (line ${s.line})`).toBe(true);
    }
    for (const s of steps.filter((x) => x.op === 'ENV' || x.op === 'ARG')) expect(s.args).not.toMatch(/(KEY|SECRET|TOKEN|PASSWORD|DATABASE_URL)=/);
  });
});

describe('Railway configs', () => {
  for (const file of ['railway.json', 'deploy/railway/worker.json', 'deploy/railway/web.json']) {
    it(`${file}: builds Dockerfile.ingest, migrates before start, checks /healthz`, () => {
      const config = JSON.parse(readFileSync(file, 'utf8')) as { build: { builder: string; dockerfilePath: string }; deploy: Record<string, unknown> };
      expect(config.build.builder).toBe('DOCKERFILE');
      expect(existsSync(config.build.dockerfilePath)).toBe(true);
      expect(config.deploy.healthcheckPath).toBe('/healthz');
      const start = String(config.deploy.startCommand);
      expect(start).toMatch(/^node --import tsx /);
      expect(existsSync(start.split(' ').pop()!)).toBe(true);
      const pre = (config.deploy.preDeployCommand as string[]).join(' ');
      expect(pre).toContain('scripts/migrate.ts');
    });
  }

  it('the all-Railway variables reference the Postgres and Redis services and name only configuration keys', () => {
    const text = readFileSync('deploy/railway/variables.env', 'utf8');
    expect(text).toMatch(/^DATABASE_URL=\$\{\{Postgres\.DATABASE_URL\}\}$/m);
    expect(text).toMatch(/^REDIS_URL=\$\{\{Redis\.REDIS_URL\}\}$/m);
    for (const m of text.matchAll(/^([A-Z0-9_]+)=/gm)) expect(configKeys, m[1]).toContain(m[1]);
  });
});

describe('wrangler.toml', () => {
  const text = readFileSync('wrangler.toml', 'utf8');
  it('points at the Worker entry and the built web app', () => {
    expect(existsSync(/^main = "(.+)"$/m.exec(text)![1])).toBe(true);
    expect(/^directory = "\.\/dist\/web"$/m.test(text)).toBe(true);
    expect(text).toMatch(/run_worker_first = \[.*"\/healthz".*"\/queue\/\*"/);
  });

  it('lists secrets and vars that are all configuration keys, and the required ones', () => {
    const block = text.slice(text.indexOf('# Secrets'), text.indexOf('# Optional'));
    const secrets = [...block.matchAll(/\b([A-Z][A-Z0-9_]{3,})\b/g)].map((m) => m[1]).filter((n) => n !== 'NAME');
    for (const name of secrets) expect(configKeys, name).toContain(name);
    for (const needed of ['DATABASE_URL', 'SECRET_KEY', 'INTERNAL_SECRET', 'SESSION_KEY_1', 'QSTASH_TOKEN', 'QSTASH_CURRENT_SIGNING_KEY', 'QSTASH_NEXT_SIGNING_KEY', 'PUBLIC_URL', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN']) {
      expect(secrets).toContain(needed);
    }
    const vars = text.slice(text.indexOf('[vars]'), text.indexOf('# Secrets'));
    for (const m of vars.matchAll(/^([A-Z_]+) = /gm)) expect(configKeys, m[1]).toContain(m[1]);
  });
});
