import { Hono } from 'hono';
import { DependencyUnavailableError, type Dependency } from '../../core/errors';
import { connectionFailure } from '../../db/unavailable';
import type { AppEnv } from '../env';
import { errorResponse } from '../errors';

const CHECK_TIMEOUT_MS = 3_000;
export const HEALTH_RETRY_AFTER_SECONDS = 5;

interface Check {
  ok: boolean;
  ms: number;
  reason?: string;
}

/** One bounded round trip; a dependency that does not answer within the limit is down. */
async function check(work: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      work(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new DependencyUnavailableError('database', 'timeout')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const reason = error instanceof DependencyUnavailableError ? error.reason : (connectionFailure(error) ?? 'error');
    return { ok: false, ms: Math.round(performance.now() - started), reason };
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes = new Hono<AppEnv>()
  // The database, the kv and the queue, checked side by side: 200 when all answer, else 503
  // DEPENDENCY_UNAVAILABLE naming the first that did not, with every check in `details`.
  .get('/healthz', async (c) => {
    const { database, kv, queueReceiver, feedChanges } = c.get('services');
    const [db, kvCheck] = await Promise.all([check(() => database.ping()), check(() => kv.get('healthz:ping'))]);
    const checks = {
      database: { driver: database.driver, ...db },
      kv: kvCheck,
      // QStash is reached only by publishing; the in-process queue lives and dies with this process.
      queue: { kind: queueReceiver ? 'qstash' : 'in-process', ok: true },
      // Not a dependency: without them feed and top read their state every time (FeedNotificationsLost).
      feedNotifications: feedChanges ? (feedChanges.live ? 'heard' : 'lost') : 'off',
    };
    const failed: Dependency | undefined = !db.ok ? 'database' : !kvCheck.ok ? 'kv' : undefined;
    if (failed) {
      c.get('log').warn('health check failed', { dependency: failed, reason: checks[failed].reason });
      c.header('Retry-After', String(HEALTH_RETRY_AFTER_SECONDS));
      return errorResponse(c, 'DEPENDENCY_UNAVAILABLE', `The ${failed} is not reachable`, {
        dependency: failed,
        retryAfterSeconds: HEALTH_RETRY_AFTER_SECONDS,
        ...checks,
      });
    }
    return c.json({ status: 'ok', ...checks });
  })
  .get('/metrics', (c) => {
    return c.text(c.get('services').metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4' });
  });
