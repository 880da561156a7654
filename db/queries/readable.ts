// The reader's channels, the tenant filter of every read of shared posts, topics and rankings.
// The rule is `canReadChannel` (core/channels/readable.ts): every subscription, except private
// channels the reader's session lost. This is that rule in SQL, over `subscriptions s join channels c`;
// tests/integration/readable-channels.test.ts checks the two agree.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../types';
import { queryRows } from '../rows';
import { sqlList } from './sql-values';

/** The user's readable channel ids as a subquery (`select s.channel_id …`), optionally narrowed to
 *  `channelIds`. `alsoSelect`: more columns of the same rows (`s.…`, `c.…`), where a caller needs
 *  them and the subquery is not one column's `in (…)`: read in this join, not in another one. */
export function readableChannelsSql(userId: string, channelIds?: number[], alsoSelect?: SQL): SQL {
  return sql`
    select s.channel_id${alsoSelect ? sql`, ${alsoSelect}` : sql``} from subscriptions s join channels c on c.id = s.channel_id
    where s.user_id = ${userId} and (s.accessible or c.visibility = 'public')
    ${channelIds?.length ? sql`and s.channel_id in (${sqlList(channelIds)})` : sql``}`;
}

/** Every channel the user subscribes to, readable or not, as an array column (`array(select …)`):
 *  what a change to may change what the user can read (edge/services/known-values.ts). */
export function subscribedChannelsSql(userId: string): SQL {
  return sql`array(select channel_id from subscriptions where user_id = ${userId})`;
}

/** The ids of the user's readable channels, ascending. */
export async function readableChannelIds(db: Db, userId: string): Promise<number[]> {
  const rows = await queryRows<{ channel_id: number | string }>(db, sql`${readableChannelsSql(userId)} order by s.channel_id`);
  return rows.map((r) => Number(r.channel_id));
}
