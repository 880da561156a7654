import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The embedded kv (anti-replay, locks, caches) when no Redis is configured. */
export const kv = pgTable(
  'kv',
  {
    key: text('key').primaryKey(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [index('kv_expires_idx').on(t.expiresAt)],
);
