// Where a request comes from, per runtime, for rate limits. Headers a client can write are never
// believed unless something trusted in front of us sets them.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** Node: the socket's peer; with TRUST_PROXY, the hop our one trusted proxy appended to X-Forwarded-For. */
export function nodeClientAddress(options: { trustProxy: boolean }) {
  return function clientAddress(c: Context): string | undefined {
    if (options.trustProxy) {
      // The proxy appends the address it saw; entries to its left were written by the client.
      const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
      if (hops.length) return hops.at(-1);
    }
    // Requests handed to app.fetch in-process (tests, the one-process entry) have no socket.
    const env = c.env as { incoming?: unknown; server?: unknown } | undefined;
    if (!env?.incoming && !env?.server) return undefined;
    return getConnInfo(c).remote.address;
  };
}

/** Workers: Cloudflare sets CF-Connecting-IP at its edge and overwrites any value the client sent. */
export function workerClientAddress(c: Context): string | undefined {
  return c.req.header('cf-connecting-ip') ?? undefined;
}
