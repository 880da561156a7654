// Rules: create, list, edit, pause and delete (scoped by the user); and evaluation after each
// ranking refresh — every active rule against the reader's topics (the stored topic score, the
// reader's own channels). One run per (rule, topic), ever: the firing row is claimed through a
// unique index before the run starts, so two evaluations at once start one run. A quota hit
// pauses the rule with the reason and gives the claim back.
import { z } from 'zod';
import { AppError, NotFoundError } from '../../core/errors';
import { PLATFORMS } from '../../core/pipeline/platforms';
import { RANKING_WINDOW_NAMES } from '../../core/ranking/windows';
import { quotaPauseReason, ruleMatches, type TopicCandidate } from '../../core/rules';
import { rankingState } from '../../db/queries/ranking-clock';
import { topicsForUser } from '../../db/queries/top';
import * as queries from '../../db/queries/rules';
import type { RuleRow } from '../../db/queries/rules';
import type { Db } from '../../db/types';
import { startRun, type PipelineContext } from './pipeline';
import { QuotaExceededError } from './quotas';

export const RULE_JOB = 'rules.evaluate';
export const ruleJob = z.object({ userId: z.uuid().optional() }).strict();

/** Rules one user may keep. */
export const MAX_RULES_PER_USER = 50;
/** Topics a rule looks at per evaluation (best stored scores first). */
const CANDIDATE_TOPICS = 200;

const ruleFields = {
  name: z.string().trim().min(1).max(120),
  window: z.enum(RANKING_WINDOW_NAMES),
  minScore: z.number().min(0).max(10),
  minChannels: z.number().int().min(1).max(1000),
  keywords: z.array(z.string().trim().min(1).max(60)).max(20),
  platforms: z.array(z.enum(PLATFORMS)).min(1).max(PLATFORMS.length),
};
export const ruleCreateBody = z.object({ ...ruleFields, window: ruleFields.window.default('24h'), minChannels: ruleFields.minChannels.default(1), keywords: ruleFields.keywords.default([]) }).strict();
export const rulePatchBody = z
  .object({ ...ruleFields, status: z.enum(['active', 'paused']) })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' });

export function ruleView(rule: RuleRow) {
  return {
    id: rule.id,
    name: rule.name,
    window: rule.window,
    minScore: rule.minScore,
    minChannels: rule.minChannels,
    keywords: rule.keywords,
    platforms: rule.platforms,
    status: rule.status,
    pausedReason: rule.pausedReason,
    pausedAt: rule.pausedAt?.toISOString() ?? null,
    lastEvaluatedAt: rule.lastEvaluatedAt?.toISOString() ?? null,
    createdAt: rule.createdAt.toISOString(),
  };
}
export type RuleView = ReturnType<typeof ruleView>;

export async function createRule(db: Db, userId: string, input: z.infer<typeof ruleCreateBody>, at: Date): Promise<RuleRow> {
  return db.transaction(async (tx) => {
    if ((await queries.countRules(tx, userId)) >= MAX_RULES_PER_USER) throw new AppError('CONFLICT', `At most ${MAX_RULES_PER_USER} rules per user`);
    return queries.insertRule(tx, { userId, ...input, platforms: [...new Set(input.platforms)], createdAt: at, updatedAt: at });
  });
}

export async function editRule(db: Db, userId: string, id: string, patch: z.infer<typeof rulePatchBody>, at: Date): Promise<RuleRow> {
  const { status, ...fields } = patch;
  const statusPatch = status === 'active' ? { status, pausedReason: null, pausedAt: null } : status === 'paused' ? { status, pausedReason: 'BY_USER', pausedAt: at } : {};
  // An edited or resumed rule is evaluated at the next pass, whether or not the rankings moved.
  const row = await queries.updateRule(db, userId, id, { ...fields, ...(fields.platforms ? { platforms: [...new Set(fields.platforms)] } : {}), ...statusPatch, lastEvaluatedAt: null }, at);
  if (!row) throw new NotFoundError('Rule', id);
  return row;
}

export async function removeRule(db: Db, userId: string, id: string): Promise<void> {
  if (!(await queries.deleteRule(db, userId, id))) throw new NotFoundError('Rule', id);
}

export interface EvaluationReport {
  rules: number;
  fired: { ruleId: string; topicId: number; runId: string }[];
  paused: { ruleId: string; reason: string }[];
}

async function candidatesFor(db: Db, userId: string, window: '24h' | '7d', now: Date): Promise<TopicCandidate[]> {
  const rows = await topicsForUser(db, { userId, window, now, maxTopics: CANDIDATE_TOPICS });
  return rows.map((r) => ({ topicId: r.topicId, title: r.title, score: r.score, channels: r.channels.length, texts: r.posts.map((p) => p.text) }));
}

/**
 * Evaluates active rules (every user's, or one user's) against the current rankings and starts a
 * run for each (rule, topic) that matches for the first time.
 */
export async function evaluateRules(ctx: PipelineContext, options: { userId?: string } = {}): Promise<EvaluationReport> {
  const report: EvaluationReport = { rules: 0, fired: [], paused: [] };
  const active = await queries.activeRules(ctx.db, options.userId);
  if (!active.length) return report;
  const nowDate = new Date(ctx.now() * 1000);
  // The instant the stored scores describe (a replayed sandbox runs on its data's clock).
  const state = await rankingState(ctx.db);
  const rankedAt = new Date(state.nowMs ?? nowDate.getTime());
  const cache = new Map<string, Promise<TopicCandidate[]>>();
  for (const rule of active) {
    report.rules++;
    const key = `${rule.userId}:${rule.window}`;
    if (!cache.has(key)) cache.set(key, candidatesFor(ctx.db, rule.userId, rule.window, rankedAt));
    const candidates = (await cache.get(key)!).filter((t) => ruleMatches(rule, t));
    if (!candidates.length) continue;
    const fired = await queries.firedTopicIds(ctx.db, rule.id);
    for (const topic of candidates) {
      if (fired.has(topic.topicId)) continue;
      const firingId = await queries.claimFiring(ctx.db, { ruleId: rule.id, userId: rule.userId, topicId: topic.topicId, topicTitle: topic.title.slice(0, 300), score: topic.score, channels: topic.channels, firedAt: nowDate });
      if (firingId === null) continue; // another evaluation got there first
      try {
        const run = await startRun({ ctx, actor: { id: rule.userId, plan: rule.plan }, input: { selection: { topicId: topic.topicId }, platforms: rule.platforms } });
        await queries.setFiringRun(ctx.db, firingId, run.id);
        report.fired.push({ ruleId: rule.id, topicId: topic.topicId, runId: run.id });
        ctx.log.info('rule fired', { ruleId: rule.id, topicId: topic.topicId, runId: run.id });
      } catch (error) {
        await queries.dropFiring(ctx.db, firingId);
        if (error instanceof QuotaExceededError) {
          const reason = quotaPauseReason(error.refusal.limit, error.refusal.retryAt);
          await queries.pauseRuleFor(ctx.db, rule.id, reason, nowDate);
          report.paused.push({ ruleId: rule.id, reason });
          ctx.log.info('rule paused by a quota', { ruleId: rule.id, limit: error.refusal.limit });
          break;
        }
        if (error instanceof AppError && error.status < 500) {
          // The topic is not the reader's any more (e.g. unsubscribed meanwhile): try it next time.
          ctx.log.warn('rule could not start a run', { ruleId: rule.id, topicId: topic.topicId, code: error.code });
          continue;
        }
        throw error;
      }
    }
  }
  await queries.markEvaluated(ctx.db, active.map((r) => r.id), nowDate);
  return report;
}
