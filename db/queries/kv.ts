// The kv table (db/schema/kv.ts): the one module that reads and writes it. Expiry is by the
// database clock, the same clock every read compares against; expired rows are invisible at once
// and swept lazily, so correctness never depends on the sweep.
// `createTableKv` has the shape of the kv port (edge/ports/kv.ts), so the edge's embedded kv is this
// one wrapped in its guard; the ingest service uses it directly for what both services must see
// in the database whatever kv each is configured with (the ranking clock, lease heartbeats).
import { and, count, eq, gt, isNull, like, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { kv as kvTable } from '../schema';
import type { Db } from '../types';

export interface TableKvSetOptions {
  /** Expire after this many seconds (fractions allowed). */
  ttlSeconds?: number;
  /** Only set when the key is absent or expired; the result says whether it was set. */
  ifAbsent?: boolean;
}

export interface TableKv {
  get(key: string): Promise<string | null>;
  /** Returns false only when `ifAbsent` is set and a live key already existed. */
  set(key: string, value: string, options?: TableKvSetOptions): Promise<boolean>;
  del(key: string): Promise<void>;
  /** Atomically add `by` (default 1); creates (or restarts an expired) key at 0 first; `ttlSeconds` applies then. */
  incr(key: string, options?: { by?: number; ttlSeconds?: number }): Promise<number>;
}

const expiry = (ttlSeconds?: number) => (ttlSeconds ? sql`now() + make_interval(secs => ${ttlSeconds})` : null);
const live = () => or(isNull(kvTable.expiresAt), gt(kvTable.expiresAt, sql`now()`));

/**
 * The kv over the table. A long-lived one (the edge's) deletes expired rows on a write at most once
 * a minute; a short-lived one made for a single call passes `sweep: false`.
 */
export function createTableKv(db: Db, options: { sweep?: boolean } = {}): TableKv {
  let lastSweep = 0;
  const sweep = async () => {
    if (options.sweep === false || Date.now() - lastSweep < 60_000) return;
    lastSweep = Date.now();
    await db.delete(kvTable).where(lte(kvTable.expiresAt, sql`now()`));
  };
  return {
    async get(key) {
      const rows = await db.select({ value: kvTable.value }).from(kvTable).where(and(eq(kvTable.key, key), live())).limit(1);
      return rows[0]?.value ?? null;
    },
    async set(key, value, setOptions = {}) {
      await sweep();
      const expiresAt = expiry(setOptions.ttlSeconds);
      if (setOptions.ifAbsent) {
        // Take over the key only if it is absent or expired: one statement, so two racers cannot both win.
        const rows = await db
          .insert(kvTable)
          .values({ key, value, expiresAt })
          .onConflictDoUpdate({ target: kvTable.key, set: { value, expiresAt }, setWhere: lte(kvTable.expiresAt, sql`now()`) })
          .returning({ key: kvTable.key });
        return rows.length > 0;
      }
      await db.insert(kvTable).values({ key, value, expiresAt }).onConflictDoUpdate({ target: kvTable.key, set: { value, expiresAt } });
      return true;
    },
    async del(key) {
      await db.delete(kvTable).where(eq(kvTable.key, key));
    },
    async incr(key, incrOptions = {}) {
      const by = incrOptions.by ?? 1;
      const expiresAt = expiry(incrOptions.ttlSeconds);
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

/**
 * The live value of `key` (null when absent or expired) as a scalar subquery, for a read that
 * needs kv values beside other rows in one statement (one round trip).
 */
export function liveValueSql(key: string): SQL {
  return sql`(select ${kvTable.value} from ${kvTable} where ${and(eq(kvTable.key, key), live())})`;
}

/** Live keys starting with `prefix`, leaving out `except`. */
export async function countLiveKeys(db: Db, prefix: string, except?: string): Promise<number> {
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  const [row] = await db
    .select({ n: count() })
    .from(kvTable)
    .where(and(like(kvTable.key, `${escaped}%`), except === undefined ? undefined : ne(kvTable.key, except), gt(kvTable.expiresAt, sql`now()`)));
  return Number(row?.n ?? 0);
}
