import { bigint, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { plan, uiLanguage, userRole } from './enums';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  tgId: bigint('tg_id', { mode: 'number' }).notNull().unique(),
  username: text('username'),
  firstName: text('first_name'),
  lastName: text('last_name'),
  photoUrl: text('photo_url'),
  role: userRole('role').notNull().default('user'),
  plan: plan('plan').notNull().default('free'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
});

export const userSettings = pgTable('user_settings', {
  userId: uuid('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  language: uiLanguage('language').notNull().default('ru'),
  tone: text('tone').notNull().default('neutral'),
  timeZone: text('time_zone').notNull().default('Europe/Moscow'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// The webhooks aggregate lives in ./webhooks (re-exported here for older imports).
export { webhooks, webhookDeliveries } from './webhooks';
