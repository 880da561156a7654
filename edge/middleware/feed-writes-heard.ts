// Where feed fingerprints are known from the database's change notifications
// (edge/services/feed-changes.ts), a write answers only once its own notice has been heard: the
// writer's next read (the feed after a follow, an unfollow) is never the page from before it.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function feedWritesHeard(): MiddlewareHandler<AppEnv> {
  return async function feedWritesHeardMiddleware(c, next) {
    await next();
    if (READS.has(c.req.method) || c.res.status >= 400) return;
    const changes = c.get('services').feedChanges;
    // Unheard in time, every known fingerprint is dropped (sync does it): still never stale.
    if (changes?.live) await changes.sync();
  };
}
