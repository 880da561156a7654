import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { errorResponse } from '../errors';

export const healthRoutes = new Hono<AppEnv>()
  .get('/healthz', async (c) => {
    const { database } = c.get('services');
    const started = performance.now();
    try {
      await database.ping();
    } catch (error) {
      c.get('log').error('health check: database unreachable', { error });
      return errorResponse(c, 503, 'DATABASE_UNAVAILABLE', 'The database is not reachable');
    }
    return c.json({ status: 'ok', database: { driver: database.driver, ms: Math.round(performance.now() - started) } });
  })
  .get('/metrics', (c) => {
    return c.text(c.get('services').metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4' });
  });
