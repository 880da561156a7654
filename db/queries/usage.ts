// AI usage of one user: totals, by model, by purpose, per day; and pipeline runs for the quotas.
import { and, asc, count, desc, eq, gte, sql } from 'drizzle-orm';
import { aiUsage, pipelineRuns } from '../schema';
import type { Db } from '../types';

export interface UsageTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  images: number;
  costUsd: number;
}

const totalsColumns = {
  calls: sql<number>`count(*)::int`,
  inputTokens: sql<number>`coalesce(sum(${aiUsage.inputTokens}), 0)::int`,
  outputTokens: sql<number>`coalesce(sum(${aiUsage.outputTokens}), 0)::int`,
  cachedTokens: sql<number>`coalesce(sum(${aiUsage.cachedTokens}), 0)::int`,
  images: sql<number>`coalesce(sum(${aiUsage.images}), 0)::int`,
  costUsd: sql<number>`coalesce(sum(${aiUsage.costUsd}), 0)::float8`,
};

export async function usageSummary(db: Db, userId: string, since: Date, timeZone: string) {
  const scope = and(eq(aiUsage.userId, userId), gte(aiUsage.ts, since));
  const day = sql<string>`to_char(${aiUsage.ts} at time zone ${timeZone}, 'YYYY-MM-DD')`;
  const [totals, byModel, byPurpose, daily] = await Promise.all([
    db.select(totalsColumns).from(aiUsage).where(scope),
    db.select({ model: aiUsage.model, ...totalsColumns }).from(aiUsage).where(scope).groupBy(aiUsage.model).orderBy(desc(totalsColumns.costUsd)),
    db.select({ purpose: aiUsage.purpose, ...totalsColumns }).from(aiUsage).where(scope).groupBy(aiUsage.purpose).orderBy(desc(totalsColumns.costUsd)),
    // Grouped by position: the time zone is a bound parameter, so the expression can't be repeated.
    db.select({ day, ...totalsColumns }).from(aiUsage).where(scope).groupBy(sql`1`).orderBy(sql`1`),
  ]);
  return { totals: totals[0] as UsageTotals, byModel, byPurpose, daily };
}

export async function pipelineRunsSince(db: Db, userId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(pipelineRuns)
    .where(and(eq(pipelineRuns.userId, userId), gte(pipelineRuns.createdAt, since)));
  return row.n;
}

export interface UsageRow {
  ts: Date;
  purpose: string;
  engine: string;
  model: string;
  runId: string | null;
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
  images: number;
  costUsd: string;
}

/** The user's AI calls since `since`, oldest first (at most `limit`): the CSV export. */
export async function usageRows(db: Db, userId: string, since: Date, limit: number): Promise<UsageRow[]> {
  return db
    .select({ ts: aiUsage.ts, purpose: aiUsage.purpose, engine: aiUsage.engine, model: aiUsage.model, runId: aiUsage.runId, inputTokens: aiUsage.inputTokens, cachedTokens: aiUsage.cachedTokens, outputTokens: aiUsage.outputTokens, images: aiUsage.images, costUsd: aiUsage.costUsd })
    .from(aiUsage)
    .where(and(eq(aiUsage.userId, userId), gte(aiUsage.ts, since)))
    .orderBy(asc(aiUsage.ts), asc(aiUsage.id))
    .limit(limit);
}
