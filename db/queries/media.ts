// Media bytes stored per user, for the plan's `mediaBytesStored` limit. The bytes of a channel's
// media count against the user whose Telegram account reads the channel
// (channels.owner_account_id → tg_accounts.user_id): that account's ingest downloaded them, and
// the reader is whoever pays. When the reader moves to another user's account, so do the bytes.
//
// Every media_assets row counts its size, even when its content hash is shared with another row
// (storage keeps such a file once): per-row accounting is what the user sees in their posts, it
// does not depend on what other users happen to hold, and ingest can check it before a download
// (the hash is only known after). Posts marked deleted still count: their files stay stored.
import { sql } from 'drizzle-orm';
import { queryRows } from '../rows';
import type { Db } from '../types';

/** Sum of media_assets.size over posts of channels read by any of the user's accounts. */
export async function mediaBytesStoredBy(db: Db, userId: string): Promise<number> {
  const [row] = await queryRows<{ bytes: string | number | null }>(
    db,
    sql`select coalesce(sum(ma.size), 0)::bigint as bytes
          from media_assets ma
          join messages m on m.id = ma.message_id
          join channels c on c.id = m.channel_id
          join tg_accounts a on a.id = c.owner_account_id
         where a.user_id = ${userId}`,
  );
  return Number(row?.bytes ?? 0);
}
