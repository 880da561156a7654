// The signed-in user's Telegram accounts.
//   GET    /v1/accounts       → { accounts: AccountView[], gateway }
//   DELETE /v1/accounts/:id   → logs the session out at Telegram (best effort), deletes the account
//                               and its encrypted session, marks subscriptions no other account
//                               of the user can read as inaccessible ('account_removed').
import { Hono } from 'hono';
import { z } from 'zod';
import { telegramGatewayKind } from '../../core/accounts/gateway-kind';
import { maskPhone } from '../../core/accounts/phone';
import { effectiveAccountStatus } from '../../core/accounts/status';
import { NotFoundError } from '../../core/errors';
import { findAccount, listAccounts, removeAccount, type AccountRow } from '../../db/queries/accounts';
import type { AppEnv } from '../env';
import { validate } from '../validate';

const accountParam = z.object({ id: z.uuid('id must be a UUID') });

function accountView(row: AccountRow, now: Date) {
  const { status, floodWaitUntil } = effectiveAccountStatus(row, now);
  return {
    id: row.id,
    tg_user_id: row.tgUserId,
    username: row.username,
    first_name: row.firstName,
    phone_masked: maskPhone(row.phone),
    status,
    flood_wait_until: floodWaitUntil?.toISOString() ?? null,
    last_synced_at: row.lastSyncedAt?.toISOString() ?? null,
    last_error: status === 'active' ? null : row.lastError,
    channel_count: row.channelCount,
    is_sandbox: row.isSandbox,
    created_at: row.createdAt.toISOString(),
  };
}

export type AccountView = ReturnType<typeof accountView>;

export const accountRoutes = new Hono<AppEnv>()
  .get('/v1/accounts', async (c) => {
    const { database, config, now } = c.get('services');
    const rows = await listAccounts(database.db, c.get('user').id);
    const at = new Date(now() * 1000);
    return c.json({ accounts: rows.map((row) => accountView(row, at)), gateway: telegramGatewayKind(config) });
  })
  .delete('/v1/accounts/:id', validate('param', accountParam), async (c) => {
    const { database, ingest, log } = c.get('services');
    const userId = c.get('user').id;
    const { id } = c.req.valid('param');
    const account = await findAccount(database.db, userId, id);
    if (!account) throw new NotFoundError('Telegram account', id);

    let loggedOut = false;
    if (ingest && account.hasSession) {
      try {
        ({ loggedOut } = await ingest.logoutAccount({ userId, accountId: id }));
      } catch (error) {
        // The user asked to remove it: Telegram being unreachable must not keep the session here.
        c.get('log').warn('logout at Telegram failed; removing the account anyway', { accountId: id, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    const { removed, inaccessibleChannelIds } = await removeAccount(database.db, userId, id);
    if (!removed) throw new NotFoundError('Telegram account', id);
    log.info('telegram account removed', { userId, accountId: id, loggedOut, inaccessible: inaccessibleChannelIds.length });
    return c.json({ deleted: true, logged_out: loggedOut, inaccessible_channel_ids: inaccessibleChannelIds });
  });
