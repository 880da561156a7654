// The two channel rules db/queries applies in SQL agree with their pure rule in core: which
// channels a reader may read (`canReadChannel` ↔ `readableChannelsSql`) and the two spellings of a
// Telegram channel id (`bareChannelId`/`botApiChannelId` ↔ `channelIdSpellingsSql`).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canReadChannel } from '../../core/channels/readable';
import { bareChannelId, botApiChannelId, channelIdSpellingsSql } from '../../core/channels/telegram-id';
import { readableChannelIds } from '../../db/queries/readable';
import { queryRows } from '../../db/rows';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createUser } from '../helpers/users';
import { createChannel, follow } from './feed-fixtures';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('readable channels in SQL follow canReadChannel', () => {
  it('on every combination of visibility and access, and never a channel the reader does not follow', async () => {
    const db = database.db;
    const reader = await createUser({ database });
    const other = await createUser({ database });
    const expected: number[] = [];
    for (const visibility of ['public', 'private'] as const) {
      for (const accessible of [true, false]) {
        const channel = await createChannel(db, { visibility });
        await follow(db, reader.id, channel.id, accessible);
        if (canReadChannel({ accessible, visibility })) expected.push(channel.id);
      }
    }
    const notFollowed = await createChannel(db);
    await follow(db, other.id, notFollowed.id);
    expect(await readableChannelIds(db, reader.id)).toEqual(expected.sort((a, b) => a - b));
  });
});

describe('channel id spellings in SQL', () => {
  it.each([1000724666, -1001000724666, 2345678901, -1002345678901, 42])('%d matches its bare and Bot API forms', async (id) => {
    const [row] = await queryRows<{ bare: boolean; bot: boolean }>(
      database.db,
      sql`select ${bareChannelId(id)}::bigint in (${sql.raw(channelIdSpellingsSql(`${id}::bigint`))}) as bare,
                 ${botApiChannelId(id)}::bigint in (${sql.raw(channelIdSpellingsSql(`${id}::bigint`))}) as bot`,
    );
    expect(row).toEqual({ bare: true, bot: true });
  });
});
