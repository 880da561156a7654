import { sql } from 'drizzle-orm';
import { bigint, bigserial, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Platform } from '../../core/pipeline/platforms';
import { rankingWindow } from './enums';
import { contentPackages, pipelineRuns } from './content';
import { topics } from './topics';
import { users } from './users';

/**
 * "When a topic in my channels reaches score ≥ X in the 24h or 7d window, with at least N of my
 * channels [and containing these words], run Make exclusive for these platforms."
 */
export const rules = pgTable(
  'rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    window: rankingWindow('window').notNull().default('24h'),
    minScore: doublePrecision('min_score').notNull(),
    minChannels: integer('min_channels').notNull().default(1),
    keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
    platforms: jsonb('platforms').$type<Platform[]>().notNull(),
    /** active | paused (by the user, or by a quota hit: see paused_reason). */
    status: text('status').$type<'active' | 'paused'>().notNull().default('active'),
    pausedReason: text('paused_reason'),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    lastEvaluatedAt: timestamp('last_evaluated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rules_user_idx').on(t.userId, t.createdAt.desc()), index('rules_active_idx').on(t.status).where(sql`${t.status} = 'active'`)],
);

/** What a rule fired on and what it produced. One row per (rule, topic), ever. */
export const ruleFirings = pgTable(
  'rule_firings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ruleId: uuid('rule_id').notNull().references(() => rules.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    topicId: bigint('topic_id', { mode: 'number' }).notNull().references(() => topics.id, { onDelete: 'cascade' }),
    topicTitle: text('topic_title').notNull(),
    score: doublePrecision('score').notNull(),
    channels: integer('channels').notNull(),
    runId: uuid('run_id').references(() => pipelineRuns.id, { onDelete: 'set null' }),
    packageId: uuid('package_id').references(() => contentPackages.id, { onDelete: 'set null' }),
    firedAt: timestamp('fired_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('rule_firings_rule_topic_uq').on(t.ruleId, t.topicId), index('rule_firings_user_fired_idx').on(t.userId, t.firedAt.desc())],
);
