// Fixtures: users and signed-in cookies, built directly (tests of the login flow itself use the real callback).
import { issueSessionToken, SESSION_COOKIE } from '../../edge/auth/session-token';
import { userSettings, users } from '../../db/schema';
import type { TestContext } from './context';

let nextTgId = 1_000_000 + Math.floor(Math.random() * 1_000_000);

export async function createUser(ctx: Pick<TestContext, 'database'>, overrides: Partial<typeof users.$inferInsert> = {}) {
  const [user] = await ctx.database.db
    .insert(users)
    .values({ tgId: nextTgId++, username: `user${nextTgId}`, firstName: 'Test', ...overrides })
    .returning();
  await ctx.database.db.insert(userSettings).values({ userId: user.id }).onConflictDoNothing();
  return user;
}

/** A Cookie header value that signs in as this user. */
export async function sessionCookie(ctx: Pick<TestContext, 'config' | 'services'>, userId: string): Promise<string> {
  const { token } = await issueSessionToken(ctx.config.SECRET_KEY, userId, ctx.config.SESSION_TTL_SECONDS, ctx.services.now());
  return `${SESSION_COOKIE}=${token}`;
}

/** Headers for a signed-in, same-origin request (state-changing requests need the Origin). */
export async function asUser(ctx: Pick<TestContext, 'config' | 'services'>, userId: string, init: RequestInit = {}): Promise<RequestInit> {
  const headers = new Headers(init.headers);
  headers.set('cookie', await sessionCookie(ctx, userId));
  headers.set('origin', `http://localhost:${ctx.config.PORT || 8080}`);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return { ...init, headers };
}
