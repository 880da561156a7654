// Rules and their firings, always scoped by the user (evaluation reads every active rule).
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { pipelineRuns, ruleFirings, rules, users } from '../schema';
import type { Db } from '../types';

export type RuleRow = typeof rules.$inferSelect;
export type RuleInsert = typeof rules.$inferInsert;
export type RulePatch = Partial<Pick<RuleRow, 'name' | 'window' | 'minScore' | 'minChannels' | 'keywords' | 'platforms' | 'status' | 'pausedReason' | 'pausedAt' | 'lastEvaluatedAt'>>;

export async function rulesOfUser(db: Db, userId: string): Promise<RuleRow[]> {
  return db.select().from(rules).where(eq(rules.userId, userId)).orderBy(desc(rules.createdAt), desc(rules.id));
}

export async function ruleOfUser(db: Db, userId: string, id: string): Promise<RuleRow | null> {
  const [row] = await db.select().from(rules).where(and(eq(rules.userId, userId), eq(rules.id, id)));
  return row ?? null;
}

export async function countRules(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(rules).where(eq(rules.userId, userId));
  return row.n;
}

export async function insertRule(db: Db, values: RuleInsert): Promise<RuleRow> {
  const [row] = await db.insert(rules).values(values).returning();
  return row;
}

export async function updateRule(db: Db, userId: string, id: string, patch: RulePatch, at: Date): Promise<RuleRow | null> {
  const [row] = await db.update(rules).set({ ...patch, updatedAt: at }).where(and(eq(rules.userId, userId), eq(rules.id, id))).returning();
  return row ?? null;
}

export async function deleteRule(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db.delete(rules).where(and(eq(rules.userId, userId), eq(rules.id, id))).returning({ id: rules.id });
  return rows.length > 0;
}

/** Active rules to evaluate (all users, or one), with each owner's plan. */
export async function activeRules(db: Db, userId?: string): Promise<(RuleRow & { plan: 'free' | 'pro' | 'enterprise' })[]> {
  const result = await db
    .select({ rule: rules, plan: users.plan })
    .from(rules)
    .innerJoin(users, eq(users.id, rules.userId))
    .where(userId ? and(eq(rules.status, 'active'), eq(rules.userId, userId)) : eq(rules.status, 'active'))
    .orderBy(rules.createdAt);
  return result.map((r) => ({ ...r.rule, plan: r.plan }));
}

export async function firedTopicIds(db: Db, ruleId: string): Promise<Set<number>> {
  const rows = await db.select({ topicId: ruleFirings.topicId }).from(ruleFirings).where(eq(ruleFirings.ruleId, ruleId));
  return new Set(rows.map((r) => r.topicId));
}

/** Claims (rule, topic): true for the one caller that inserted it. The unique index decides. */
export async function claimFiring(db: Db, values: typeof ruleFirings.$inferInsert): Promise<number | null> {
  const rows = await db.insert(ruleFirings).values(values).onConflictDoNothing({ target: [ruleFirings.ruleId, ruleFirings.topicId] }).returning({ id: ruleFirings.id });
  return rows[0]?.id ?? null;
}

export async function setFiringRun(db: Db, firingId: number, runId: string): Promise<void> {
  await db.update(ruleFirings).set({ runId }).where(eq(ruleFirings.id, firingId));
}

export async function dropFiring(db: Db, firingId: number): Promise<void> {
  await db.delete(ruleFirings).where(eq(ruleFirings.id, firingId));
}

export async function pauseRuleFor(db: Db, ruleId: string, reason: string, at: Date): Promise<void> {
  await db.update(rules).set({ status: 'paused', pausedReason: reason, pausedAt: at, updatedAt: at }).where(eq(rules.id, ruleId));
}

export async function markEvaluated(db: Db, ruleIds: string[], at: Date): Promise<void> {
  if (ruleIds.length) await db.update(rules).set({ lastEvaluatedAt: at }).where(inArray(rules.id, ruleIds));
}

/** The log: what fired, on which topic, and what the run produced (its package once ready). */
export async function firingsOfUser(db: Db, userId: string, limit: number) {
  return db
    .select({
      id: ruleFirings.id,
      ruleId: ruleFirings.ruleId,
      ruleName: rules.name,
      topicId: ruleFirings.topicId,
      topicTitle: ruleFirings.topicTitle,
      score: ruleFirings.score,
      channels: ruleFirings.channels,
      firedAt: ruleFirings.firedAt,
      runId: ruleFirings.runId,
      runStatus: pipelineRuns.status,
      packageId: pipelineRuns.packageId,
    })
    .from(ruleFirings)
    .innerJoin(rules, eq(rules.id, ruleFirings.ruleId))
    .leftJoin(pipelineRuns, and(eq(pipelineRuns.id, ruleFirings.runId), eq(pipelineRuns.userId, userId)))
    .where(eq(ruleFirings.userId, userId))
    .orderBy(desc(ruleFirings.firedAt), desc(ruleFirings.id))
    .limit(limit);
}

/** Whether an active rule was never evaluated as it stands (new, edited or resumed). */
export async function hasUnevaluatedRules(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: rules.id }).from(rules).where(and(eq(rules.status, 'active'), isNull(rules.lastEvaluatedAt))).limit(1);
  return Boolean(row);
}
