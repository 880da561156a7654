// Subscriptions API over the sandbox: every input form, private-channel visibility, errors,
// plan limit, the resolve cache, and the list with ingest state.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors';
import { channels, tgAccounts, users } from '../../db/schema';
import type { IngestControl } from '../../edge/ports/ingest';
import { TelegramFailure } from '../../ingest-container/gateway/port';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';
import { manualClock, sandboxReader } from './ingest-fixtures';

let ctx: TestContext;
let resolveCalls = 0;

/** The port as the signed client presents it: TelegramFailure reasons arrive as AppError codes. */
function sandboxIngest(): IngestControl {
  const reader = sandboxReader(manualClock());
  const fail = () => Promise.reject(new Error('not used'));
  return {
    startQrLogin: fail,
    submitQrPassword: fail,
    simulateQrScan: fail,
    logoutAccount: fail,
    async resolveChannel({ reference }) {
      resolveCalls++;
      try {
        return await reader.resolveChannel(reference);
      } catch (error) {
        if (!(error instanceof TelegramFailure)) throw error;
        throw new AppError(error.reason, error.message);
      }
    },
  } as IngestControl;
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.services.ingest = sandboxIngest();
});
afterAll(async () => {
  await ctx.close();
});

async function userWithAccount(plan: 'free' | 'pro' = 'free') {
  const user = await createUser(ctx, { plan });
  const [account] = await ctx.database.db
    .insert(tgAccounts)
    .values({ userId: user.id, tgUserId: 7_000_000_001, sessionCipher: 'v1:x:y', kver: 1, isSandbox: true })
    .returning();
  return { user, account };
}

async function subscribe(userId: string, channel: string) {
  const response = await ctx.app.request('/v1/channels/subscribe', await asUser(ctx, userId, { method: 'POST', body: JSON.stringify({ channel }) }));
  return { status: response.status, body: (await response.json()) as { channel: { id: number; username: string | null; visibility: string; title: string }; created: boolean; error?: { code: string; message: string } } };
}

async function myChannels(userId: string) {
  const response = await ctx.app.request('/v1/channels/my', await asUser(ctx, userId));
  expect(response.status).toBe(200);
  return (await response.json()) as { items: { id: number; username: string | null; visibility: string; accessible: boolean; messageCount: number; syncState: string; simulatedMetrics: boolean }[]; limit: { channels: number; used: number }; simulatedMetrics: boolean };
}

describe('POST /v1/channels/subscribe', () => {
  it.each(['@nsmag', 'moscowmap', 't.me/habr_com', 'https://t.me/tproger/123', 't.me/s/proglibrary'])('follows a public channel given as %s', async (input) => {
    const { user } = await userWithAccount();
    const { status, body } = await subscribe(user.id, input);
    expect(status).toBe(201);
    expect(body.created).toBe(true);
    expect(body.channel.visibility).toBe('public');
    expect(body.channel.username).toBe(input.replace(/^.*?(@|t\.me\/(s\/)?)/, '').replace(/\/.*$/, '').replace(/^@/, ''));
  });

  it.each(['https://t.me/+oDf_lVJzbNQyYWFi', 't.me/joinchat/ScL1FOCgJCbFNJK1'])('follows a private channel by its invite link %s, recorded as private', async (input) => {
    const { user, account } = await userWithAccount();
    const { status, body } = await subscribe(user.id, input);
    expect(status).toBe(201);
    expect(body.channel).toMatchObject({ visibility: 'private', username: null });
    const [row] = await ctx.database.db.select().from(channels).where(eq(channels.id, body.channel.id));
    expect(row.inviteHash).toBe(input.split(/[+/]/).at(-1));
    const state = await ctx.database.db.execute(sql`select access_hash from account_channel_state where account_id = ${account.id} and channel_id = ${row.id}`);
    expect((state as unknown as { rows: { access_hash: string }[] }).rows[0].access_hash).toMatch(/^sandbox:invite:/);
  });

  it('is idempotent: following twice answers 200 with the same channel', async () => {
    const { user } = await userWithAccount();
    const first = await subscribe(user.id, '@mash');
    const again = await subscribe(user.id, 'https://t.me/mash/5');
    expect(again.status).toBe(200);
    expect(again.body.channel.id).toBe(first.body.channel.id);
  });

  it.each([
    ['bad name!', 400, 'INVALID_CHANNEL_REFERENCE'],
    ['https://example.com/mash', 400, 'INVALID_CHANNEL_REFERENCE'],
    ['@no_such_channel_here', 404, 'CHANNEL_NOT_FOUND'],
    ['t.me/+notARealInvite123', 404, 'INVITE_INVALID'],
    ['@sandbox_news_bot', 422, 'NOT_A_CHANNEL'],
  ])('%s → %i %s', async (input, status, code) => {
    const { user } = await userWithAccount();
    const result = await subscribe(user.id, input);
    expect(result.status).toBe(status);
    expect(result.body.error?.code).toBe(code);
  });

  it('a private channel is visible only to a session that sees it: no access → 403 CHANNEL_NO_ACCESS', async () => {
    const { user } = await userWithAccount();
    const original = ctx.services.ingest!;
    ctx.services.ingest = { ...original, resolveChannel: () => Promise.reject(new AppError('CHANNEL_PRIVATE', 'not a member')) };
    try {
      const result = await subscribe(user.id, 't.me/+iI538bjZlGJmYWQy');
      expect(result.status).toBe(403);
      expect(result.body.error?.code).toBe('CHANNEL_NO_ACCESS');
      expect((await myChannels(user.id)).items).toEqual([]);
    } finally {
      ctx.services.ingest = original;
    }
  });

  it('needs a connected account', async () => {
    const user = await createUser(ctx);
    const result = await subscribe(user.id, '@mash');
    expect(result.status).toBe(409);
    expect(result.body.error?.code).toBe('NO_CONNECTED_ACCOUNT');
    await ctx.database.db.insert(tgAccounts).values({ userId: user.id, tgUserId: 1, sessionCipher: 'v1:x:y', status: 'needs_relogin' });
    expect((await subscribe(user.id, '@mash')).body.error?.code).toBe('ACCOUNT_NEEDS_RELOGIN');
  });

  it('the plan limit answers 429 naming it', async () => {
    const { user } = await userWithAccount('free');
    const names = ['nsmag', 'moscowmap', 'bbcrussian', 'habr_com', 'proglibrary', 'tproger', 'shot_shot', 'rian_ru', 'mash', 'moscowtop'];
    for (const name of names) expect((await subscribe(user.id, `@${name}`)).status).toBe(201);
    const over = await subscribe(user.id, '@banksta');
    expect(over.status).toBe(429);
    expect(over.body.error?.code).toBe('PLAN_LIMIT_CHANNELS');
    expect(over.body.error?.message).toContain('10 channels');
    await ctx.database.db.update(users).set({ plan: 'pro' }).where(eq(users.id, user.id));
    expect((await subscribe(user.id, '@banksta')).status).toBe(201);
  });

  it('resolving is cached: the same reference through the same account asks Telegram once', async () => {
    const { user } = await userWithAccount();
    const before = resolveCalls;
    await subscribe(user.id, '@no_such_cached_one');
    await subscribe(user.id, '@no_such_cached_one');
    await subscribe(user.id, 't.me/+oDf_lVJzbNQyYWFi');
    const afterFirst = resolveCalls;
    await ctx.app.request('/v1/channels/unsubscribe', await asUser(ctx, user.id, { method: 'DELETE', body: JSON.stringify({ channelId: (await myChannels(user.id)).items[0].id }) }));
    await subscribe(user.id, 't.me/+oDf_lVJzbNQyYWFi');
    expect(afterFirst - before).toBe(2);
    expect(resolveCalls).toBe(afterFirst);
  });
});

describe('GET /v1/channels/my and DELETE /v1/channels/unsubscribe', () => {
  it('lists followed channels with their state, marks simulated metrics, and unfollows', async () => {
    const { user } = await userWithAccount();
    const followed = await subscribe(user.id, '@ru2ch');
    const list = await myChannels(user.id);
    expect(list.simulatedMetrics).toBe(true);
    expect(list.limit).toEqual({ channels: 10, used: 1, plan: 'free' });
    expect(list.items).toEqual([expect.objectContaining({ id: followed.body.channel.id, username: 'ru2ch', accessible: true, messageCount: 0, syncState: 'pending', simulatedMetrics: true })]);

    const removed = await ctx.app.request('/v1/channels/unsubscribe', await asUser(ctx, user.id, { method: 'DELETE', body: JSON.stringify({ channelId: followed.body.channel.id }) }));
    expect(removed.status).toBe(200);
    expect((await myChannels(user.id)).items).toEqual([]);
    const again = await ctx.app.request('/v1/channels/unsubscribe', await asUser(ctx, user.id, { method: 'DELETE', body: JSON.stringify({ channelId: followed.body.channel.id }) }));
    expect(again.status).toBe(404);
  });

  it("another user's subscription is a 404 and never listed", async () => {
    const a = await userWithAccount();
    const b = await userWithAccount();
    const followed = await subscribe(a.user.id, 't.me/+oDf_lVJzbNQyYWFi');
    expect((await myChannels(b.user.id)).items.map((i) => i.id)).not.toContain(followed.body.channel.id);
    const attempt = await ctx.app.request('/v1/channels/unsubscribe', await asUser(ctx, b.user.id, { method: 'DELETE', body: JSON.stringify({ channelId: followed.body.channel.id }) }));
    expect(attempt.status).toBe(404);
    expect((await myChannels(a.user.id)).items.map((i) => i.id)).toContain(followed.body.channel.id);
  });

  it('rejects malformed bodies with 400 naming the field', async () => {
    const { user } = await userWithAccount();
    const response = await ctx.app.request('/v1/channels/unsubscribe', await asUser(ctx, user.id, { method: 'DELETE', body: JSON.stringify({ channelId: 'abc' }) }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('channelId');
  });
});
