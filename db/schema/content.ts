import { bigint, bigserial, index, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { pipelineStatus, pipelineStep, platform } from './enums';
import { topics } from './topics';
import { users } from './users';

/** One run of the AI pipeline (Editor → Image Brief → Images → Publisher), with visible progress. */
export const pipelineRuns = pgTable(
  'pipeline_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    topicId: bigint('topic_id', { mode: 'number' }).references(() => topics.id, { onDelete: 'set null' }),
    status: pipelineStatus('status').notNull().default('queued'),
    step: pipelineStep('step'),
    progress: integer('progress').notNull().default(0),
    error: text('error'),
    input: jsonb('input').$type<Record<string, unknown>>().notNull().default({}),
    result: jsonb('result').$type<Record<string, unknown>>(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('pipeline_runs_user_created_idx').on(t.userId, t.createdAt.desc()), index('pipeline_runs_status_idx').on(t.status)],
);

export const editorResults = pgTable(
  'editor_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').references(() => pipelineRuns.id, { onDelete: 'set null' }),
    topicId: bigint('topic_id', { mode: 'number' }).references(() => topics.id, { onDelete: 'set null' }),
    messageIds: bigint('message_ids', { mode: 'number' }).array().notNull(),
    language: text('language').notNull(),
    headline: text('headline').notNull(),
    dek: text('dek').notNull(),
    bodyVariants: jsonb('body_variants').$type<{ short: string; medium: string; long: string }>().notNull(),
    keyPoints: jsonb('key_points').$type<string[]>().notNull(),
    sourceLinks: jsonb('source_links').$type<{ url: string; title?: string }[]>().notNull(),
    needsVerification: jsonb('needs_verification').$type<string[]>().notNull().default([]),
    originality: jsonb('originality').$type<Record<string, number>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('editor_results_user_created_idx').on(t.userId, t.createdAt.desc())],
);

export const imageBriefs = pgTable(
  'image_briefs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    editorResultId: uuid('editor_result_id').notNull().references(() => editorResults.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    prompt: text('prompt').notNull(),
    negative: text('negative').notNull(),
    size: text('size').notNull(),
    aspect: text('aspect').notNull(),
    variants: integer('variants').notNull().default(1),
    caption: text('caption').notNull(),
    styleTags: jsonb('style_tags').$type<string[]>().notNull().default([]),
    briefHash: text('brief_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('image_briefs_user_idx').on(t.userId), index('image_briefs_editor_result_idx').on(t.editorResultId)],
);

/** Generated images cached by brief hash: the same brief never pays twice. */
export const generatedImages = pgTable(
  'generated_images',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    briefHash: text('brief_hash').notNull(),
    variant: integer('variant').notNull().default(0),
    url: text('url').notNull(),
    storageKey: text('storage_key').notNull(),
    model: text('model').notNull(),
    size: text('size').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('generated_images_brief_idx').on(t.briefHash, t.variant)],
);

export const contentPackages = pgTable(
  'content_packages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    editorResultId: uuid('editor_result_id').notNull().references(() => editorResults.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').references(() => pipelineRuns.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('content_packages_user_created_idx').on(t.userId, t.createdAt.desc())],
);

export const contentPackageItems = pgTable(
  'content_package_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    packageId: uuid('package_id').notNull().references(() => contentPackages.id, { onDelete: 'cascade' }),
    platform: platform('platform').notNull(),
    postTime: timestamp('post_time', { withTimezone: true }).notNull(),
    postText: jsonb('post_text').$type<{ short: string; medium: string; long: string }>().notNull(),
    hashtags: jsonb('hashtags').$type<string[]>().notNull(),
    cta: text('cta').notNull(),
    imageUrl: text('image_url'),
  },
  (t) => [index('content_package_items_package_idx').on(t.packageId)],
);

export const aiUsage = pgTable(
  'ai_usage',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').references(() => pipelineRuns.id, { onDelete: 'set null' }),
    ts: timestamp('ts', { withTimezone: true }).notNull().defaultNow(),
    model: text('model').notNull(),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    images: integer('images').notNull().default(0),
    costUsd: numeric('cost_usd', { precision: 12, scale: 6 }).notNull().default('0'),
    purpose: text('purpose').notNull(),
  },
  (t) => [index('ai_usage_user_ts_idx').on(t.userId, t.ts.desc())],
);
