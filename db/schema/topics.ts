import { bigint, bigserial, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { messageLang, rankingEntityKind, rankingWindow } from './enums';
import { channels } from './channels';
import { messages } from './messages';

/** A story covered by one or more channels; shared across users (each sees only their channels' posts). */
export const topics = pgTable(
  'topics',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    title: text('title').notNull(),
    lang: messageLang('lang').notNull().default('other'),
    originMessageId: bigint('origin_message_id', { mode: 'number' }).references(() => messages.id, { onDelete: 'set null' }),
    originChannelId: bigint('origin_channel_id', { mode: 'number' }).references(() => channels.id, { onDelete: 'set null' }),
    // The post the title was taken from: a user who does not follow its channel gets a title from their own posts.
    titleMessageId: bigint('title_message_id', { mode: 'number' }).references(() => messages.id, { onDelete: 'set null' }),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    // Set when the clustering joined this topic into another: its posts and references moved there,
    // and reads of this id answer with the survivor.
    mergedInto: bigint('merged_into', { mode: 'number' }).references((): AnyPgColumn => topics.id, { onDelete: 'set null' }),
    messageCount: integer('message_count').notNull().default(0),
    channelCount: integer('channel_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('topics_last_seen_idx').on(t.lastSeenAt.desc()), index('topics_merged_into_idx').on(t.mergedInto)],
);

export const topicMessages = pgTable(
  'topic_messages',
  {
    topicId: bigint('topic_id', { mode: 'number' }).notNull().references(() => topics.id, { onDelete: 'cascade' }),
    messageId: bigint('message_id', { mode: 'number' }).notNull().references(() => messages.id, { onDelete: 'cascade' }),
    similarity: real('similarity').notNull().default(1),
    // A forward or near-copy of an earlier post in the topic: it does not add breadth.
    duplicateOfMessageId: bigint('duplicate_of_message_id', { mode: 'number' }).references(() => messages.id, { onDelete: 'set null' }),
    isForward: boolean('is_forward').notNull().default(false),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.messageId] }), uniqueIndex('topic_messages_message_uq').on(t.messageId)],
);

export interface ScoreComponents {
  popularity: number;
  trend: number;
  breadth: number;
  freshness: number;
  [extra: string]: number;
}

export const ranking = pgTable(
  'ranking',
  {
    entityKind: rankingEntityKind('entity_kind').notNull(),
    entityId: bigint('entity_id', { mode: 'number' }).notNull(),
    window: rankingWindow('window').notNull(),
    score: doublePrecision('score').notNull(),
    components: jsonb('components').$type<ScoreComponents>().notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.entityKind, t.entityId, t.window] }),
    index('ranking_window_score_idx').on(t.window, t.entityKind, t.score.desc()),
  ],
);
