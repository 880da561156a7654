// Property-based fuzzing of every route the app registers: generated bad path parameters, query
// strings, bodies, content types and sessions, in-process. No answer may be a 5xx, and every error
// answer must carry the one shape { error: { code, message } }. The route list is read from
// app.routes, so a route added tomorrow is fuzzed without touching this file.
//
// Reproduce a run: FUZZ_SEED=<seed printed below> npx vitest run tests/integration/fuzz-routes.test.ts --project integration
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signTelegramLogin } from '../../core/auth/telegram-login';
import { issueSessionToken, SESSION_COOKIE } from '../../edge/auth/session-token';
import { createIngestTestContext, type IngestTestContext } from '../helpers/with-ingest';
import { sessionCookie } from '../helpers/users';
import { seedIsolationWorld, type IsolationWorld } from '../isolation/seed';

const BOT_TOKEN = '123456:fuzz-bot-token-for-tests-only';
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS_PER_ROUTE ?? 10);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

interface Route {
  method: string;
  path: string;
}

interface Failure {
  route: string;
  request: string;
  status: number;
  body: string;
  session?: string;
}

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

// Values that broke or could break a parser, a cast or the database: numbers out of every range,
// coercible-looking strings, impossible and out-of-range dates, NULs, broken percent-escapes,
// lone surrogates, links that are not links, and very long strings.
const NASTY_STRINGS = [
  '', ' ', '0', '-1', '1.5', '1e3', '0x10', '0b11', '0o7', '+1', ' 1', '1 ', '00012', 'NaN', 'Infinity', '-Infinity',
  'true', 'false', 'null', 'undefined', '[]', '{}', '[1]', '9007199254740993', '99999999999999999999999',
  '9223372036854775808', '-9223372036854775809', '2147483648', String(Number.MAX_SAFE_INTEGER),
  '%', '%%', '%E0%A4%A', '%ZZ', '%00', '%C0%AF', '%uD800', '\u0000', 'a\u0000b', '\uD800', '\uDFFF', '\uFEFF',
  'tg://[', 'tg://', 'tg://resolve?domain=%E0%A4%A', 'tg://join?invite=', 't.me/%E0%A4%A', 'https://t.me/%E0%A4%A',
  'https://t.me/s/%', 'http://[::1', 'https://', '//t.me', 't.me/+', 't.me/joinchat/%FF', '@', '@\u0000abcde', 'x.t.me',
  '0000-01-01', '0000-01-01T00:00:00Z', '10000-01-01', '+010000-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00',
  '9999-12-31T23:59:59.999-23:59', '0001-01-01T00:00:00+14:00', '1969-12-31', '2024-02-30', '2023-02-29', '2024-13-01',
  '2024-00-10', '2024-01-01T24:00:00Z', '2024-01-01T23:60:00Z', '2024-01-01T00:00:00+25:00', '-000001-01-01T00:00:00Z',
  '275760-09-13T00:00:00Z', 'now', 'yesterday',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '00000000-0000-0000-0000-00000000000g',
  '../../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '<script>alert(1)</script>', "' OR 1=1 --", '"; drop table users; --',
  '\\', '"', "'", '\n', '\r\n', 'a'.repeat(5000), 'ё'.repeat(400), '🙂'.repeat(300),
];

const nastyString = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => `${s}\u0000${s}`) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), fc.double()).map(String) },
  { weight: 1, arbitrary: fc.uuid() },
);

/** A base64url cursor of the shapes our cursors have, holding impossible dates and ids. */
const nastyCursor = fc
  .tuple(fc.constantFrom(...NASTY_STRINGS.filter((s) => /^[-+\d]/.test(s)), '2024-01-01T00:00:00.000000Z', '0000-00-00T00:00:00Z', '2024-02-30T10:00:00Z', '9999-99-99T99:99:99Z'), fc.oneof(fc.integer(), fc.double(), fc.uuid(), fc.constant(null)))
  .map((pair) => b64url(JSON.stringify(pair)));

const jsonScalar = fc.oneof(
  nastyString,
  fc.constantFrom<unknown>(true, false, null, 0, -0, -1, 1, 0.5, 1e308, -1e308, 2 ** 53, 2 ** 63, 2 ** 31, [], {}, [null], { '': null }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: jsonScalar },
  { weight: 1, arbitrary: fc.array(jsonScalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), jsonScalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

// Field names the routes read (body and query); unknown names are generated too.
const FIELD_NAMES = [
  'channel', 'channelId', 'accountId', 'password', 'language', 'tone', 'timeZone', 'topicId', 'messageIds', 'platforms',
  'briefCount', 'editorResultId', 'count', 'briefId', 'from', 'to', 'type', 'lang', 'q', 'cursor', 'limit', 'window', 'by',
  'format', 'code', 'state', 'error', 'error_description', 'id', 'hash', 'auth_date', 'first_name', 'last_name', 'username',
  'photo_url', 'runId', 'step', '__proto__', 'constructor',
];
const fieldName = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FIELD_NAMES) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });

/** A Telegram Login payload signed with the test bot's token, its profile fields generated. */
const signedLogin = fc
  .record({ first_name: nastyString, last_name: fc.option(nastyString, { nil: undefined }), username: fc.option(nastyString, { nil: undefined }), photo_url: fc.option(nastyString, { nil: undefined }), id: fc.oneof(fc.constant('424242'), nastyString) })
  .map((fields) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, string>);

type BodySpec =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType: string | null }
  | { kind: 'raw'; text: string; contentType: string | null }
  | { kind: 'signed-login'; fields: Record<string, string> };

const contentType = fc.constantFrom<string | null>('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', null);
const bodySpec: fc.Arbitrary<BodySpec> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<BodySpec>({ kind: 'none' }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('json' as const), value: fc.dictionary(fieldName, jsonValue, { minKeys: 1, maxKeys: 4 }) as fc.Arbitrary<unknown>, contentType: fc.constant<string | null>('application/json') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('json' as const), value: jsonValue, contentType }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('raw' as const), text: fc.oneof(fc.constantFrom('{', '{"a":', 'nul', '\u0000', '[1,2', '"\\ud800"', '{"channelId": 1,}', '{"__proto__": {"x": 1}}', 'a=1&b=%E0%A4%A', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'), fc.string({ unit: 'binary', maxLength: 64 })), contentType }) },
  { weight: 1, arbitrary: signedLogin.map((fields): BodySpec => ({ kind: 'signed-login', fields })) },
);

type QuerySpec = { kind: 'pairs'; pairs: [string, string][]; raw: boolean } | { kind: 'signed-login'; fields: Record<string, string> };
const queryValue = fc.oneof({ weight: 4, arbitrary: nastyString }, { weight: 1, arbitrary: nastyCursor });
const querySpec: fc.Arbitrary<QuerySpec> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('pairs' as const), pairs: fc.array(fc.tuple(fieldName, queryValue), { maxLength: 4 }), raw: fc.boolean() }) },
  { weight: 1, arbitrary: signedLogin.map((fields): QuerySpec => ({ kind: 'signed-login', fields })) },
);

type SessionSpec = 'none' | 'user' | 'garbage' | 'subject-not-a-user-id' | 'subject-unknown-user';
const sessionSpec = fc.constantFrom<SessionSpec>('user', 'user', 'user', 'none', 'garbage', 'subject-not-a-user-id', 'subject-unknown-user');

/** Path parameters: generated values, sometimes a real id of the signed-in user's rows (so handlers go deep). */
const paramValue = (realIds: string[]) =>
  fc.record({ value: fc.oneof({ weight: 5, arbitrary: nastyString }, { weight: 1, arbitrary: fc.constantFrom(...realIds) }), raw: fc.boolean() });

// Raw mode keeps broken percent-escapes and odd characters as they are (the URL parser encodes
// what it must); otherwise the value is percent-encoded, lone surrogates as U+FFFD as browsers do.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const encodeLoose = (s: string, raw: boolean) => (raw ? s.replace(/[#?&/=]/g, (ch) => encodeURIComponent(ch)) : encodeURIComponent(s.replace(LONE_SURROGATE, '\uFFFD')));

describe('fuzz: every route in app.routes, with generated bad input', () => {
  let ctx: IngestTestContext;
  let world: IsolationWorld;
  let routes: Route[];
  let realIds: string[];
  const failures: Failure[] = [];
  let requests = 0;

  beforeAll(async () => {
    ctx = await createIngestTestContext({ TELEGRAM_AUTH_TOKEN: BOT_TOKEN, TELEGRAM_BOT_USERNAME: 'fuzz_bot', RATE_LIMIT_MULTIPLIER: '10000' });
    world = await seedIsolationWorld(ctx.database.db);
    const a = world.a;
    realIds = [a.account.id, a.qrLogin.id, a.pipelineRun.id, a.editorResult.id, a.imageBrief.id, a.contentPackage.id, String(a.topic.id), String(a.privateChannel.id), String(world.shared.channel.id)];
    const seen = new Set<string>();
    routes = ctx.app.routes
      // Middleware registrations (app.use) show up as ALL on a wildcard path; they are not routes.
      .filter((r) => !(r.method === 'ALL' && r.path.endsWith('*')))
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && Boolean(seen.add(`${r.method} ${r.path}`)))
      .map((r) => ({ method: r.method, path: r.path }));
  });

  afterAll(async () => {
    console.info(`fuzz: ${routes.length} routes, ${requests} requests, seed ${SEED}, ${failures.length} failures`);
    await ctx?.close();
  });

  async function cookieFor(spec: SessionSpec): Promise<string | null> {
    const { SECRET_KEY, SESSION_TTL_SECONDS } = ctx.config;
    switch (spec) {
      case 'none':
        return null;
      case 'user':
        return sessionCookie(ctx, world.a.user.id);
      case 'garbage':
        return `${SESSION_COOKIE}=not.a.jwt%E0%A4%A`;
      case 'subject-not-a-user-id':
        return `${SESSION_COOKIE}=${(await issueSessionToken(SECRET_KEY, 'not-a-uuid\u0000', SESSION_TTL_SECONDS, ctx.services.now())).token}`;
      case 'subject-unknown-user':
        return `${SESSION_COOKIE}=${(await issueSessionToken(SECRET_KEY, crypto.randomUUID(), SESSION_TTL_SECONDS, ctx.services.now())).token}`;
    }
  }

  async function signed(fields: Record<string, string>): Promise<Record<string, string>> {
    const withDate = { auth_date: String(ctx.services.now()), ...fields };
    return { ...withDate, hash: await signTelegramLogin(withDate, BOT_TOKEN) };
  }

  async function send(route: Route, params: { value: string; raw: boolean }[], query: QuerySpec, body: BodySpec, session: SessionSpec) {
    let i = 0;
    const path = route.path.replace(/:[A-Za-z_]+(\{[^}]*\})?/g, () => encodeLoose(params[i++]?.value ?? 'x', params[i - 1]?.raw ?? false));
    let search = '';
    if (query.kind === 'signed-login') search = new URLSearchParams(await signed(query.fields)).toString();
    else search = query.pairs.map(([k, v]) => `${encodeLoose(k, query.raw)}=${encodeLoose(v, query.raw)}`).join('&');

    const headers = new Headers();
    const cookie = await cookieFor(session);
    if (cookie) headers.set('cookie', cookie);
    const stateChanging = !['GET', 'HEAD', 'OPTIONS'].includes(route.method);
    if (stateChanging) headers.set('origin', `http://localhost:${ctx.config.PORT || 8080}`);
    let payload: string | undefined;
    if (stateChanging && body.kind !== 'none') {
      if (body.kind === 'signed-login') {
        payload = JSON.stringify(await signed(body.fields));
        headers.set('content-type', 'application/json');
      } else {
        payload = body.kind === 'json' ? JSON.stringify(body.value) ?? 'null' : body.text;
        if (body.contentType) headers.set('content-type', body.contentType);
      }
    }
    const method = route.method === 'ALL' ? 'POST' : route.method;
    const url = `http://localhost${path}${search ? `?${search}` : ''}`;
    const described = `${method} ${url.slice('http://localhost'.length).slice(0, 300)} session=${session}${payload !== undefined ? ` body=${JSON.stringify(payload.slice(0, 300))}` : ''}`;
    const logMark = ctx.logs.length;
    let res: Response;
    try {
      res = await ctx.app.request(url, { method, headers, body: payload });
    } catch (error) {
      failures.push({ route: `${route.method} ${route.path}`, request: described, status: 0, body: `threw: ${(error as Error).message}` });
      return;
    }
    requests++;
    const text = await res.text();
    // The error line the app logged for this request says where a 5xx came from.
    const logged = () => ctx.logs.slice(logMark).find((line) => line.includes('"level":"error"'))?.slice(0, 400) ?? '';
    const record = (why: string) => failures.push({ route: `${route.method} ${route.path}`, request: described, status: res.status, body: `${why}: ${text.slice(0, 300)} ${logged()}`, session });
    if (res.status >= 500) return record('5xx');
    if (res.status >= 400) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return record('error body is not JSON');
      }
      const error = (parsed as { error?: { code?: unknown; message?: unknown } })?.error;
      if (typeof error?.code !== 'string' || typeof error.message !== 'string' || !error.code || !error.message) return record('error body without { error: { code, message } }');
    }
  }

  it('answers every generated request with < 500, and every error with the one shape', async () => {
    expect(routes.length).toBeGreaterThan(20);
    for (const [index, route] of routes.entries()) {
      const paramCount = (route.path.match(/:[A-Za-z_]+/g) ?? []).length;
      await fc.assert(
        fc.asyncProperty(fc.array(paramValue(realIds), { minLength: paramCount, maxLength: paramCount }), querySpec, bodySpec, sessionSpec, async (params, query, body, session) => {
          await send(route, params, query, body, session);
        }),
        { numRuns: RUNS_PER_ROUTE, seed: SEED + index },
      );
    }
    // FUZZ_REPORT=<file> keeps every failure (request, answer, the error line logged) for study.
    if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(failures, null, 2));
    const byRoute = new Map<string, Failure[]>();
    for (const f of failures) byRoute.set(f.route, [...(byRoute.get(f.route) ?? []), f]);
    const report = [...byRoute.entries()].map(([route, list]) => `${route}: ${list.length}\n${list.slice(0, 3).map((f) => `    ${f.status} ${f.request}\n      → ${f.body}`).join('\n')}`).join('\n');
    expect(failures.length, `seed ${SEED}: ${failures.length} of ${requests} requests failed\n${report}`).toBe(0);
  }, 600_000);

  // The issue's examples of each 500 class and of coercion, pinned one by one.
  describe('the reported classes, by example', () => {
    const get = async (path: string, session: SessionSpec = 'user') => {
      const cookie = await cookieFor(session);
      return ctx.app.request(path, { headers: cookie ? { cookie } : {} });
    };
    const send = async (method: string, path: string, body: unknown) => {
      const cookie = (await cookieFor('user'))!;
      return ctx.app.request(path, { method, headers: { cookie, origin: `http://localhost:${ctx.config.PORT || 8080}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    };
    const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

    it.each(['t.me/%E0%A4%A', 'https://t.me/s/%', 'tg://[', 'tg://resolve?domain=%E0%A4%A'])('a channel reference %j → 400', async (channel) => {
      const res = await send('POST', '/v1/channels/subscribe', { channel });
      expect(res.status).toBe(400);
      expect((await codeOf(res)).code).toMatch(/INVALID_CHANNEL_REFERENCE|VALIDATION_FAILED/);
    });

    it.each([
      'from=0000-01-01',
      'to=9999-12-31T23:59:59-14:00',
      'from=10000-01-01',
      'from=2024-02-30',
      'from=1969-12-31',
      'from=2024-01-01T00:00:00%2B25:00',
      `cursor=${b64url(JSON.stringify(['0000-01-01T00:00:00Z', 1]))}`,
      `cursor=${b64url(JSON.stringify(['2024-02-30T10:00:00Z', 1]))}`,
      `cursor=${b64url(JSON.stringify(['2024-13-01T25:61:00Z', 1]))}`,
      `cursor=${b64url(JSON.stringify(['2024-01-01T00:00:00Z', 2 ** 63]))}`,
      'q=a%00b',
      'limit=0x10',
      'limit=1e1',
      'limit=%2016',
      'limit=016',
      'channel=0x10',
      'channel=1.0',
    ])('GET /v1/feed?%s → 400', async (query) => {
      const res = await get(`/v1/feed?${query}`);
      expect(res.status, await res.clone().text()).toBe(400);
    });

    it('GET /v1/feed with sane values still answers', async () => {
      expect((await get('/v1/feed?limit=16&from=2020-01-01&to=2999-12-31T23:59:59%2B03:00')).status).toBe(200);
      expect((await get(`/v1/feed?channel=${world.shared.channel.id}`)).status).toBe(200);
    });

    it.each(['limit=0x10', 'limit=-1', 'limit=101', 'limit=1.5'])('GET /v1/top?%s → 400', async (query) => {
      expect((await get(`/v1/top?${query}`)).status).toBe(400);
    });

    it.each(['0x10', '1e3', '-1', '0', '9007199254740992', '99999999999999999999', '%E0%A4%A'])('GET /v1/topics/%s → 400', async (id) => {
      expect((await get(`/v1/topics/${id}`)).status).toBe(400);
    });

    it(`GET /v1/packages with a cursor holding year 0 → 400`, async () => {
      expect((await get(`/v1/packages?cursor=${b64url(JSON.stringify(['0000-01-01T00:00:00Z', crypto.randomUUID()]))}`)).status).toBe(400);
      expect((await get('/v1/packages?to=%F0%9F%99%82')).status).toBe(400);
    });

    it.each([true, '1', 1.5, [1], { id: 1 }, null])('DELETE /v1/channels/unsubscribe {"channelId": %j} → 400, and nothing is unsubscribed', async (channelId) => {
      const before = (await (await get('/v1/channels/my')).json()) as { items: unknown[] };
      const res = await send('DELETE', '/v1/channels/unsubscribe', { channelId });
      expect(res.status).toBe(400);
      expect((await codeOf(res)).message).toMatch(/channelId/);
      const after = (await (await get('/v1/channels/my')).json()) as { items: unknown[] };
      expect(after.items.length).toBe(before.items.length);
    });

    it('a signed Telegram Login with a NUL in the name → 400 (POST) / back to the login page (GET)', async () => {
      const fields = await signed({ id: '424243', first_name: 'Ann\u0000a' });
      const posted = await ctx.app.request('/auth/telegram/callback', { method: 'POST', headers: { 'content-type': 'application/json', origin: `http://localhost:${ctx.config.PORT || 8080}` }, body: JSON.stringify(fields) });
      expect(posted.status).toBe(400);
      expect((await codeOf(posted)).message).toMatch(/NUL/);
      const redirected = await ctx.app.request(`/auth/telegram/callback?${new URLSearchParams(await signed({ id: '424244', first_name: 'Ann\u0000a' }))}`);
      expect(redirected.status).toBe(303);
      expect(redirected.headers.get('location')).toBe('/login?error=TELEGRAM_FIELD_INVALID');
    });

    it('a well-signed session whose subject is not a user id → 401 SESSION_INVALID', async () => {
      const res = await get('/v1/me', 'subject-not-a-user-id');
      expect(res.status).toBe(401);
      expect((await codeOf(res)).code).toBe('SESSION_INVALID');
    });
  });
});
