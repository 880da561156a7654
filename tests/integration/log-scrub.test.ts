// The log scrub: a run of the app with seeded secrets and user texts, including requests that fail
// inside the database with user text among the query's parameters. No secret and no user text may
// appear in any log line; a failed query is logged by its SQL text and parameter count.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signTelegramLogin } from '../../core/auth/telegram-login';
import { createLogger } from '../../core/log';
import { users } from '../../db/schema';
import { asUser } from '../helpers/users';
import { seededSecrets } from '../helpers/seeded-secrets';
import { createIngestTestContext, type IngestTestContext } from '../helpers/with-ingest';

const tag = crypto.randomUUID().slice(0, 8);
const SECRETS = seededSecrets(tag);
const TEXTS = {
  name: `NameText${tag}`,
  search: `SearchText${tag}`,
  channel: `ChannelText${tag}`,
  password: `PasswordText${tag}`,
  timeZone: `Zone/Text${tag}`,
  broken: `BrokenText${tag}`,
};
const ORIGIN = 'http://localhost:8080';

describe('log scrub', () => {
  let ctx: IngestTestContext;
  const issuedTokens: string[] = [];

  beforeAll(async () => {
    ctx = await createIngestTestContext({ ...SECRETS, RATE_LIMIT_MULTIPLIER: '100' });
  });
  afterAll(async () => ctx?.close());

  it('a run with sign-in, searches, bad input and database failures logs no secret and no user text', async () => {
    // Sign in through the real widget callback, with a name of the user's own.
    const fields = { id: String(620_000_000 + Math.floor(Math.random() * 1e6)), first_name: TEXTS.name, auth_date: String(ctx.services.now()) };
    const signedIn = await ctx.app.request('/auth/telegram/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ ...fields, hash: await signTelegramLogin(fields, SECRETS.TELEGRAM_AUTH_TOKEN) }),
    });
    expect(signedIn.status).toBe(200);
    issuedTokens.push(/tgs_session=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')?.[1] ?? 'missing-token');
    const [user] = await ctx.database.db.select({ id: users.id }).from(users).where(sql`${users.firstName} = ${TEXTS.name}`);
    const as = (init: RequestInit = {}) => asUser(ctx, user.id, init);

    // Ordinary traffic and bad input carrying user text.
    const requests: [string, RequestInit][] = [
      [`/v1/feed?q=${TEXTS.search}`, await as()],
      [`/v1/feed?q=${TEXTS.search}%00`, await as()],
      [`/v1/feed?from=${TEXTS.broken}`, await as()],
      ['/v1/channels/subscribe', await as({ method: 'POST', body: JSON.stringify({ channel: `t.me/${TEXTS.channel}%E0%A4%A` }) })],
      ['/v1/channels/subscribe', await as({ method: 'POST', body: JSON.stringify({ channel: TEXTS.channel }) })],
      ['/v1/settings', await as({ method: 'PUT', body: JSON.stringify({ timeZone: TEXTS.timeZone }) })],
      ['/v1/auth/qr', await as({ method: 'POST' })],
      ['/v1/settings', await as({ method: 'PUT', body: `{"tone": "${TEXTS.broken}"` })],
    ];
    for (const [path, init] of requests) expect((await ctx.app.request(path, init)).status).toBeLessThan(500);
    const qr = (await (await ctx.app.request('/v1/auth/qr', await as({ method: 'POST' }))).json()) as { login_id: string };
    await ctx.app.request(`/v1/auth/qr/${qr.login_id}/password`, await as({ method: 'POST', body: JSON.stringify({ password: TEXTS.password }) }));

    // The database fails under queries that carry user text as parameters (a page not read
    // before: a page read above is answered from the feed cache without touching posts).
    await ctx.database.db.execute(sql`alter table messages rename to messages_away`);
    try {
      const failed = await ctx.app.request(`/v1/feed?q=${TEXTS.search}&limit=29`, await as());
      expect(failed.status).toBe(500);
    } finally {
      await ctx.database.db.execute(sql`alter table messages_away rename to messages`);
    }
    const logger = createLogger({ sink: (line) => ctx.logs.push(line) });
    const failure = await ctx.database.db.execute(sql`select ${TEXTS.broken}::uuid`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    logger.error('query failed', { error: failure });
    logger.error('copied message', { reason: (failure as Error).message });

    await ctx.app.request('/auth/logout', await as({ method: 'POST' }));

    const lines = ctx.logs;
    expect(lines.length).toBeGreaterThan(10);
    const all = lines.join('\n');
    const needles = [...Object.values(SECRETS), ...Object.values(TEXTS), ...issuedTokens, encodeURIComponent(TEXTS.timeZone)];
    const found = needles.filter((n) => all.includes(n));
    expect(found, `found in the logs: ${found.join(', ')}\n${lines.filter((l) => found.some((n) => l.includes(n))).slice(0, 5).join('\n')}`).toEqual([]);

    // Failed queries are still diagnosable: their SQL and parameter count are there.
    const errorLines = lines.filter((l) => l.includes('"level":"error"')).map((l) => JSON.parse(l) as { error?: { cause?: Record<string, unknown> } & Record<string, unknown> });
    const queryFailures = errorLines.map((l) => l.error).filter((e) => e && typeof e.query === 'string');
    expect(queryFailures.length).toBeGreaterThanOrEqual(2);
    for (const e of queryFailures) {
      expect(typeof e!.paramCount, JSON.stringify(e).slice(0, 800)).toBe('number');
      expect(String(e!.query)).toMatch(/select/i);
    }
    expect(queryFailures.some((e) => Number(e!.paramCount) > 0)).toBe(true);
    const relationMissing = queryFailures.find((e) => e!.cause?.code === '42P01' || e!.code === '42P01');
    expect(relationMissing, JSON.stringify(queryFailures).slice(0, 500)).toBeTruthy();
  });
});
