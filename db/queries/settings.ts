// A user's preferences (language, tone, time zone): one row per user, made on first read.
import { eq, sql } from 'drizzle-orm';
import type { Tone, UiLanguage } from '../../core/settings';
import { userSettings } from '../schema';
import type { Db } from '../types';

const columns = { language: userSettings.language, tone: userSettings.tone, timeZone: userSettings.timeZone, updatedAt: userSettings.updatedAt };

export type UserSettingsRow = { language: UiLanguage; tone: Tone; timeZone: string; updatedAt: Date };

export async function settingsOf(db: Db, userId: string): Promise<UserSettingsRow> {
  const [row] = await db.select(columns).from(userSettings).where(eq(userSettings.userId, userId)).limit(1);
  if (row) return row as UserSettingsRow;
  // Users made before settings existed get the defaults on first read.
  const [created] = await db.insert(userSettings).values({ userId }).onConflictDoUpdate({ target: userSettings.userId, set: { userId } }).returning(columns);
  return created as UserSettingsRow;
}

export async function updateSettings(db: Db, userId: string, update: Partial<Pick<UserSettingsRow, 'language' | 'tone' | 'timeZone'>>): Promise<UserSettingsRow> {
  const [row] = await db
    .insert(userSettings)
    .values({ userId, ...update })
    .onConflictDoUpdate({ target: userSettings.userId, set: { ...update, updatedAt: sql`now()` } })
    .returning(columns);
  return row as UserSettingsRow;
}
