// The user's plan, read where subscription limits are checked (inside the caller's transaction).
import { eq } from 'drizzle-orm';
import type { PlanName } from '../../core/plans';
import { channels, users } from '../schema';
import type { Db } from '../types';

export async function userPlan(db: Db, userId: string): Promise<PlanName> {
  const [row] = await db.select({ plan: users.plan }).from(users).where(eq(users.id, userId));
  return row?.plan ?? 'free';
}

export async function findChannelByTelegramId(db: Db, tgChannelId: number): Promise<{ id: number } | null> {
  const [row] = await db.select({ id: channels.id }).from(channels).where(eq(channels.tgChannelId, tgChannelId)).limit(1);
  return row ?? null;
}
