// CORS for the separately hosted front ends in FRONTEND_ORIGINS only, with credentials. Any other
// origin gets no CORS headers, so browsers keep its scripts from reading our answers.
import type { MiddlewareHandler } from 'hono';
import { cors as honoCors } from 'hono/cors';
import type { Config } from '../../core/config';
import type { AppEnv } from '../env';

export function cors(config: Config): MiddlewareHandler<AppEnv> {
  const allowed = new Set(config.FRONTEND_ORIGINS.map((o) => new URL(o).origin));
  return honoCors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['content-type', 'x-request-id'],
    exposeHeaders: ['x-request-id'],
    maxAge: 600,
  });
}
