// GET/PUT /v1/settings: the signed-in user's preferences (language, tone, IANA time zone).
import { Hono } from 'hono';
import { z } from 'zod';
import { isIanaTimeZone, TONES, UI_LANGUAGES } from '../../core/settings';
import { settingsOf, updateSettings } from '../../db/queries/settings';
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

export const settingsRoutes = new Hono<AppEnv>()
  .get('/v1/settings', async (c) => {
    const settings = await settingsOf(c.get('services').database.db, c.get('user').id);
    return c.json({ settings, options: { languages: UI_LANGUAGES, tones: TONES } });
  })
  .put('/v1/settings', validate('json', settingsUpdate), async (c) => {
    const update = c.req.valid('json');
    const userId = c.get('user').id;
    const settings = await updateSettings(c.get('services').database.db, userId, update);
    c.get('log').info('settings updated', { userId, fields: Object.keys(update) });
    return c.json({ settings });
  });
