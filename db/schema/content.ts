import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AiEngine, AiPurpose, ImageSize, PipelineStep, Platform } from '../../core/pipeline/platforms';
import type { BodyVariants, Originality, PackageItemDraft, VerificationFlag } from '../../core/pipeline/types';
import type { SourceLinkView } from '../../core/pipeline/views';
import type { Tone, UiLanguage } from '../../core/settings';
import { pipelineStatus, pipelineStep } from './enums';
import { topics } from './topics';
import { users } from './users';

/** What a run was asked to do (kept so a retried or resumed run does the same). */
export interface RunInput {
  topicId: number | null;
  messageIds: number[] | null;
  platforms: Platform[];
  language: UiLanguage;
  tone: Tone;
  briefCount: number;
}

/**
 * One run of the AI pipeline (Editor → Image Brief → Images → Publisher). The row is the truth:
 * the queue only carries "run X, step Y"; a restart resumes from `step`. A step claims the run
 * (claimed_step/claimed_until) while its AI call is in flight, so a second delivery waits.
 */
export const pipelineRuns = pgTable(
  'pipeline_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    topicId: bigint('topic_id', { mode: 'number' }).references(() => topics.id, { onDelete: 'set null' }),
    status: pipelineStatus('status').notNull().default('queued'),
    step: pipelineStep('step'),
    stepsDone: jsonb('steps_done').$type<PipelineStep[]>().notNull().default([]),
    progress: integer('progress').notNull().default(0),
    engine: text('engine').$type<AiEngine>().notNull().default('offline'),
    error: text('error'),
    errorCode: text('error_code'),
    input: jsonb('input').$type<RunInput>().notNull(),
    editorResultId: uuid('editor_result_id'),
    packageId: uuid('package_id'),
    claimedStep: pipelineStep('claimed_step'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('pipeline_runs_user_created_idx').on(t.userId, t.createdAt.desc()),
    index('pipeline_runs_user_topic_idx').on(t.userId, t.topicId, t.createdAt.desc()),
    index('pipeline_runs_status_idx').on(t.status),
  ],
);

export const editorResults = pgTable(
  'editor_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').references(() => pipelineRuns.id, { onDelete: 'set null' }),
    topicId: bigint('topic_id', { mode: 'number' }).references(() => topics.id, { onDelete: 'set null' }),
    messageIds: bigint('message_ids', { mode: 'number' }).array().notNull(),
    engine: text('engine').$type<AiEngine>().notNull().default('offline'),
    language: text('language').$type<UiLanguage>().notNull(),
    tone: text('tone').$type<Tone>().notNull().default('neutral'),
    headline: text('headline').notNull(),
    dek: text('dek').notNull(),
    bodyVariants: jsonb('body_variants').$type<BodyVariants>().notNull(),
    keyPoints: jsonb('key_points').$type<string[]>().notNull(),
    sourceLinks: jsonb('source_links').$type<SourceLinkView[]>().notNull(),
    needsVerification: jsonb('needs_verification').$type<VerificationFlag[]>().notNull().default([]),
    originality: jsonb('originality').$type<Originality>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('editor_results_user_created_idx').on(t.userId, t.createdAt.desc()),
    // One result per run: a step delivered twice stores once.
    uniqueIndex('editor_results_run_uq').on(t.runId).where(sql`${t.runId} is not null`),
  ],
);

export const imageBriefs = pgTable(
  'image_briefs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    editorResultId: uuid('editor_result_id').notNull().references(() => editorResults.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').references(() => pipelineRuns.id, { onDelete: 'set null' }),
    position: integer('position').notNull().default(0),
    title: text('title').notNull(),
    prompt: text('prompt').notNull(),
    negative: text('negative').notNull(),
    size: text('size').$type<ImageSize>().notNull(),
    aspect: text('aspect').notNull(),
    variants: integer('variants').notNull().default(1),
    caption: text('caption').notNull(),
    styleTags: jsonb('style_tags').$type<string[]>().notNull().default([]),
    briefHash: text('brief_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('image_briefs_user_idx').on(t.userId),
    index('image_briefs_editor_result_idx').on(t.editorResultId),
    uniqueIndex('image_briefs_run_position_uq').on(t.runId, t.position).where(sql`${t.runId} is not null`),
  ],
);

/**
 * Generated images cached by brief hash, per user: the same brief never pays twice. (Per user, so
 * one tenant's cache never hands another tenant's picture over, nor tells them it exists.)
 */
export const generatedImages = pgTable(
  'generated_images',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    briefHash: text('brief_hash').notNull(),
    variant: integer('variant').notNull().default(0),
    url: text('url').notNull(),
    storageKey: text('storage_key').notNull(),
    engine: text('engine').$type<AiEngine>().notNull().default('offline'),
    model: text('model').notNull(),
    size: text('size').$type<ImageSize>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('generated_images_user_brief_uq').on(t.userId, t.briefHash, t.variant)],
);

export const contentPackages = pgTable(
  'content_packages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    editorResultId: uuid('editor_result_id').notNull().references(() => editorResults.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').references(() => pipelineRuns.id, { onDelete: 'set null' }),
    engine: text('engine').$type<AiEngine>().notNull().default('offline'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('content_packages_user_created_idx').on(t.userId, t.createdAt.desc(), t.id.desc()),
    uniqueIndex('content_packages_run_uq').on(t.runId).where(sql`${t.runId} is not null`),
  ],
);

export const contentPackageItems = pgTable(
  'content_package_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    packageId: uuid('package_id').notNull().references(() => contentPackages.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    platform: text('platform').$type<Platform>().notNull(),
    postTime: timestamp('post_time', { withTimezone: true }).notNull(),
    postTimeReason: text('post_time_reason').notNull().default(''),
    postText: jsonb('post_text').$type<BodyVariants>().notNull(),
    counts: jsonb('counts').$type<PackageItemDraft['counts']>().notNull(),
    hashtags: jsonb('hashtags').$type<string[]>().notNull(),
    cta: text('cta').notNull(),
    imageUrl: text('image_url'),
    imageSize: text('image_size').$type<ImageSize>(),
  },
  (t) => [index('content_package_items_package_idx').on(t.packageId, t.position)],
);

export const aiUsage = pgTable(
  'ai_usage',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').references(() => pipelineRuns.id, { onDelete: 'set null' }),
    ts: timestamp('ts', { withTimezone: true }).notNull().defaultNow(),
    engine: text('engine').$type<AiEngine>().notNull().default('openai'),
    model: text('model').notNull(),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    cachedTokens: integer('cached_tokens').notNull().default(0),
    images: integer('images').notNull().default(0),
    costUsd: numeric('cost_usd', { precision: 12, scale: 6 }).notNull().default('0'),
    purpose: text('purpose').$type<AiPurpose>().notNull(),
  },
  (t) => [index('ai_usage_user_ts_idx').on(t.userId, t.ts.desc()), index('ai_usage_run_idx').on(t.runId)],
);
