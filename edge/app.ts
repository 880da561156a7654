// The one Hono app factory, used by the Node entry and the Workers entry alike.
import { Hono, type MiddlewareHandler } from 'hono';
import { RATE_LIMITS } from '../core/rate-limits';
import type { AppEnv } from './env';
import { errorResponse, handleError } from './errors';
import { bodyLimits } from './middleware/body-limit';
import { cors } from './middleware/cors';
import { etag } from './middleware/etag';
import { feedWritesHeard } from './middleware/feed-writes-heard';
import { originCheck } from './middleware/origin-check';
import { isScoped, requestContext, type ScopedServices } from './middleware/request-context';
import { requireUser } from './middleware/require-user';
import { aiQuota } from './middleware/ai-quota';
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
import { planRoutes } from './routes/plans';
import { ruleRoutes } from './routes/rules';
import { webhookRoutes } from './routes/webhooks';
import { settingsRoutes } from './routes/settings';
import { topRoutes } from './routes/top';
import { topicRoutes } from './routes/topics';
import type { Services } from './services';

export interface AppOptions {
  /** Response compression (Node: `nodeCompression()`; Workers compress at the edge). */
  compress?: MiddlewareHandler<AppEnv>;
}

/**
 * The app is built once from its services. Where some must not outlive a request (Workers forbid
 * I/O objects, such as Neon's WebSockets, from crossing requests), pass `ScopedServices`: the
 * isolate's services, and a factory the request context calls for each request (closed after it).
 */
export function createApp(services: Services | ScopedServices, options: AppOptions = {}) {
  const config = isScoped(services) ? services.isolate.config : services.config;
  const app = new Hono<AppEnv>();
  app.use('*', requestContext(services));
  if (options.compress) app.use('*', options.compress);
  app.onError(handleError);
  app.notFound((c) => errorResponse(c, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`));
  app.use('*', cors(config));
  // The Origin check comes before any counting: a cross-origin POST must not use up a user's limit.
  app.use('*', originCheck(config));
  // Body size limits before anything reads a body (edge/middleware/body-limit.ts).
  app.use('*', bodyLimits());
  // Sign-in endpoints per client address (widget callback, OIDC start and callback, demo).
  const signInLimit = rateLimit(RATE_LIMITS.signIn, byClientAddress);
  app.use('/auth/telegram/*', signInLimit);
  app.use('/auth/demo', signInLimit);
  app.use('/v1/*', requireUser());
  app.use('/v1/*', feedWritesHeard());
  // Plan quotas on the single AI steps (runs reserve theirs in startRun).
  app.post('/v1/transform', aiQuota({ images: 0 }));
  app.post('/v1/image-brief', aiQuota({ images: 0 }));
  app.post('/v1/images', aiQuota({ images: 1 }));
  // Conditional reads (ETag → 304) for what pages poll; the feed's later pages are never polled.
  app.use('/v1/*', etag({ paths: /^\/v1\/(feed|feed\/new|top|topics\/\d+|channels\/my)$/ }));
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
    .route('/', planRoutes)
    .route('/', ruleRoutes)
    .route('/', webhookRoutes)
    .route('/', queueRoutes);
}

export type AppType = ReturnType<typeof createApp>;
