import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, boolean } from 'drizzle-orm/pg-core';
import { accountStatus, qrLoginStatus } from './enums';
import { users } from './users';

/** A Telegram account a user connected by QR; the MTProto session is stored encrypted only. */
export const tgAccounts = pgTable(
  'tg_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    tgUserId: bigint('tg_user_id', { mode: 'number' }).notNull(),
    username: text('username'),
    firstName: text('first_name'),
    phone: text('phone'),
    sessionCipher: text('session_cipher'),
    kver: integer('kver'),
    isActive: boolean('is_active').notNull().default(true),
    status: accountStatus('status').notNull().default('active'),
    floodWaitUntil: timestamp('flood_wait_until', { withTimezone: true }),
    lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }),
    lastError: text('last_error'),
    isSandbox: boolean('is_sandbox').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tg_accounts_user_tg_user_uq').on(t.userId, t.tgUserId),
    index('tg_accounts_active_idx').on(t.isActive, t.status),
    index('tg_accounts_kver_idx').on(t.kver),
  ],
);

/** One QR login attempt; the live MTProto handshake runs in the ingest process. */
export const qrLogins = pgTable(
  'qr_logins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    status: qrLoginStatus('status').notNull().default('PENDING'),
    qrUrl: text('qr_url'),
    qrExpiresAt: timestamp('qr_expires_at', { withTimezone: true }),
    passwordHint: text('password_hint'),
    accountId: uuid('account_id').references(() => tgAccounts.id, { onDelete: 'set null' }),
    error: text('error'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('qr_logins_user_created_idx').on(t.userId, t.createdAt), index('qr_logins_status_idx').on(t.status, t.expiresAt)],
);

/** Which ingest process reads an account; expires so a dead process's accounts move on. */
export const ingestLeases = pgTable(
  'ingest_leases',
  {
    accountId: uuid('account_id').primaryKey().references(() => tgAccounts.id, { onDelete: 'cascade' }),
    holder: text('holder').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('ingest_leases_expires_idx').on(t.expiresAt)],
);
