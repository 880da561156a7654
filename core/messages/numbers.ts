import type { LongLike } from './telegram-message';

/** gramjs longs (big-integer), bigints and numbers → number; ids we store fit in 53 bits. */
export function toNumber(value: LongLike | undefined | null): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return value;
  const parsed = Number(value.toString());
  return Number.isFinite(parsed) ? parsed : null;
}
