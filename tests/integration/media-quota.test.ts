// The plan's media-storage limit on the ingest path: a pass over the sandbox with a tiny limit
// stores files until the next one would pass it, then keeps metadata only (reason `quota`); a
// later pass reads the stored bytes again and stores nothing more; the usage report shows the bytes.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_LIMITS, type PlanName } from '../../core/plans';
import { mediaBytesStoredBy } from '../../db/queries/media';
import { queryRows } from '../../db/rows';
import { createIngestMetrics } from '../../ingest-container/metrics';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser } from '../helpers/users';
import { follow, makeLoop, manualClock, sandboxGateway, sandboxReader, seedAccount } from './ingest-fixtures';

const HOUR = 3_600_000;
const LIMIT = 2_000;
const tiny = (plan: PlanName) => ({ ...PLAN_LIMITS[plan], mediaBytesStored: LIMIT });

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function assetsOf(channelId: number) {
  const rows = await queryRows<{ msg_id: string; size: string }>(
    ctx.database.db,
    sql`select m.msg_id, a.size from media_assets a join messages m on m.id = a.message_id where m.channel_id = ${channelId} order by m.msg_id, a.position`,
  );
  return rows.map((r) => ({ msgId: Number(r.msg_id), size: Number(r.size) }));
}

async function metadataOnly(channelId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.database.db,
    sql`select count(*)::int as n from messages m where m.channel_id = ${channelId} and m.media_present
          and not exists (select 1 from media_assets a where a.message_id = m.id)`,
  );
  return row.n;
}

describe('media bytes stored (plan limit)', () => {
  it('stores files up to the limit, then keeps metadata only with reason quota; the usage report shows the bytes', async () => {
    const db = ctx.database.db;
    await db.execute(sql`update tg_accounts set is_active = false`);
    const clock = manualClock();
    const gateway = sandboxGateway(sandboxReader(clock));
    const { user, account } = await seedAccount(db, 'quota');
    const channel = await follow(db, user.id, account.id, 'bbcrussian');
    const metrics = createIngestMetrics(undefined, 'sandbox');
    const { loop } = makeLoop(db, gateway, clock, { metrics, planLimits: tiny });

    await loop.runOnce();
    const stored = await assetsOf(channel.id);
    const used = stored.reduce((n, a) => n + a.size, 0);
    const largest = Math.max(...stored.map((a) => a.size));
    expect(stored.length).toBeGreaterThan(0);
    expect(used).toBeLessThanOrEqual(LIMIT);
    // Up to the limit: no room was left for a file like the ones stored.
    expect(used).toBeGreaterThan(LIMIT - largest);
    const skippedQuota = metrics.mediaSkipped.get({ reason: 'quota' });
    expect(skippedQuota).toBeGreaterThan(0);
    expect(metrics.mediaSkipped.get({ reason: 'too_large' })).toBe(0);
    expect(metrics.mediaSkipped.get({ reason: 'download_failed' })).toBe(0);
    // The posts are there, their media as metadata only.
    expect(await metadataOnly(channel.id)).toBeGreaterThan(0);
    expect(await mediaBytesStoredBy(db, user.id)).toBe(used);

    // A later pass starts from the stored bytes: new posts' media are refused too, nothing added.
    clock.advance(6 * HOUR);
    await loop.runOnce();
    expect(metrics.mediaSkipped.get({ reason: 'quota' })).toBeGreaterThan(skippedQuota);
    expect(await assetsOf(channel.id)).toEqual(stored);
    await loop.stop();

    // The report counts the same bytes against the plan's (real) limit.
    const res = await ctx.app.request('/v1/usage?window=7d', await asUser(ctx, user.id));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { mediaStorage: { used: number; allowed: number; limit: number; share: number; exceeded: boolean } };
    const allowed = PLAN_LIMITS.free.mediaBytesStored;
    expect(body.mediaStorage).toMatchObject({ used, allowed, limit: allowed, exceeded: false });
    expect(body.mediaStorage.share).toBeCloseTo(used / allowed, 9);
  });

  it('counts media of a channel against the user whose account reads it, not its other followers', async () => {
    const db = ctx.database.db;
    const { user: reader, account } = await seedAccount(db, 'reader');
    const { user: follower, account: other } = await seedAccount(db, 'follower');
    const channel = await follow(db, reader.id, account.id, 'bbcrussian');
    await follow(db, follower.id, other.id, 'bbcrussian');
    await db.execute(sql`update channels set owner_account_id = ${account.id} where id = ${channel.id}`);
    const bytes = (await assetsOf(channel.id)).reduce((n, a) => n + a.size, 0);
    expect(bytes).toBeGreaterThan(0);
    expect(await mediaBytesStoredBy(db, reader.id)).toBe(bytes);
    expect(await mediaBytesStoredBy(db, follower.id)).toBe(0);
  });
});
