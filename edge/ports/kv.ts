// The kv port: anti-replay, deny-lists, locks, caches, rate limits. Adapters: Redis (ioredis),
// Upstash (REST), and the Postgres kv table (embedded default).
export interface SetOptions {
  /** Expire after this many seconds. */
  ttlSeconds?: number;
  /** Only set when the key does not exist (SET NX); the result says whether it was set. */
  ifAbsent?: boolean;
}

export interface Kv {
  get(key: string): Promise<string | null>;
  /** Returns false only when `ifAbsent` is set and the key already existed. */
  set(key: string, value: string, options?: SetOptions): Promise<boolean>;
  del(key: string): Promise<void>;
  /** Atomically add `by` (default 1); creates the key at 0 first; `ttlSeconds` applies on creation. */
  incr(key: string, options?: { by?: number; ttlSeconds?: number }): Promise<number>;
  close?(): Promise<void>;
}
