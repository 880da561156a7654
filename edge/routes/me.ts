// GET /v1/me: who is signed in, their plan and its limits, their settings, and which parts of the
// product run on local stand-ins (so the UI can label them).
import { Hono } from 'hono';
import { planLimits } from '../../core/plans';
import type { AppEnv } from '../env';
import { settingsOf } from '../../db/queries/settings';

export const meRoutes = new Hono<AppEnv>().get('/v1/me', async (c) => {
  const { config, database } = c.get('services');
  const user = c.get('user');
  const settings = await settingsOf(database.db, user.id);
  return c.json({
    user,
    plan: user.plan,
    limits: planLimits(user.plan),
    settings,
    session: { expiresAt: new Date(c.get('session').exp * 1000).toISOString() },
    sandbox: {
      /** No TELEGRAM_API_ID: accounts and channels come from the bundled sandbox, not Telegram. */
      telegram: !config.TELEGRAM_API_ID,
      /** No OPENAI_API_KEY: the AI pipeline runs the offline engine. */
      aiOffline: !config.OPENAI_API_KEY,
    },
  });
});
