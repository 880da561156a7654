// Small helpers shared by the raw-SQL queries: value lists and the conversions every driver needs
// (bigints may come back as strings, timestamps as strings or Dates, jsonb as text on some drivers).
import { sql } from 'drizzle-orm';

export const sqlList = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);
export const num = (v: number | string) => Number(v);
export const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();
export const parsedJson = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/**
 * One bound array parameter of integers (`= any(...)`, `unnest(...)`): a long `in (...)` list of
 * separate parameters makes plans slow to build and, on PGlite, pathological for row tuples.
 */
export const bigintArray = (values: readonly number[]) => sql`${`{${values.map((v) => Math.trunc(Number(v))).join(',')}}`}::bigint[]`;
