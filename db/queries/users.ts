// Users as sign-in sees them: one row per Telegram id, profile refreshed on every login.
import { eq, sql } from 'drizzle-orm';
import type { TelegramIdentity } from '../../core/auth/telegram-login';
import { userSettings, users } from '../schema';
import type { Db } from '../types';

/** The columns that make the signed-in user (edge/env.ts `CurrentUser`). */
export const currentUserColumns = {
  id: users.id,
  tgId: users.tgId,
  username: users.username,
  firstName: users.firstName,
  lastName: users.lastName,
  photoUrl: users.photoUrl,
  role: users.role,
  plan: users.plan,
};

/** The signed-in user's row by id, or undefined when the account no longer exists. */
export async function currentUser(db: Db, userId: string) {
  const [user] = await db.select(currentUserColumns).from(users).where(eq(users.id, userId)).limit(1);
  return user;
}

/** Creates the user on first sign-in (with default settings) or refreshes their profile. */
export async function upsertTelegramUser(db: Db, identity: Omit<TelegramIdentity, 'authDate'>) {
  return db.transaction(async (tx) => {
    const profile = {
      username: identity.username,
      firstName: identity.firstName,
      lastName: identity.lastName,
      photoUrl: identity.photoUrl,
    };
    const [user] = await tx
      .insert(users)
      .values({ tgId: identity.tgId, ...profile, lastLoginAt: sql`now()` })
      .onConflictDoUpdate({ target: users.tgId, set: { ...profile, lastLoginAt: sql`now()`, updatedAt: sql`now()` } })
      .returning(currentUserColumns);
    await tx.insert(userSettings).values({ userId: user.id }).onConflictDoNothing();
    return user;
  });
}
