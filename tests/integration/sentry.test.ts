// Error reports to Sentry (SENTRY_DSN), against a local ingestion endpoint that parses the
// envelopes: what a 5xx sends (fields, auth header, frames) and what it never sends (secrets, user
// text, query strings, cookies, tokens), that a 4xx sends nothing, that no DSN means no network
// call, that a bad DSN stops the start with a clear message, and that reporting is bounded and
// never delays the response (Node) or is handed to waitUntil (Workers).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, parseConfig } from '../../core/config';
import { createSentryReporter, errorReporterFrom, noErrorReporter, reportLoggedErrors } from '../../core/error-report';
import { createLogger } from '../../core/log';
import { parseSentryDsn } from '../../core/sentry';
import { createApp } from '../../edge/app';
import { reportJobFailures } from '../../edge/jobs/report';
import { NonRetryableJobError } from '../../edge/ports/queue';
import { createNodeServices } from '../../edge/wire-node';
import { version } from '../../package.json';
import { startFakeSentry, type FakeSentry, type ReceivedEnvelope } from '../fakes/sentry';
import { createTestContext, testConfig, type TestContext } from '../helpers/context';
import { seededSecrets } from '../helpers/seeded-secrets';
import { asUser, createUser } from '../helpers/users';

const tag = crypto.randomUUID().slice(0, 8);
const SECRETS = { ...seededSecrets(tag), OPENAI_API_KEY: `sk-openai-${tag}` };
const DSN_SECRET = `dsn-secret-${tag}`;
const SEARCH = `SearchText${tag}`;
const BROKEN = `BrokenText${tag}`;

interface EventPayload {
  event_id: string;
  timestamp: number;
  platform: string;
  level: string;
  environment: string;
  release: string;
  transaction?: string;
  tags: Record<string, string>;
  exception: { values: { type: string; value: string; stacktrace?: { frames: { filename: string; function?: string; lineno?: number; colno?: number; in_app: boolean }[] }; mechanism: { handled: boolean } }[] };
  sdk: { name: string; version: string };
}

const eventOf = (envelope: ReceivedEnvelope) => envelope.items[0].payload as unknown as EventPayload;

describe('error reports (Sentry)', () => {
  let sentry: FakeSentry;
  let ctx: TestContext;
  let dsn: string;
  let userId: string;

  beforeAll(async () => {
    sentry = await startFakeSentry();
    // A legacy DSN with a secret part: the secret must never travel.
    dsn = sentry.dsn().replace('publickey0123456789@', `publickey0123456789:${DSN_SECRET}@`);
    ctx = await createTestContext({ ...SECRETS, SENTRY_DSN: dsn, SENTRY_RELEASE: `tg-studio@test-${tag}` });
    userId = (await createUser(ctx, { firstName: `Name${tag}` })).id;
  });
  afterAll(async () => {
    await ctx?.close();
    await sentry?.close();
  });
  beforeEach(() => sentry.reset());

  /**
   * The app over the test database with a reporter of its own, wired from the same configuration:
   * the same failure is sent once a minute, so each test starts without the others' history.
   */
  async function freshApp() {
    const services = await createNodeServices(ctx.config, ctx.database, createLogger({ level: 'error', sink: () => undefined }));
    return { services, app: createApp(services) };
  }

  async function failingFeed(init?: RequestInit, executionCtx?: Parameters<typeof ctx.app.request>[3], app = ctx.app) {
    await ctx.database.db.execute(sql`alter table messages rename to messages_away`);
    try {
      const started = performance.now();
      const response = await app.request(`/v1/feed?q=${SEARCH}&from=2024-01-01T00:00:00Z`, init ?? (await asUser(ctx, userId)), undefined, executionCtx);
      return { response, ms: performance.now() - started };
    } finally {
      await ctx.database.db.execute(sql`alter table messages_away rename to messages`);
    }
  }

  it('a 500 sends one envelope: the auth header, the event with class, scrubbed message, frames, route pattern and request id', async () => {
    expect(ctx.services.errors.kind).toBe('sentry');
    const { response } = await failingFeed();
    expect(response.status).toBe(500);
    const requestId = response.headers.get('x-request-id');
    const [envelope] = await sentry.waitFor(1);

    expect(envelope.method).toBe('POST');
    expect(envelope.path).toBe('/api/42/envelope/');
    expect(envelope.headers['content-type']).toBe('application/x-sentry-envelope');
    expect(envelope.headers['x-sentry-auth']).toBe(`Sentry sentry_version=7, sentry_key=publickey0123456789, sentry_client=tg-studio/${version}`);

    const event = eventOf(envelope);
    expect(envelope.header).toEqual({ event_id: event.event_id, dsn: sentry.dsn(), sent_at: expect.any(String), sdk: { name: 'tg-studio', version } });
    expect(event.event_id).toMatch(/^[0-9a-f]{32}$/);
    expect(Date.parse(String(envelope.header.sent_at))).toBeGreaterThan(Date.now() - 60_000);
    expect(envelope.items).toHaveLength(1);
    expect(envelope.items[0].header).toEqual({ type: 'event', length: Buffer.byteLength(JSON.stringify(event)), content_type: 'application/json' });

    expect(event).toMatchObject({ platform: 'javascript', level: 'error', environment: 'test', release: `tg-studio@test-${tag}`, transaction: 'GET /v1/feed' });
    expect(event.tags).toEqual({ service: 'api', route: 'GET /v1/feed', request_id: requestId });
    expect(Math.abs(event.timestamp - Date.now() / 1000)).toBeLessThan(60);
    // The failed query and, before it, the driver's error it wraps (Sentry's order: cause first).
    const values = event.exception.values;
    expect(values.length).toBeGreaterThanOrEqual(2);
    const outer = values[values.length - 1];
    expect(outer).toMatchObject({ type: 'DrizzleQueryError', value: 'Failed query' });
    expect(outer.mechanism.handled).toBe(true);
    expect(values[0].value).toMatch(/relation "…" does not exist/);
    const frames = outer.stacktrace!.frames;
    expect(frames.length).toBeGreaterThan(2);
    for (const f of frames) {
      // Files by absolute path, or Node's own modules (never in_app).
      expect(f.filename).toMatch(/^(\/.+\.(ts|js)|node:[\w/]+)$/);
      if (f.filename.startsWith('node:')) expect(f.in_app).toBe(false);
      expect(f.lineno).toBeGreaterThan(0);
    }
    // Oldest call first: the newest frame (where it was thrown) is last, and ours are in_app.
    expect(frames.some((f) => f.in_app && f.filename.endsWith('/edge/routes/feed.ts'))).toBe(true);
    expect(frames.at(-1)!.filename).toMatch(/node_modules\/drizzle-orm\//);
    expect(frames.at(-1)!.in_app).toBe(false);
  });

  it('sends no secret, user text, query string, cookie or token, and not the DSN secret', async () => {
    const { app, services } = await freshApp();
    const init = await asUser(ctx, userId);
    const cookie = new Headers(init.headers).get('cookie')!;
    await failingFeed(init, undefined, app);
    // A failure whose own message quotes user input (a parameter the database refused).
    const failure = await ctx.database.db.execute(sql`select ${BROKEN}::uuid`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    const quoted = new Error(`could not read "${BROKEN}" with '${SECRETS.OPENAI_API_KEY}'`);
    await Promise.all([services.errors.report(failure), services.errors.report(quoted)]);
    const envelopes = await sentry.waitFor(3);

    const sent = envelopes.map((e) => `${JSON.stringify(e.headers)}\n${e.raw}`).join('\n');
    const needles = [...Object.values(SECRETS), DSN_SECRET, SEARCH, BROKEN, `Name${tag}`, cookie, cookie.split('=')[1], 'q=', '2024-01-01', userId];
    expect(needles.filter((n) => sent.includes(n))).toEqual([]);
    const values = envelopes.flatMap((e) => eventOf(e).exception.values.map((v) => v.value));
    expect(values).toContain('could not read "…" with \'…\'');
    expect(values.some((v) => /invalid input syntax for type uuid: "…"/.test(v))).toBe(true);
  });

  it('a 4xx (bad input, no route, signed out, over a limit) sends nothing', async () => {
    const as = await asUser(ctx, userId);
    const statuses = [
      (await ctx.app.request(`/v1/feed?from=${BROKEN}`, as)).status,
      (await ctx.app.request(`/v1/nothing-here?q=${SEARCH}`, as)).status,
      (await ctx.app.request('/v1/feed')).status,
      (await ctx.app.request('/v1/settings', await asUser(ctx, userId, { method: 'PUT', body: `{"tone": "${BROKEN}"` }))).status,
      (await ctx.app.request('/v1/settings', await asUser(ctx, userId, { method: 'PUT', body: JSON.stringify({ x: 'y'.repeat(70_000) }) }))).status,
    ];
    for (const status of statuses) expect(Math.floor(status / 100)).toBe(4);
    await ctx.services.errors.flush();
    expect(sentry.received).toEqual([]);
  });

  it('a typed 5xx (the Telegram service not running) is reported with its code\'s class and route', async () => {
    const { app } = await freshApp();
    const response = await app.request('/v1/auth/qr', await asUser(ctx, userId, { method: 'POST' }));
    expect(response.status).toBe(503);
    const [envelope] = await sentry.waitFor(1);
    const event = eventOf(envelope);
    expect(event.tags).toEqual({ service: 'api', route: 'POST /v1/auth/qr', request_id: response.headers.get('x-request-id'), code: 'INGEST_UNAVAILABLE' });
    expect(event.exception.values.at(-1)).toMatchObject({ type: 'AppError', value: 'The Telegram service is not running' });
  });

  it('Node: the response does not wait for the report', async () => {
    const { app } = await freshApp();
    sentry.respondWith({ delayMs: 1500 });
    const { response, ms } = await failingFeed(undefined, undefined, app);
    expect(response.status).toBe(500);
    expect(ms).toBeLessThan(1200);
    expect(sentry.received).toHaveLength(0);
    await sentry.waitFor(1);
  });

  it('Workers: the report is handed to waitUntil, and delivered when that settles', async () => {
    sentry.respondWith({ delayMs: 300 });
    const waited: Promise<unknown>[] = [];
    const executionCtx = { waitUntil: (p: Promise<unknown>) => void waited.push(p), passThroughOnException: () => undefined, props: {} };
    const { app } = await freshApp();
    const { response } = await failingFeed(undefined, executionCtx, app);
    expect(response.status).toBe(500);
    expect(waited).toHaveLength(1);
    expect(sentry.received).toHaveLength(0);
    await Promise.all(waited);
    expect(sentry.received).toHaveLength(1);
    expect(eventOf(sentry.received[0]).tags.route).toBe('GET /v1/feed');
  });

  it('without SENTRY_DSN the reporter is the no-op and a 500 makes no network call', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    try {
      const services = await createNodeServices(testConfig(SECRETS), ctx.database, createLogger({ level: 'error', sink: () => undefined }));
      expect(services.errors).toBe(noErrorReporter);
      const app = createApp(services);
      await ctx.database.db.execute(sql`alter table messages rename to messages_away`);
      try {
        expect((await app.request(`/v1/feed?q=${SEARCH}`, await asUser(ctx, userId))).status).toBe(500);
      } finally {
        await ctx.database.db.execute(sql`alter table messages_away rename to messages`);
      }
      await services.errors.flush();
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(errorReporterFrom(parseConfig({}), { fetch: fetchSpy as never, log: createLogger(), service: 'api', version })).toBe(noErrorReporter);
    } finally {
      fetchSpy.mockRestore();
    }
    expect(sentry.received).toEqual([]);
  });

  describe('jobs', () => {
    it('a job that failed for good is reported once with its topic; retried attempts and non-retryable payloads are not', async () => {
      const reporter = (await freshApp()).services.errors;
      const handlers = reportJobFailures(
        {
          'test.flaky': async () => {
            throw new Error('step exploded');
          },
          'test.bad': async () => {
            throw new NonRetryableJobError('payload is malformed');
          },
        },
        reporter,
        3,
      );
      const errors: unknown[] = [];
      for (let attempt = 1; attempt <= 4; attempt++) errors.push(await handlers['test.flaky']({}, { messageId: 'm1', attempt }).catch((e: unknown) => e));
      await handlers['test.bad']({}, { messageId: 'm2', attempt: 1 }).catch(() => undefined);
      // The error handler a QStash callback's failure reaches sees the same errors again: nothing more.
      for (const error of errors) await reporter.report(error, { route: 'POST /queue/:topic' });
      await reporter.flush();
      expect(sentry.received).toHaveLength(1);
      const event = eventOf(sentry.received[0]);
      expect(event.tags).toEqual({ service: 'api', job: 'test.flaky' });
      expect(event.transaction).toBe('job test.flaky');
      expect(event.exception.values.at(-1)).toMatchObject({ type: 'Error', value: 'step exploded' });
    });
  });

  describe('the ingest service', () => {
    it('reports what it logs as an error with the error attached, with its component; not warnings, not a lost database', async () => {
      const lines: string[] = [];
      const reporter = createSentryReporter({ dsn: sentry.dsn(), fetch, log: createLogger({ sink: (l) => lines.push(l) }), environment: 'production', release: 'r1', service: 'ingest', sdkVersion: version });
      const log = reportLoggedErrors(createLogger({ sink: (l) => lines.push(l) }), reporter, { ignore: (e) => (e as { code?: string }).code === 'ECONNREFUSED' });
      const loop = log.child({ component: 'ingest-loop', accountId: `acct-${tag}` });
      loop.warn('channel failed; retrying', { error: new Error('transient') });
      loop.error('no error attached here');
      loop.error('ingest lease refresh failed', { error: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
      loop.error('ingest account pass failed', { error: new TypeError(`cannot read "${SEARCH}"`) });
      await reporter.flush();
      expect(sentry.received).toHaveLength(1);
      const event = eventOf(sentry.received[0]);
      expect(event).toMatchObject({ environment: 'production', release: 'r1', transaction: 'ingest account pass failed' });
      expect(event.tags).toEqual({ service: 'ingest', component: 'ingest-loop', operation: 'ingest account pass failed' });
      expect(event.exception.values).toMatchObject([{ type: 'TypeError', value: 'cannot read "…"' }]);
      expect(sentry.received[0].raw).not.toContain(tag);
      // The log lines themselves are unchanged.
      expect(lines.filter((l) => l.includes('"level":"error"'))).toHaveLength(3);
    });
  });

  describe('bounded', () => {
    const quiet = () => {
      const lines: string[] = [];
      return { lines, log: createLogger({ level: 'debug', sink: (l) => lines.push(l) }) };
    };

    it('gives up after the timeout, logs one warning without the DSN, and never rejects', async () => {
      const { lines, log } = quiet();
      const reporter = createSentryReporter({ dsn, fetch, log, environment: 'test', release: 'r', service: 'api', sdkVersion: version, timeoutMs: 200 });
      sentry.respondWith({ delayMs: 2000 });
      const started = performance.now();
      await expect(reporter.report(new Error('slow sentry'))).resolves.toBeUndefined();
      expect(performance.now() - started).toBeLessThan(1500);
      const warnings = lines.filter((l) => l.includes('"level":"warn"'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('timeout after 200 ms');
      expect(lines.join('\n')).not.toContain('publickey0123456789');
      expect(lines.join('\n')).not.toContain(DSN_SECRET);
    });

    it('an unreachable Sentry is a warning, not an error of the caller', async () => {
      const { lines, log } = quiet();
      const reporter = createSentryReporter({ dsn: 'http://key@127.0.0.1:1/7', fetch, log, environment: 'test', release: 'r', service: 'api', sdkVersion: version });
      await expect(reporter.report(new Error('nowhere to go'))).resolves.toBeUndefined();
      expect(lines.filter((l) => l.includes('error report not sent'))).toHaveLength(1);
    });

    it('the same failure is sent once a minute, a 429 pauses sending, and at most 10 are in flight', async () => {
      let clock = Date.now();
      const { log } = quiet();
      const make = () => createSentryReporter({ dsn: sentry.dsn(), fetch, log, environment: 'test', release: 'r', service: 'api', sdkVersion: version, now: () => clock });
      const failAt = (n: number) => new Error(`failure ${n}`);

      const repeats = make();
      const same = () => new Error('same place');
      for (let i = 0; i < 5; i++) await repeats.report(same());
      expect(sentry.received).toHaveLength(1);
      clock += 61_000;
      await repeats.report(same());
      expect(sentry.received).toHaveLength(2);

      sentry.reset();
      const limited = make();
      sentry.respondWith({ status: 429, headers: { 'retry-after': '30' } });
      await limited.report(failAt(1));
      await limited.report(failAt(2));
      expect(sentry.received).toHaveLength(1);
      clock += 31_000;
      await limited.report(failAt(3));
      expect(sentry.received).toHaveLength(2);

      sentry.reset();
      const busy = make();
      sentry.respondWith(...Array.from({ length: 20 }, () => ({ delayMs: 300 })));
      await Promise.all(Array.from({ length: 20 }, (_, i) => busy.report(failAt(100 + i))));
      expect(sentry.received).toHaveLength(10);
    });
  });
});

describe('SENTRY_DSN at start', () => {
  it('a malformed DSN is a configuration error naming SENTRY_DSN and what is wrong, never quoting it', () => {
    const cases: [string, RegExp][] = [
      ['not a dsn at all', /not a URL/],
      ['https://o1.ingest.sentry.io/42', /no public key/],
      ['https://key@o1.ingest.sentry.io/', /numeric project id/],
      ['https://key@o1.ingest.sentry.io/project', /numeric project id/],
      ['ftp://key@o1.ingest.sentry.io/42', /scheme/],
      ['https://key@o1.ingest.sentry.io/42?x=1', /no query/],
    ];
    for (const [value, reason] of cases) {
      let error: unknown;
      try {
        parseConfig({ SENTRY_DSN: value });
      } catch (e) {
        error = e;
      }
      expect(error, value).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/SENTRY_DSN: must be a Sentry DSN, https:\/\/<public key>@<host>\/<project id>/);
      expect(message, value).toMatch(reason);
      expect(message).not.toContain(value);
    }
  });

  it('a good DSN gives the envelope endpoint (with a path prefix too), without its secret part', () => {
    expect(parseSentryDsn('https://abc123@o9.ingest.sentry.io/4501')).toEqual({
      dsn: 'https://abc123@o9.ingest.sentry.io/4501',
      publicKey: 'abc123',
      projectId: '4501',
      envelopeUrl: 'https://o9.ingest.sentry.io/api/4501/envelope/',
    });
    expect(parseSentryDsn('http://abc:legacy@sentry.internal:9000/tools/sentry/7')).toMatchObject({
      dsn: 'http://abc@sentry.internal:9000/tools/sentry/7',
      envelopeUrl: 'http://sentry.internal:9000/tools/sentry/api/7/envelope/',
    });
    const config = parseConfig({ SENTRY_DSN: 'https://abc123@o9.ingest.sentry.io/4501', SENTRY_ENVIRONMENT: 'staging' });
    expect(config.SENTRY_ENVIRONMENT).toBe('staging');
    expect(parseConfig({ SENTRY_DSN: '' }).SENTRY_DSN).toBeUndefined();
  });
});
