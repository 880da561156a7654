// Cloudflare Workers entry: the same app as on Node. The environment is parsed once per isolate
// (a malformed variable fails every request with a message naming it, and the log says which).
import type { ExecutionContext } from 'hono';
import { ConfigError, parseConfig, type Config } from '../core/config';
import { createLogger, type Logger } from '../core/log';
import { createApp } from './app';
import { createWorkerServices } from './wire-worker';

type WorkerEnv = Record<string, unknown>;

let cached: { config: Config; log: Logger } | { error: string } | undefined;

function stringEnv(env: WorkerEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env)) if (typeof value === 'string') out[key] = value;
  return out;
}

function boot(env: WorkerEnv) {
  try {
    const config = parseConfig(stringEnv(env));
    const log = createLogger({ level: config.LOG_LEVEL, base: { service: 'edge' } });
    // Wiring once up front surfaces a missing or malformed variable at the first request.
    void createWorkerServices(config, log).database.close();
    return { config, log };
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
    // Workers forbid I/O objects (Neon's WebSockets) from outliving the request that opened them:
    // a pool shared across requests hangs the second one. So the services live per request.
    const services = createWorkerServices(cached.config, cached.log);
    try {
      return await createApp(services).fetch(request, env, ctx);
    } finally {
      ctx.waitUntil(services.database.close());
    }
  },
};
