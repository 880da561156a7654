// Webhook endpoints and their deliveries, scoped by the user.
import { and, arrayContains, desc, eq, sql } from 'drizzle-orm';
import { pipelineRuns, webhookDeliveries, webhooks } from '../schema';
import type { Db } from '../types';

export type WebhookRow = typeof webhooks.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export async function webhooksOfUser(db: Db, userId: string): Promise<WebhookRow[]> {
  return db.select().from(webhooks).where(eq(webhooks.userId, userId)).orderBy(desc(webhooks.createdAt), desc(webhooks.id));
}

export async function webhookOfUser(db: Db, userId: string, id: string): Promise<WebhookRow | null> {
  const [row] = await db.select().from(webhooks).where(and(eq(webhooks.userId, userId), eq(webhooks.id, id)));
  return row ?? null;
}

export async function countWebhooks(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(webhooks).where(eq(webhooks.userId, userId));
  return row.n;
}

export async function insertWebhook(db: Db, values: typeof webhooks.$inferInsert): Promise<WebhookRow> {
  const [row] = await db.insert(webhooks).values(values).returning();
  return row;
}

export async function updateWebhook(db: Db, userId: string, id: string, patch: Partial<Omit<WebhookRow, 'id' | 'userId' | 'createdAt'>>): Promise<WebhookRow | null> {
  const [row] = await db.update(webhooks).set(patch).where(and(eq(webhooks.userId, userId), eq(webhooks.id, id))).returning();
  return row ?? null;
}

export async function deleteWebhook(db: Db, userId: string, id: string): Promise<boolean> {
  return (await db.delete(webhooks).where(and(eq(webhooks.userId, userId), eq(webhooks.id, id))).returning({ id: webhooks.id })).length > 0;
}

/** The user's active endpoints that asked for this event. */
export async function endpointsFor(db: Db, userId: string, event: string): Promise<{ id: string }[]> {
  return db.select({ id: webhooks.id }).from(webhooks).where(and(eq(webhooks.userId, userId), eq(webhooks.isActive, true), arrayContains(webhooks.events, [event])));
}

/** Queues an event for an endpoint once: the same message id for the same endpoint is one row. */
export async function insertDelivery(db: Db, values: typeof webhookDeliveries.$inferInsert): Promise<number | null> {
  const rows = await db.insert(webhookDeliveries).values(values).onConflictDoNothing({ target: [webhookDeliveries.webhookId, webhookDeliveries.messageId] }).returning({ id: webhookDeliveries.id });
  return rows[0]?.id ?? null;
}

/** Locks a delivery and its endpoint for one attempt. */
export async function lockDelivery(tx: Db, id: number): Promise<{ delivery: DeliveryRow; webhook: WebhookRow } | null> {
  const [row] = await tx.select({ delivery: webhookDeliveries, webhook: webhooks }).from(webhookDeliveries).innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId)).where(eq(webhookDeliveries.id, id)).for('update', { of: webhookDeliveries });
  return row ?? null;
}

export async function updateDelivery(db: Db, id: number, patch: Partial<Omit<DeliveryRow, 'id'>>): Promise<void> {
  await db.update(webhookDeliveries).set(patch).where(eq(webhookDeliveries.id, id));
}

export async function disableWebhook(db: Db, id: string, reason: string): Promise<void> {
  await db.update(webhooks).set({ isActive: false, disabledReason: reason }).where(eq(webhooks.id, id));
}

export async function deliveriesOfWebhook(db: Db, userId: string, webhookId: string, limit: number): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.userId, userId), eq(webhookDeliveries.webhookId, webhookId)))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
}

/** Pending deliveries due by `at` (a restarted in-process queue forgot them; the table did not). */
export async function pendingDeliveries(db: Db, limit: number): Promise<{ id: number; attempts: number; nextAttemptAt: Date | null }[]> {
  return db
    .select({ id: webhookDeliveries.id, attempts: webhookDeliveries.attempts, nextAttemptAt: webhookDeliveries.nextAttemptAt })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.status, 'pending'))
    .orderBy(webhookDeliveries.id)
    .limit(limit);
}


/** What a run event says (read by id: the pipeline emits it for the run's own user). */
export async function runForEvent(db: Db, runId: string) {
  const [row] = await db
    .select({ id: pipelineRuns.id, userId: pipelineRuns.userId, status: pipelineRuns.status, topicId: pipelineRuns.topicId, packageId: pipelineRuns.packageId, errorCode: pipelineRuns.errorCode, error: pipelineRuns.error, engine: pipelineRuns.engine, input: pipelineRuns.input, finishedAt: pipelineRuns.finishedAt })
    .from(pipelineRuns)
    .where(eq(pipelineRuns.id, runId));
  return row ?? null;
}
