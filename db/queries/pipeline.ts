// The AI pipeline's rows: runs, editor results, image briefs, generated images, packages, AI usage.
// Every read takes the user id: another user's row is indistinguishable from a missing one.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { aiUsage, contentPackageItems, contentPackages, editorResults, generatedImages, imageBriefs, pipelineRuns } from '../schema';
import type { Db } from '../types';
import { queryRows } from '../rows';
import { bigintArray, iso, num } from './sql-values';
import type { MessageLanguage } from '../../core/messages/types';
import { postUrlOf, type ChannelColumns, type PostColumns } from './feed';
import { readableChannelsSql } from './readable';

export type RunRow = typeof pipelineRuns.$inferSelect;
export type EditorResultRow = typeof editorResults.$inferSelect;
export type ImageBriefRow = typeof imageBriefs.$inferSelect;
export type GeneratedImageRow = typeof generatedImages.$inferSelect;
export type PackageRow = typeof contentPackages.$inferSelect;
export type PackageItemRow = typeof contentPackageItems.$inferSelect;
export type AiUsageInsert = typeof aiUsage.$inferInsert;

// ── Source posts ──────────────────────────────────────────────────────────────────────────────

export interface SourcePostRow {
  id: number;
  msgId: number;
  url: string;
  channelId: number;
  /** Telegram's id of the channel (either form), to match forwards to their source. */
  tgChannelId: number | null;
  channelTitle: string;
  channelUsername: string | null;
  date: string;
  text: string;
  lang: MessageLanguage;
  views: number;
  /** In a topic: a near-copy of another post, or a forward (they count once, as their original). */
  isCopy: boolean;
  forward: { tgChannelId: number; msgId: number } | null;
  photoUrl: string | null;
}

interface SourceRow extends Pick<PostColumns, 'id' | 'msg_id' | 'date' | 'text' | 'lang' | 'views'>, ChannelColumns {
  is_copy: boolean | null;
  fwd_from_channel_id: number | string | null;
  fwd_from_msg_id: number | string | null;
  photo_url: string | null;
}

/** The user's readable posts of a topic, or of the given ids, oldest first, with their first photo. */
export async function sourcePosts(db: Db, params: { userId: string; topicId?: number; messageIds?: number[] }): Promise<SourcePostRow[]> {
  const scope =
    params.topicId !== undefined
      ? sql`join topic_messages tm on tm.message_id = m.id and tm.topic_id = ${params.topicId}`
      : sql`left join topic_messages tm on false`;
  const ids = params.messageIds ? sql`and m.id = any(${bigintArray(params.messageIds)})` : sql``;
  const rows = await queryRows<SourceRow>(
    db,
    sql`
    with readable as (${readableChannelsSql(params.userId)})
    select m.id, m.msg_id, m.date, m.text, m.lang, m.views, m.fwd_from_channel_id, m.fwd_from_msg_id,
      (tm.is_forward or tm.duplicate_of_message_id is not null) as is_copy,
      c.id as channel_id, c.title as channel_title, c.username as channel_username, c.visibility as channel_visibility, c.tg_channel_id,
      (select a.url from media_assets a where a.message_id = m.id and a.kind = 'photo' order by a.position limit 1) as photo_url
    from messages m
    join readable r on r.channel_id = m.channel_id
    join channels c on c.id = m.channel_id
    ${scope}
    where m.deleted_at is null ${ids}
    order by m.date, m.id`,
  );
  return rows.map((r) => ({
    id: num(r.id),
    msgId: num(r.msg_id),
    url: postUrlOf(r, num(r.msg_id)),
    channelId: num(r.channel_id),
    tgChannelId: r.tg_channel_id === null ? null : num(r.tg_channel_id),
    channelTitle: r.channel_title,
    channelUsername: r.channel_username,
    date: iso(r.date),
    text: r.text,
    lang: r.lang,
    views: r.views,
    isCopy: r.is_copy === true,
    forward: r.fwd_from_channel_id === null || r.fwd_from_msg_id === null ? null : { tgChannelId: num(r.fwd_from_channel_id), msgId: num(r.fwd_from_msg_id) },
    photoUrl: r.photo_url,
  }));
}

/** Mean views and reactions of the user's channels' posts by local hour of week (dow*24 + hour, Monday = 0). */
export async function engagementByHourOfWeek(db: Db, params: { userId: string; timeZone: string; since: Date }) {
  const rows = await queryRows<{ cell: number | string; posts: number | string; views: number | string; reactions: number | string }>(
    db,
    sql`
    with readable as (${readableChannelsSql(params.userId)})
    select ((extract(isodow from m.date at time zone ${params.timeZone})::int - 1) * 24 + extract(hour from m.date at time zone ${params.timeZone})::int) as cell,
      count(*) as posts, avg(m.views)::float8 as views, avg(m.reactions_total)::float8 as reactions
    from messages m join readable r on r.channel_id = m.channel_id
    where m.date >= ${params.since} and m.deleted_at is null
    group by 1`,
  );
  return rows.map((r) => ({ cell: num(r.cell), posts: num(r.posts), avgViews: Number(r.views), avgReactions: Number(r.reactions) }));
}

// ── Runs ──────────────────────────────────────────────────────────────────────────────────────

export async function insertRun(db: Db, values: typeof pipelineRuns.$inferInsert): Promise<RunRow> {
  const [row] = await db.insert(pipelineRuns).values(values).returning();
  return row;
}

export async function runForUser(db: Db, userId: string, runId: string): Promise<RunRow | null> {
  const [row] = await db.select().from(pipelineRuns).where(and(eq(pipelineRuns.id, runId), eq(pipelineRuns.userId, userId))).limit(1);
  return row ?? null;
}

export async function runsForUser(db: Db, params: { userId: string; topicId?: number; limit: number }): Promise<RunRow[]> {
  return db
    .select()
    .from(pipelineRuns)
    .where(and(eq(pipelineRuns.userId, params.userId), params.topicId === undefined ? undefined : eq(pipelineRuns.topicId, params.topicId)))
    .orderBy(desc(pipelineRuns.createdAt), desc(pipelineRuns.id))
    .limit(params.limit);
}

/** The run row, locked until the transaction ends: steps of one run never interleave. */
export async function lockRun(tx: Db, runId: string): Promise<RunRow | null> {
  const [row] = await tx.select().from(pipelineRuns).where(eq(pipelineRuns.id, runId)).for('update').limit(1);
  return row ?? null;
}

export async function updateRun(tx: Db, runId: string, patch: Partial<typeof pipelineRuns.$inferInsert>): Promise<RunRow> {
  const [row] = await tx.update(pipelineRuns).set({ ...patch, updatedAt: new Date() }).where(eq(pipelineRuns.id, runId)).returning();
  return row;
}

/** Runs that have not finished: the queue may have lost them with the process, the table has not. */
export async function unfinishedRuns(db: Db): Promise<Pick<RunRow, 'id' | 'step' | 'stepsDone'>[]> {
  return db
    .select({ id: pipelineRuns.id, step: pipelineRuns.step, stepsDone: pipelineRuns.stepsDone })
    .from(pipelineRuns)
    .where(inArray(pipelineRuns.status, ['queued', 'running']))
    .orderBy(asc(pipelineRuns.createdAt));
}

/** Lets go of the claims of in-flight steps (their process is gone), so a resumed step may run. */
export async function releaseClaims(db: Db, runIds: string[]): Promise<void> {
  if (!runIds.length) return;
  await db.update(pipelineRuns).set({ claimedStep: null, claimedUntil: null }).where(inArray(pipelineRuns.id, runIds));
}

// ── Editor results ────────────────────────────────────────────────────────────────────────────

export async function insertEditorResult(tx: Db, values: typeof editorResults.$inferInsert): Promise<EditorResultRow> {
  const [row] = await tx.insert(editorResults).values(values).returning();
  return row;
}

export async function editorResultForUser(db: Db, userId: string, id: string): Promise<EditorResultRow | null> {
  const [row] = await db.select().from(editorResults).where(and(eq(editorResults.id, id), eq(editorResults.userId, userId))).limit(1);
  return row ?? null;
}

// ── Image briefs and images ───────────────────────────────────────────────────────────────────

export async function insertBriefs(tx: Db, values: (typeof imageBriefs.$inferInsert)[]): Promise<ImageBriefRow[]> {
  if (!values.length) return [];
  return tx.insert(imageBriefs).values(values).returning();
}

export async function briefsOfEditorResult(db: Db, userId: string, editorResultId: string): Promise<ImageBriefRow[]> {
  return db
    .select()
    .from(imageBriefs)
    .where(and(eq(imageBriefs.editorResultId, editorResultId), eq(imageBriefs.userId, userId)))
    .orderBy(asc(imageBriefs.createdAt), asc(imageBriefs.position));
}

export async function briefForUser(db: Db, userId: string, briefId: string): Promise<ImageBriefRow | null> {
  const [row] = await db.select().from(imageBriefs).where(and(eq(imageBriefs.id, briefId), eq(imageBriefs.userId, userId))).limit(1);
  return row ?? null;
}

export async function imagesOfBriefs(db: Db, userId: string, briefHashes: string[]): Promise<GeneratedImageRow[]> {
  if (!briefHashes.length) return [];
  return db
    .select()
    .from(generatedImages)
    .where(and(eq(generatedImages.userId, userId), inArray(generatedImages.briefHash, briefHashes)))
    .orderBy(asc(generatedImages.briefHash), asc(generatedImages.variant));
}

/** Stores the image unless this brief's variant is already there (a retried step); returns the row kept. */
export async function insertGeneratedImage(tx: Db, values: typeof generatedImages.$inferInsert): Promise<{ row: GeneratedImageRow; inserted: boolean }> {
  const [inserted] = await tx.insert(generatedImages).values(values).onConflictDoNothing().returning();
  if (inserted) return { row: inserted, inserted: true };
  const [kept] = await tx
    .select()
    .from(generatedImages)
    .where(and(eq(generatedImages.userId, values.userId), eq(generatedImages.briefHash, values.briefHash), eq(generatedImages.variant, values.variant ?? 0)));
  return { row: kept, inserted: false };
}

// ── Packages ──────────────────────────────────────────────────────────────────────────────────

export async function insertPackage(tx: Db, values: typeof contentPackages.$inferInsert, items: Omit<typeof contentPackageItems.$inferInsert, 'packageId'>[]) {
  const [row] = await tx.insert(contentPackages).values(values).returning();
  const itemRows = items.length ? await tx.insert(contentPackageItems).values(items.map((i) => ({ ...i, packageId: row.id }))).returning() : [];
  return { package: row, items: itemRows };
}

export async function packageForUser(db: Db, userId: string, id: string): Promise<{ package: PackageRow; items: PackageItemRow[] } | null> {
  const [row] = await db.select().from(contentPackages).where(and(eq(contentPackages.id, id), eq(contentPackages.userId, userId))).limit(1);
  if (!row) return null;
  const items = await db.select().from(contentPackageItems).where(eq(contentPackageItems.packageId, row.id)).orderBy(asc(contentPackageItems.position));
  return { package: row, items };
}

export interface PackageListFilter {
  userId: string;
  /** Calendar days (YYYY-MM-DD, both included) in the user's time zone. */
  fromDay?: string;
  toDay?: string;
  timeZone: string;
  limit: number;
  /** Keyset: packages older than this (created_at, id). */
  before?: { createdAt: Date; id: string };
}

/** The user's packages newest first, with their headline and platforms. */
export async function packagesForUser(db: Db, filter: PackageListFilter) {
  const rows = await db
    .select({
      id: contentPackages.id,
      runId: contentPackages.runId,
      engine: contentPackages.engine,
      createdAt: contentPackages.createdAt,
      editorResultId: contentPackages.editorResultId,
      headline: editorResults.headline,
      topicId: editorResults.topicId,
      platforms: sql<string[]>`coalesce((select array_agg(i.platform order by i.position) from content_package_items i where i.package_id = ${contentPackages.id}), '{}')`,
      imageUrl: sql<string | null>`(select i.image_url from content_package_items i where i.package_id = ${contentPackages.id} and i.image_url is not null order by i.position limit 1)`,
    })
    .from(contentPackages)
    .innerJoin(editorResults, eq(editorResults.id, contentPackages.editorResultId))
    .where(
      and(
        eq(contentPackages.userId, filter.userId),
        filter.fromDay ? sql`${contentPackages.createdAt} >= (${filter.fromDay}::date)::timestamp at time zone ${filter.timeZone}` : undefined,
        filter.toDay ? sql`${contentPackages.createdAt} < (${filter.toDay}::date + 1)::timestamp at time zone ${filter.timeZone}` : undefined,
        // Compared at millisecond precision, the precision the cursor carries.
        filter.before ? sql`(date_trunc('milliseconds', ${contentPackages.createdAt}), ${contentPackages.id}) < (${filter.before.createdAt}, ${filter.before.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(sql`date_trunc('milliseconds', ${contentPackages.createdAt})`), desc(contentPackages.id))
    .limit(filter.limit);
  return rows;
}

// ── AI usage ──────────────────────────────────────────────────────────────────────────────────

export async function insertUsage(tx: Db, rows: AiUsageInsert[]): Promise<void> {
  if (rows.length) await tx.insert(aiUsage).values(rows);
}

export async function usageOfRun(db: Db, userId: string, runId: string) {
  return db.select().from(aiUsage).where(and(eq(aiUsage.userId, userId), eq(aiUsage.runId, runId))).orderBy(asc(aiUsage.id));
}

