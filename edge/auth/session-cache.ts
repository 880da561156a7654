// Verified sessions, remembered for a few seconds: a signed-in reader's requests then skip the
// signature check, the deny-list read and the user-row read between two checks of the stores.
//
// - What is kept: for a token exactly as presented (the string itself is the key, so a hit is the
//   same signed bytes that were verified), the secret it was verified with, its claims, and what the
//   deny-list and the users table said (the user row, or why the session was refused).
// - For how long: `ttlMs` from the lookup, never extended by use, so every session is checked against
//   the deny-list and its user row read again at least every `ttlMs`. The token's own expiry is
//   checked against the request clock on every hit.
// - Sign-out: `forget` drops the token in this process after its deny-list entry is written, so the
//   next request with it reads the deny-list. Another process (replica, Workers isolate) keeps
//   accepting it until its entry there is `ttlMs` old: a revoked token lives at most `ttlMs` longer
//   there, and a changed user row (plan, profile) shows after at most `ttlMs` too.
// - Concurrent requests with the same token share one lookup; a failed lookup (a store down) is
//   not kept. Entries are bounded in number (the oldest go first) and swept as they expire.
import type { CurrentUser } from '../env';
import type { SessionClaims } from './session-token';

/** What the stores said about a verified session. */
export type SessionOutcome =
  | { ok: true; user: Readonly<CurrentUser> }
  | { ok: false; code: 'SESSION_REVOKED' | 'SESSION_INVALID'; message: string };

export interface VerifiedSession {
  claims: SessionClaims;
  outcome: Promise<SessionOutcome>;
}

interface Entry extends VerifiedSession {
  secret: string;
  /** performance.now() after which the stores are asked again. */
  until: number;
}

export interface SessionCacheOptions {
  /** How long a lookup is trusted (ms); 0 keeps nothing. */
  ttlMs?: number;
  /** Most sessions kept. */
  maxEntries?: number;
  /** Monotonic milliseconds (tests). */
  clock?: () => number;
}

export const SESSION_CACHE_TTL_MS = 5_000;

export interface SessionCache {
  /** The session of `token` if it was verified with `secret` less than `ttlMs` ago and its claims have not expired at `nowSeconds`. */
  recall(token: string, secret: string, nowSeconds: number): VerifiedSession | undefined;
  /** Keeps the lookup of a freshly verified token (dropped again if it fails) and returns it. */
  remember(token: string, secret: string, claims: SessionClaims, lookup: () => Promise<SessionOutcome>): VerifiedSession;
  /** Sign-out in this process: the next request with `token` asks the stores. */
  forget(token: string): void;
  readonly size: number;
}

export function createSessionCache(options: SessionCacheOptions = {}): SessionCache {
  const ttlMs = options.ttlMs ?? SESSION_CACHE_TTL_MS;
  const maxEntries = options.maxEntries ?? 10_000;
  const clock = options.clock ?? (() => performance.now());
  // Insertion order is expiry order (one ttl for all): the oldest entry is always the first.
  const entries = new Map<string, Entry>();
  const sweep = (now: number) => {
    for (const [key, entry] of entries) {
      if (entry.until > now && entries.size < maxEntries) break;
      entries.delete(key);
    }
  };
  return {
    recall(token, secret, nowSeconds) {
      const entry = entries.get(token);
      if (!entry) return undefined;
      if (entry.until <= clock() || entry.secret !== secret) {
        entries.delete(token);
        return undefined;
      }
      // Expired tokens go the full way (and get the full way's answer, SESSION_EXPIRED).
      if (entry.claims.exp <= nowSeconds) return undefined;
      return entry;
    },
    remember(token, secret, claims, lookup) {
      const outcome = lookup();
      const entry: Entry = { secret, claims, outcome, until: clock() + ttlMs };
      if (ttlMs <= 0) return entry;
      sweep(clock());
      entries.delete(token);
      entries.set(token, entry);
      outcome.catch(() => {
        if (entries.get(token) === entry) entries.delete(token);
      });
      return entry;
    },
    forget(token) {
      entries.delete(token);
    },
    get size() {
      return entries.size;
    },
  };
}

/** The process's (the isolate's) sessions: shared by `requireUser` and sign-out. */
export const verifiedSessions = createSessionCache();
