// The verified-session cache: what it keeps, for how long, and what it never keeps.
import { describe, expect, it } from 'vitest';
import { createSessionCache, type SessionOutcome } from '../../edge/auth/session-cache';
import type { SessionClaims } from '../../edge/auth/session-token';

const claims = (exp = 2_000_000_000): SessionClaims => ({ userId: '00000000-0000-4000-8000-000000000001', jti: '00000000-0000-4000-8000-0000000000aa', iat: exp - 3600, exp });
const user: SessionOutcome = {
  ok: true,
  user: { id: '00000000-0000-4000-8000-000000000001', tgId: 1, username: 'u', firstName: null, lastName: null, photoUrl: null, role: 'user', plan: 'free' },
};
const NOW = 1_900_000_000;

function fixture(options: { ttlMs?: number; maxEntries?: number } = {}) {
  let ms = 0;
  const cache = createSessionCache({ ttlMs: options.ttlMs ?? 5_000, maxEntries: options.maxEntries, clock: () => ms });
  return { cache, advance: (by: number) => (ms += by) };
}

describe('session cache', () => {
  it('remembers a lookup for its ttl from the lookup, not from the last use', async () => {
    const { cache, advance } = fixture();
    cache.remember('tok', 'secret', claims(), async () => user);
    advance(4_000);
    expect(await cache.recall('tok', 'secret', NOW)?.outcome).toEqual(user);
    advance(999);
    expect(cache.recall('tok', 'secret', NOW)).toBeDefined();
    advance(1);
    expect(cache.recall('tok', 'secret', NOW)).toBeUndefined();
  });

  it('shares one lookup between concurrent requests', async () => {
    const { cache } = fixture();
    let lookups = 0;
    let release!: (o: SessionOutcome) => void;
    cache.remember('tok', 'secret', claims(), () => {
      lookups++;
      return new Promise((resolve) => (release = resolve));
    });
    const waiting = [1, 2, 3].map(() => cache.recall('tok', 'secret', NOW)!.outcome);
    release(user);
    expect(await Promise.all(waiting)).toEqual([user, user, user]);
    expect(lookups).toBe(1);
  });

  it('keeps refusals (revoked, account gone) but never a failed lookup', async () => {
    const { cache } = fixture();
    const revoked: SessionOutcome = { ok: false, code: 'SESSION_REVOKED', message: 'signed out' };
    cache.remember('revoked', 'secret', claims(), async () => revoked);
    expect(await cache.recall('revoked', 'secret', NOW)?.outcome).toEqual(revoked);
    const failed = cache.remember('down', 'secret', claims(), async () => Promise.reject(new Error('kv down')));
    await expect(failed.outcome).rejects.toThrow('kv down');
    expect(cache.recall('down', 'secret', NOW)).toBeUndefined();
  });

  it('misses for another secret, an expired token, and after forget', () => {
    const { cache } = fixture();
    cache.remember('tok', 'secret', claims(NOW + 10), async () => user);
    expect(cache.recall('tok', 'other secret', NOW)).toBeUndefined();
    cache.remember('tok', 'secret', claims(NOW + 10), async () => user);
    expect(cache.recall('tok', 'secret', NOW + 10)).toBeUndefined();
    expect(cache.recall('tok', 'secret', NOW + 9)).toBeDefined();
    cache.forget('tok');
    expect(cache.recall('tok', 'secret', NOW)).toBeUndefined();
  });

  it('stays within its size, dropping the oldest first, and sweeps expired entries', () => {
    const { cache, advance } = fixture({ maxEntries: 3 });
    for (const t of ['a', 'b', 'c', 'd']) cache.remember(t, 'secret', claims(), async () => user);
    expect(cache.size).toBe(3);
    expect(cache.recall('a', 'secret', NOW)).toBeUndefined();
    expect(cache.recall('d', 'secret', NOW)).toBeDefined();
    advance(6_000);
    cache.remember('e', 'secret', claims(), async () => user);
    expect(cache.size).toBe(1);
  });

  it('with ttl 0 keeps nothing', async () => {
    const { cache } = fixture({ ttlMs: 0 });
    expect(await cache.remember('tok', 'secret', claims(), async () => user).outcome).toEqual(user);
    expect(cache.recall('tok', 'secret', NOW)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
