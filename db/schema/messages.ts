import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { mediaKind, messageLang, messageType } from './enums';
import { channels } from './channels';

export interface ReactionCounts {
  total: number;
  byEmoji: Record<string, number>;
}

/** A `tsvector`, as its text form (`'lexeme':1,4 …`); only the database reads it. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const messages = pgTable(
  'messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channelId: bigint('channel_id', { mode: 'number' }).notNull().references(() => channels.id, { onDelete: 'cascade' }),
    msgId: bigint('msg_id', { mode: 'number' }).notNull(),
    date: timestamp('date', { withTimezone: true }).notNull(),
    editDate: timestamp('edit_date', { withTimezone: true }),
    text: text('text').notNull().default(''),
    author: text('author'),
    views: integer('views').notNull().default(0),
    forwards: integer('forwards').notNull().default(0),
    comments: integer('comments').notNull().default(0),
    reactions: jsonb('reactions').$type<ReactionCounts>().notNull().default({ total: 0, byEmoji: {} }),
    reactionsTotal: integer('reactions_total').notNull().default(0),
    lang: messageLang('lang').notNull().default('other'),
    type: messageType('type').notNull().default('text'),
    hashtags: text('hashtags').array().notNull().default(sql`'{}'::text[]`),
    links: text('links').array().notNull().default(sql`'{}'::text[]`),
    mediaPresent: boolean('media_present').notNull().default(false),
    groupedId: bigint('grouped_id', { mode: 'number' }),
    fwdFromChannelId: bigint('fwd_from_channel_id', { mode: 'number' }),
    fwdFromMsgId: bigint('fwd_from_msg_id', { mode: 'number' }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    // Search keys of the text (Russian and English word forms, surnames in every case): computed by
    // the database on write and for existing rows, from the functions of migration 0005.
    search: tsvector('search').notNull().generatedAlwaysAs(sql`tgs_search_vector("text")`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('messages_channel_msg_uq').on(t.channelId, t.msgId),
    // The feed walks each followed channel newest-first: (channel_id, date desc, id desc).
    index('messages_channel_date_idx').on(t.channelId, t.date.desc(), t.id.desc()),
    // Filtered feeds walk one equality prefix each, so a channel without matches costs one probe:
    // by language, and by type (with every language, or the ones asked for).
    index('messages_channel_lang_date_idx').on(t.channelId, t.lang, t.date.desc(), t.id.desc()),
    index('messages_channel_type_lang_date_idx').on(t.channelId, t.type, t.lang, t.date.desc(), t.id.desc()),
    index('messages_date_idx').on(t.date.desc(), t.id.desc()),
    index('messages_search_idx').using('gin', t.search),
  ],
);

export const mediaAssets = pgTable(
  'media_assets',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageId: bigint('message_id', { mode: 'number' }).notNull().references(() => messages.id, { onDelete: 'cascade' }),
    kind: mediaKind('kind').notNull(),
    url: text('url').notNull(),
    storageKey: text('storage_key').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    format: text('format').notNull(),
    hash: text('hash').notNull(),
    width: integer('width'),
    height: integer('height'),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('media_assets_message_position_uq').on(t.messageId, t.position),
    index('media_assets_hash_idx').on(t.hash),
  ],
);
