// What the AI quotas count, per user over the rolling window: runs that have spent (or may still),
// generated images, AI spend. Read under the user's row lock so a check and the write it guards
// are one step for concurrent requests.
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { aiUsage, generatedImages, pipelineRuns, users } from '../schema';
import type { PlanName } from '../../core/plans';
import type { Db } from '../types';

/** Locks the user's row until the transaction ends: quota checks of one user run one at a time. */
export async function lockUserForQuota(tx: Db, userId: string): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
}

export interface CountedUses {
  used: number;
  /** The oldest counted uses, oldest first (up to the number asked for). */
  oldest: Date[];
}

/** A run counts unless it failed before any AI call was paid for (its reservation is released). */
const countedRun = sql`not (${pipelineRuns.status} = 'failed' and not exists (select 1 from ai_usage u where u.run_id = ${pipelineRuns.id}))`;

export async function runsInWindow(tx: Db, userId: string, since: Date, oldest: number): Promise<CountedUses> {
  const scope = and(eq(pipelineRuns.userId, userId), gt(pipelineRuns.createdAt, since), countedRun);
  const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(pipelineRuns).where(scope);
  const rows = oldest > 0 ? await tx.select({ at: pipelineRuns.createdAt }).from(pipelineRuns).where(scope).orderBy(asc(pipelineRuns.createdAt)).limit(oldest) : [];
  return { used: n, oldest: rows.map((r) => r.at) };
}

export async function imagesInWindow(tx: Db, userId: string, since: Date, oldest: number): Promise<CountedUses> {
  const scope = and(eq(generatedImages.userId, userId), gt(generatedImages.createdAt, since));
  const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(generatedImages).where(scope);
  const rows = oldest > 0 ? await tx.select({ at: generatedImages.createdAt }).from(generatedImages).where(scope).orderBy(asc(generatedImages.createdAt)).limit(oldest) : [];
  return { used: n, oldest: rows.map((r) => r.at) };
}

/** AI spend in the window (USD) and the time of its oldest paid call. */
export async function spendInWindow(tx: Db, userId: string, since: Date): Promise<{ usd: number; oldestPaidAt: Date | null }> {
  const [row] = await tx
    .select({ usd: sql<number>`coalesce(sum(${aiUsage.costUsd}), 0)::float8`, oldest: sql<Date | string | null>`min(${aiUsage.ts}) filter (where ${aiUsage.costUsd} > 0)` })
    .from(aiUsage)
    .where(and(eq(aiUsage.userId, userId), gt(aiUsage.ts, since)));
  return { usd: Number(row.usd), oldestPaidAt: row.oldest === null ? null : new Date(row.oldest) };
}

export async function findUserForPlan(db: Db, ref: { tgId: number } | { username: string }) {
  const [row] = await db
    .select({ id: users.id, tgId: users.tgId, username: users.username, plan: users.plan })
    .from(users)
    .where('tgId' in ref ? eq(users.tgId, ref.tgId) : sql`lower(${users.username}) = ${ref.username.toLowerCase()}`)
    .limit(1);
  return row ?? null;
}

export async function setUserPlan(db: Db, userId: string, plan: PlanName): Promise<void> {
  await db.update(users).set({ plan, updatedAt: new Date() }).where(eq(users.id, userId));
}
