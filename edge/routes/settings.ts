// GET/PUT /v1/settings: the signed-in user's preferences (language, tone, IANA time zone).
import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { isIanaTimeZone, TONES, UI_LANGUAGES } from '../../core/settings';
import { userSettings } from '../../db/schema';
import type { Db } from '../../db/types';
import type { AppEnv } from '../env';
import { validate } from '../validate';

const settingsUpdate = z
  .object({
    language: z.enum(UI_LANGUAGES),
    tone: z.enum(TONES),
    timeZone: z.string().max(64).refine(isIanaTimeZone, 'must be an IANA time zone such as Europe/Moscow'),
  })
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'nothing to update');

const columns = { language: userSettings.language, tone: userSettings.tone, timeZone: userSettings.timeZone, updatedAt: userSettings.updatedAt };

export async function loadSettings(db: Db, userId: string) {
  const [row] = await db.select(columns).from(userSettings).where(eq(userSettings.userId, userId)).limit(1);
  if (row) return row;
  // Users made before settings existed get the defaults on first read.
  const [created] = await db.insert(userSettings).values({ userId }).onConflictDoUpdate({ target: userSettings.userId, set: { userId } }).returning(columns);
  return created;
}

export const settingsRoutes = new Hono<AppEnv>()
  .get('/v1/settings', async (c) => {
    const settings = await loadSettings(c.get('services').database.db, c.get('user').id);
    return c.json({ settings, options: { languages: UI_LANGUAGES, tones: TONES } });
  })
  .put('/v1/settings', validate('json', settingsUpdate), async (c) => {
    const update = c.req.valid('json');
    const userId = c.get('user').id;
    const [settings] = await c
      .get('services')
      .database.db.insert(userSettings)
      .values({ userId, ...update })
      .onConflictDoUpdate({ target: userSettings.userId, set: { ...update, updatedAt: sql`now()` } })
      .returning(columns);
    c.get('log').info('settings updated', { userId, fields: Object.keys(update) });
    return c.json({ settings });
  });
