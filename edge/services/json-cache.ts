// A kv cache of values rather than strings: the value goes in and comes out as the same type, so a
// route that answers `c.json(value)` stays typed whether the answer was computed or cached. The
// key must name everything the value depends on (a version, the parameters); a dead kv degrades to
// computing every time.
import { unlessKvDown } from '../adapters/kv/guard';
import type { Kv } from '../ports/kv';

export interface Cached<T> {
  value: T;
  hit: boolean;
}

/** The cached value under `key`, or `compute()`'s, stored for `ttlSeconds`. Values must be plain JSON data. */
export async function cachedJson<T>(kv: Kv, key: string, ttlSeconds: number, compute: () => Promise<T>): Promise<Cached<T>> {
  const stored = await unlessKvDown(kv.get(key), null);
  // Written below by this same function under the same key: the JSON round trip is the only change.
  if (stored !== null) return { value: JSON.parse(stored) as T, hit: true };
  const value = await compute();
  await unlessKvDown(kv.set(key, JSON.stringify(value), { ttlSeconds }), false);
  return { value, hit: false };
}
