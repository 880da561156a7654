import { bigint, bigserial, boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { channelVisibility } from './enums';
import { tgAccounts } from './accounts';
import { users } from './users';

export const channels = pgTable(
  'channels',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tgChannelId: bigint('tg_channel_id', { mode: 'number' }).unique(),
    username: text('username').unique(),
    inviteHash: text('invite_hash').unique(),
    title: text('title').notNull(),
    about: text('about'),
    visibility: channelVisibility('visibility').notNull().default('public'),
    ownerAccountId: uuid('owner_account_id').references(() => tgAccounts.id, { onDelete: 'set null' }),
    isActive: boolean('is_active').notNull().default(true),
    participantsCount: integer('participants_count'),
    lastParsedAt: timestamp('last_parsed_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Grows whenever anything a feed page shows of this channel changes: its posts, their media and
     * topics, its own title or link (triggers of migration 0009). Feed pages are cached under it.
     */
    feedVersion: bigint('feed_version', { mode: 'number' }).notNull().default(0),
  },
  (t) => [index('channels_owner_account_idx').on(t.ownerAccountId)],
);

export const subscriptions = pgTable(
  'subscriptions',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    channelId: bigint('channel_id', { mode: 'number' }).notNull().references(() => channels.id, { onDelete: 'cascade' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    accessible: boolean('accessible').notNull().default(true),
    inaccessibleReason: text('inaccessible_reason'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.channelId] }), index('subscriptions_channel_idx').on(t.channelId)],
);

/** How far an account has read a channel: the incremental cursor of ingest. */
export const accountChannelState = pgTable(
  'account_channel_state',
  {
    accountId: uuid('account_id').notNull().references(() => tgAccounts.id, { onDelete: 'cascade' }),
    channelId: bigint('channel_id', { mode: 'number' }).notNull().references(() => channels.id, { onDelete: 'cascade' }),
    lastMsgId: bigint('last_msg_id', { mode: 'number' }).notNull().default(0),
    /** The handle this account reads the channel with (access hashes are per account), so ingest never resolves again. */
    accessHash: text('access_hash'),
    lastError: text('last_error'),
    errorCount: integer('error_count').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.channelId] }), index('account_channel_state_channel_idx').on(t.channelId)],
);
