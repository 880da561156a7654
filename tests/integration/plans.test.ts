// Plans: GET /v1/plans lists every plan's limits and the user's own; set-plan's verb changes a
// user's plan by Telegram id or username, and the new limits apply at once.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_LIMITS } from '../../core/plans';
import { users } from '../../db/schema';
import { changePlan, parseUserRef } from '../../edge/services/plans';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

describe('plans', () => {
  it('parses a Telegram id or a username', () => {
    expect(parseUserRef('123456')).toEqual({ tgId: 123456 });
    expect(parseUserRef('@Some_User')).toEqual({ username: 'Some_User' });
    expect(parseUserRef('no spaces please')).toBeNull();
  });

  it('set-plan by username and by id; /v1/plans and /v1/me follow', async () => {
    const user = await createUser(ctx, { username: 'plan_person', plan: 'free' });
    await expect(changePlan(ctx.database.db, '@PLAN_PERSON', 'pro')).resolves.toMatchObject({ from: 'free', to: 'pro' });
    const res = await ctx.app.request('/v1/plans', await asUser(ctx, user.id));
    const body = (await res.json()) as { current: string; plans: { name: string; limits: { channels: number } }[]; quotas: { generations: { limit: number } } };
    expect(body.current).toBe('pro');
    expect(body.plans.map((p) => p.name)).toEqual(['free', 'pro', 'enterprise']);
    expect(body.quotas.generations.limit).toBe(PLAN_LIMITS.pro.generationsPer30d);
    await changePlan(ctx.database.db, String(user.tgId), 'enterprise');
    expect((await ctx.database.db.select().from(users).where(eq(users.id, user.id)))[0].plan).toBe('enterprise');
  });

  it('refuses an unknown plan or user', async () => {
    await expect(changePlan(ctx.database.db, '@nobody_here', 'pro')).rejects.toThrow(/No user/);
    const user = await createUser(ctx);
    await expect(changePlan(ctx.database.db, String(user.tgId), 'platinum')).rejects.toThrow(/Unknown plan/);
  });
});
