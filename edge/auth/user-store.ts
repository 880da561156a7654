// Users as sign-in sees them: one row per Telegram id, profile refreshed on every login.
import { sql } from 'drizzle-orm';
import type { TelegramIdentity } from '../../core/auth/telegram-login';
import { userSettings, users } from '../../db/schema';
import type { Db } from '../../db/types';
import type { CurrentUser } from '../env';

/** The columns that make a CurrentUser. */
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

export async function upsertTelegramUser(db: Db, identity: Omit<TelegramIdentity, 'authDate'>): Promise<CurrentUser> {
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
