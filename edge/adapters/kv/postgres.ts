// The embedded kv: the Postgres `kv` table with an expiry column. Expired rows are invisible at
// once and swept lazily, so correctness never depends on the sweep.
import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { kv as kvTable } from '../../../db/schema';
import type { Db } from '../../../db/types';
import { connectionFailure } from '../../../db/unavailable';
import type { Kv, SetOptions } from '../../ports/kv';
import { guardKv, type GuardOptions } from './guard';

// Expiry by the database clock, the same clock every read compares against.
const expiry = (ttlSeconds?: number) => (ttlSeconds ? sql`now() + make_interval(secs => ${ttlSeconds})` : null);
const live = () => or(isNull(kvTable.expiresAt), gt(kvTable.expiresAt, sql`now()`));

/** The kv table; the database's outages (and only those) surface as the kv being unavailable. */
export function createPostgresKv(db: Db, options: Pick<GuardOptions, 'onChange' | 'timeoutMs'> = {}): Kv {
  return guardKv(createTableKv(db), { timeoutMs: options.timeoutMs ?? 5_000, isOutage: connectionFailure, onChange: options.onChange });
}

function createTableKv(db: Db): Kv {
  let lastSweep = 0;
  const sweep = async () => {
    if (Date.now() - lastSweep < 60_000) return;
    lastSweep = Date.now();
    await db.delete(kvTable).where(lte(kvTable.expiresAt, sql`now()`));
  };
  return {
    async get(key) {
      const rows = await db.select({ value: kvTable.value }).from(kvTable).where(and(eq(kvTable.key, key), live())).limit(1);
      return rows[0]?.value ?? null;
    },
    async set(key, value, options: SetOptions = {}) {
      await sweep();
      const expiresAt = expiry(options.ttlSeconds);
      if (options.ifAbsent) {
        // Take over the key only if it is absent or expired: one statement, so two racers cannot both win.
        const rows = await db
          .insert(kvTable)
          .values({ key, value, expiresAt })
          .onConflictDoUpdate({
            target: kvTable.key,
            set: { value, expiresAt },
            setWhere: lte(kvTable.expiresAt, sql`now()`),
          })
          .returning({ key: kvTable.key });
        return rows.length > 0;
      }
      await db.insert(kvTable).values({ key, value, expiresAt }).onConflictDoUpdate({ target: kvTable.key, set: { value, expiresAt } });
      return true;
    },
    async del(key) {
      await db.delete(kvTable).where(eq(kvTable.key, key));
    },
    async incr(key, options = {}) {
      const by = options.by ?? 1;
      const expiresAt = expiry(options.ttlSeconds);
      const rows = await db
        .insert(kvTable)
        .values({ key, value: String(by), expiresAt })
        .onConflictDoUpdate({
          target: kvTable.key,
          set: {
            value: sql`case when ${kvTable.expiresAt} <= now() then ${String(by)} else ((${kvTable.value})::bigint + ${by})::text end`,
            expiresAt: sql`case when ${kvTable.expiresAt} <= now() then ${expiresAt} else ${kvTable.expiresAt} end`,
          },
        })
        .returning({ value: kvTable.value });
      return Number(rows[0].value);
    },
  };
}
