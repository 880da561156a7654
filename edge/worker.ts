// Cloudflare Workers entry: the same app as on Node, built once per isolate. The environment is
// parsed at the isolate's first request (a malformed variable fails every request with a message
// naming it, and the log says which); what must be per request (the Neon pool) is made by the
// request context from edge/wire-worker.ts and closed after the response.
import type { ExecutionContext } from 'hono';
import { ConfigError, parseConfig } from '../core/config';
import { createLogger } from '../core/log';
import { createApp } from './app';
import { createWorkerServices } from './wire-worker';

type WorkerEnv = Record<string, unknown>;

let cached: { app: ReturnType<typeof createApp> } | { error: string } | undefined;

function stringEnv(env: WorkerEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env)) if (typeof value === 'string') out[key] = value;
  return out;
}

/** The ASSETS binding's fetch, bound to it, when the binding is there. */
function assetFetch(binding: unknown): ((request: Request) => Promise<Response>) | undefined {
  const fetcher = binding as { fetch?: (request: Request) => Promise<Response> } | undefined;
  return typeof fetcher?.fetch === 'function' ? (request) => fetcher.fetch!(request) : undefined;
}

function boot(env: WorkerEnv) {
  try {
    const config = parseConfig(stringEnv(env));
    const log = createLogger({ level: config.LOG_LEVEL, base: { service: 'edge' } });
    const app = createApp(createWorkerServices(config, log, assetFetch(env.ASSETS)));
    log.info('worker isolate started', { env: config.APP_ENV });
    return { app };
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
    console.error(JSON.stringify({ level: 'error', msg: 'worker failed to start', error: message }));
    return { error: message };
  }
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    cached ??= boot(env);
    if ('error' in cached) {
      return Response.json(
        { error: { code: 'MISCONFIGURED', message: 'The service is misconfigured; see the logs', requestId: crypto.randomUUID() } },
        { status: 503 },
      );
    }
    return cached.app.fetch(request, env, ctx);
  },
};
