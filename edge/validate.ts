// zod validation at the boundary, answering our error shape (400 VALIDATION_FAILED naming the fields).
// Strict: nothing is coerced (a number in a query is a regex-checked string converted after the
// check), no string may hold a NUL (PostgreSQL text cannot), and every date fits what both
// PostgreSQL and JavaScript hold.
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { z, type ZodType } from 'zod';
import { AppError } from '../core/errors';
import { describeZodError } from './errors';

/** The path of the first string (value or key) holding U+0000, or null. Walks plain data only. */
export function findNul(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNul(item, [...path, String(i)], depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, '(a field name)'];
    const found = findNul(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Refuses a NUL anywhere in the input with a 400 naming where it is. */
export function refuseNul(target: string, value: unknown): void {
  const at = findNul(value);
  if (at) {
    throw new AppError('VALIDATION_FAILED', `Invalid ${target}: ${at.length ? at.join('.') : 'value'}: must not contain NUL characters`);
  }
}

export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(target: Target, schema: Schema) {
  return zValidator(
    target,
    schema,
    (result) => {
      if (!result.success) {
        throw new AppError('VALIDATION_FAILED', `Invalid ${target}: ${describeZodError(result.error as never)}`);
      }
    },
    {
      // The NUL check runs on the raw input, before the schema (and any transform) sees it.
      validationFunction: async (s, value) => {
        refuseNul(target, value);
        // Synchronously: our schemas refine nothing asynchronously, and an async parse costs a few
        // promises per check on every request. One that ever does is parsed asynchronously.
        try {
          return s.safeParse(value) as never;
        } catch (error) {
          if (!(error instanceof z.core.$ZodAsyncError)) throw error;
          return (await s.safeParseAsync(value)) as never;
        }
      },
    },
  );
}

// ---- Strict building blocks for schemas ----

/** Earliest and latest instants we accept: PostgreSQL and JavaScript agree on them, and no post is older. */
export const EARLIEST_INSTANT = Date.UTC(1970, 0, 1);
export const LATEST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** True for a valid Date within [1970-01-01, 9999-12-31T23:59:59.999Z]. */
export function isStorableInstant(date: Date): boolean {
  const ms = date.getTime();
  return Number.isFinite(ms) && ms >= EARLIEST_INSTANT && ms <= LATEST_INSTANT;
}

const DATE_PART = /^(\d{4})-(\d{2})-(\d{2})/;

/** The calendar date an ISO string names really exists (no 2023-02-29, no month 13). */
export function isRealCalendarDate(iso: string): boolean {
  const m = DATE_PART.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/**
 * An instant in a query: an ISO date-time with an offset, or a date (midnight UTC), a real calendar
 * date, within the storable range after the offset is applied. Converted to a Date after the checks.
 */
export const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .refine(isRealCalendarDate, 'must be a real calendar date')
  .transform((v) => new Date(v))
  .refine(isStorableInstant, 'must be between 1970-01-01 and 9999-12-31 (UTC)');

/**
 * A whole number sent as text (query string, path): decimal digits only — no sign, exponent, hex,
 * spaces or leading zeros — within [min, max], converted after the check.
 */
export const intText = (min: number, max: number) =>
  z
    .string()
    .regex(/^(0|[1-9]\d{0,15})$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n) && n >= min && n <= max, `must be a whole number from ${min} to ${max}`);

/** Largest value of a PostgreSQL bigint that JavaScript numbers hold exactly. */
export const MAX_ID = Number.MAX_SAFE_INTEGER;

/** A bigserial id as text (path parameters, query filters). */
export const idText = intText(1, MAX_ID);
