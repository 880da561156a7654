// One contract for every kv adapter: the Postgres table (always), Redis over TCP (when REDIS_URL is
// set), and Upstash REST through the real @upstash/redis client against a local fake (always;
// forwarding to Redis when REDIS_URL is set).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresKv } from '../../edge/adapters/kv/postgres';
import { createRedisKv } from '../../edge/adapters/kv/redis';
import { createUpstashKv } from '../../edge/adapters/kv/upstash';
import type { Kv } from '../../edge/ports/kv';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { startFakeUpstash } from '../fakes/upstash';

interface AdapterUnderTest {
  name: string;
  open(): Promise<{ kv: Kv; close(): Promise<void> }>;
}

const redisUrl = process.env.REDIS_URL;
let database: TestDatabase;

const adapters: AdapterUnderTest[] = [
  {
    name: 'postgres',
    open: async () => ({ kv: createPostgresKv(database.db), close: async () => {} }),
  },
  ...(redisUrl
    ? [{ name: 'redis', open: async () => {
        const kv = createRedisKv(redisUrl);
        return { kv, close: () => kv.close!() };
      } }]
    : []),
  {
    name: redisUrl ? 'upstash (fake REST → Redis)' : 'upstash (fake REST → memory)',
    open: async () => {
      const server = await startFakeUpstash({ redisUrl });
      return { kv: createUpstashKv({ url: server.url, token: server.token }), close: server.close };
    },
  },
];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(adapters)('kv contract: $name', (adapter) => {
  let kv: Kv;
  let close: () => Promise<void>;
  // Keys unique to this run, so a shared Redis never leaks state between runs.
  const run = `kvtest:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 8)}`;
  const key = (name: string) => `${run}:${adapter.name.split(' ')[0]}:${name}`;

  beforeAll(async () => {
    ({ kv, close } = await adapter.open());
  });
  afterAll(() => close());

  it('get of a missing key is null; set then get returns the exact string', async () => {
    expect(await kv.get(key('missing'))).toBeNull();
    const value = 'значение with "quotes", {json: 1}, 123, ✓';
    expect(await kv.set(key('plain'), value)).toBe(true);
    expect(await kv.get(key('plain'))).toBe(value);
    // Numbers-as-text and JSON-looking text come back as written, never parsed.
    await kv.set(key('numeric'), '0042');
    expect(await kv.get(key('numeric'))).toBe('0042');
    await kv.set(key('json'), '{"a":1}');
    expect(await kv.get(key('json'))).toBe('{"a":1}');
  });

  it('set overwrites; del removes; del of a missing key is fine', async () => {
    await kv.set(key('over'), 'one');
    await kv.set(key('over'), 'two');
    expect(await kv.get(key('over'))).toBe('two');
    await kv.del(key('over'));
    expect(await kv.get(key('over'))).toBeNull();
    await kv.del(key('never-was'));
  });

  it('ifAbsent: only the first set wins until the key is gone', async () => {
    expect(await kv.set(key('nx'), 'first', { ifAbsent: true })).toBe(true);
    expect(await kv.set(key('nx'), 'second', { ifAbsent: true })).toBe(false);
    expect(await kv.get(key('nx'))).toBe('first');
    await kv.del(key('nx'));
    expect(await kv.set(key('nx'), 'third', { ifAbsent: true, ttlSeconds: 60 })).toBe(true);
    expect(await kv.get(key('nx'))).toBe('third');
  });

  it('SET NX race: of many concurrent setters exactly one wins', async () => {
    const racers = 25;
    const results = await Promise.all(Array.from({ length: racers }, (_, i) => kv.set(key('race'), `racer-${i}`, { ifAbsent: true, ttlSeconds: 60 })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await kv.get(key('race'))).toBe(`racer-${results.indexOf(true)}`);
  });

  it('incr: starts at 0, adds atomically under concurrency, honours by', async () => {
    expect(await kv.incr(key('counter'))).toBe(1);
    expect(await kv.incr(key('counter'), { by: 5 })).toBe(6);
    const values = await Promise.all(Array.from({ length: 20 }, () => kv.incr(key('counter'), { ttlSeconds: 60 })));
    expect(new Set(values).size).toBe(20);
    expect(Math.max(...values)).toBe(26);
    expect(await kv.get(key('counter'))).toBe('26');
  });

  it('ttl: keys and counters expire; an expired key can be taken again with ifAbsent', async () => {
    await kv.set(key('short'), 'v', { ttlSeconds: 1 });
    await kv.set(key('long'), 'v', { ttlSeconds: 60 });
    await kv.set(key('short-nx'), 'old', { ttlSeconds: 1, ifAbsent: true });
    expect(await kv.incr(key('window'), { ttlSeconds: 1 })).toBe(1);
    expect(await kv.incr(key('window'), { ttlSeconds: 1 })).toBe(2);
    expect(await kv.get(key('short'))).toBe('v');
    await sleep(1_300);
    expect(await kv.get(key('short'))).toBeNull();
    expect(await kv.get(key('long'))).toBe('v');
    expect(await kv.set(key('short-nx'), 'new', { ttlSeconds: 60, ifAbsent: true })).toBe(true);
    expect(await kv.get(key('short-nx'))).toBe('new');
    // A rate-limit window starts over once it expired.
    expect(await kv.incr(key('window'), { ttlSeconds: 1 })).toBe(1);
  });
});
