// The one Hono app factory, used by the Node entry and the Workers entry alike.
import { Hono } from 'hono';
import { RATE_LIMITS } from '../core/rate-limits';
import type { AppEnv } from './env';
import { errorResponse, handleError } from './errors';
import { cors } from './middleware/cors';
import { originCheck } from './middleware/origin-check';
import { requestContext } from './middleware/request-context';
import { requireUser } from './middleware/require-user';
import { byClientAddress, rateLimit } from './middleware/rate-limit';
import { accountRoutes } from './routes/accounts';
import { authRoutes } from './routes/auth';
import { channelRoutes } from './routes/channels';
import { feedRoutes } from './routes/feed';
import { healthRoutes } from './routes/health';
import { meRoutes } from './routes/me';
import { packageRoutes } from './routes/packages';
import { pipelineRoutes } from './routes/pipeline';
import { qrRoutes } from './routes/qr';
import { queueRoutes } from './routes/queue';
import { usageRoutes } from './routes/usage';
import { settingsRoutes } from './routes/settings';
import { topRoutes } from './routes/top';
import { topicRoutes } from './routes/topics';
import type { Services } from './services';

export function createApp(services: Services) {
  const app = new Hono<AppEnv>();
  app.use('*', requestContext(services));
  app.onError(handleError);
  app.notFound((c) => errorResponse(c, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`));
  app.use('*', cors(services.config));
  // Sign-in endpoints per client address (widget callback, OIDC start and callback, demo).
  const signInLimit = rateLimit(RATE_LIMITS.signIn, byClientAddress);
  app.use('/auth/telegram/*', signInLimit);
  app.use('/auth/demo', signInLimit);
  app.use('*', originCheck(services.config));
  app.use('/v1/*', requireUser());
  // Route modules, one per area; each reads like its API contract.
  return app
    .route('/', healthRoutes)
    .route('/', authRoutes)
    .route('/', meRoutes)
    .route('/', qrRoutes)
    .route('/', accountRoutes)
    .route('/', settingsRoutes)
    .route('/', channelRoutes)
    .route('/', feedRoutes)
    .route('/', topRoutes)
    .route('/', topicRoutes)
    .route('/', pipelineRoutes)
    .route('/', packageRoutes)
    .route('/', usageRoutes)
    .route('/', queueRoutes);
}

export type AppType = ReturnType<typeof createApp>;
