// The one Hono app factory, used by the Node entry and the Workers entry alike.
import { Hono } from 'hono';
import type { AppEnv } from './env';
import { errorResponse, handleError } from './errors';
import { requestContext } from './middleware/request-context';
import { requireUser } from './middleware/require-user';
import { feedRoutes } from './routes/feed';
import { healthRoutes } from './routes/health';
import { queueRoutes } from './routes/queue';
import type { Services } from './services';

export function createApp(services: Services) {
  const app = new Hono<AppEnv>();
  app.use('*', requestContext(services));
  app.onError(handleError);
  app.notFound((c) => errorResponse(c, 404, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`));
  app.use('/v1/*', requireUser());
  // Route modules, one per area; each reads like its API contract.
  return app.route('/', healthRoutes).route('/', feedRoutes).route('/', queueRoutes);
}

export type AppType = ReturnType<typeof createApp>;
