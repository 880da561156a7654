// Plans: what each offers and how a user's plan changes (no billing here: an operator runs
// `npm run set-plan -- <telegram id or @username> <plan>`).
import { PLAN_LIMITS, type PlanLimits, type PlanName } from '../../core/plans';
import { findUserForPlan, setUserPlan } from '../../db/queries/quotas';
import type { Db } from '../../db/types';

export const PLAN_NAMES = Object.keys(PLAN_LIMITS) as PlanName[];

export function planCatalogue(current: PlanName): { current: PlanName; plans: { name: PlanName; limits: PlanLimits }[] } {
  return { current, plans: PLAN_NAMES.map((name) => ({ name, limits: PLAN_LIMITS[name] })) };
}

/** A user by Telegram id (digits) or username (with or without @). */
export function parseUserRef(ref: string): { tgId: number } | { username: string } | null {
  const trimmed = ref.trim();
  if (/^\d{1,15}$/.test(trimmed)) return { tgId: Number(trimmed) };
  const username = trimmed.replace(/^@/, '');
  return /^[A-Za-z0-9_]{3,64}$/.test(username) ? { username } : null;
}

export async function changePlan(db: Db, ref: string, plan: string): Promise<{ userId: string; username: string | null; tgId: number; from: PlanName; to: PlanName }> {
  if (!PLAN_NAMES.includes(plan as PlanName)) throw new Error(`Unknown plan "${plan}"; one of: ${PLAN_NAMES.join(', ')}`);
  const parsed = parseUserRef(ref);
  if (!parsed) throw new Error(`"${ref}" is neither a Telegram id nor a username`);
  const user = await findUserForPlan(db, parsed);
  if (!user) throw new Error(`No user ${ref}`);
  await setUserPlan(db, user.id, plan as PlanName);
  return { userId: user.id, username: user.username, tgId: user.tgId, from: user.plan, to: plan as PlanName };
}
