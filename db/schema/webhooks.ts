import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * A user's webhook endpoint: a URL, the events it wants, and its Standard Webhooks secret
 * (`whsec_…`), encrypted at rest like Telegram sessions. While a secret is rotated the previous
 * one stays until `previous_secret_until` and both signatures are sent.
 */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    secretCipher: text('secret_cipher').notNull(),
    previousSecretCipher: text('previous_secret_cipher'),
    previousSecretUntil: timestamp('previous_secret_until', { withTimezone: true }),
    events: text('events').array().notNull().default([]),
    isActive: boolean('is_active').notNull().default(true),
    /** Why delivery stopped (e.g. the receiver answered 410 Gone); null while active. */
    disabledReason: text('disabled_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhooks_user_idx').on(t.userId)],
);

/**
 * One event for one endpoint, delivered by queued jobs until the receiver answers 2xx (or the
 * retries run out). `message_id` is the Standard Webhooks `webhook-id`: the same event is never
 * queued twice for an endpoint.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    webhookId: uuid('webhook_id').notNull().references(() => webhooks.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    messageId: text('message_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** pending → delivered | failed (retries exhausted, endpoint disabled). */
    status: text('status').$type<'pending' | 'delivered' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_message_uq').on(t.webhookId, t.messageId),
    index('webhook_deliveries_user_created_idx').on(t.userId, t.createdAt.desc()),
    index('webhook_deliveries_pending_idx').on(t.status).where(sql`${t.status} = 'pending'`),
  ],
);
