import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/log';
import { migratePglite, prepareDatabase, waitForPostgres } from '../../db/migrate';
import { queryRows } from '../../db/rows';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const quiet = createLogger({ level: 'error' });

describe('migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('create every table of the product', async () => {
    const rows = await queryRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const tables = rows.map((r) => r.table_name);
    for (const name of [
      'users', 'tg_accounts', 'channels', 'subscriptions', 'account_channel_state', 'messages', 'media_assets',
      'topics', 'topic_messages', 'ranking', 'editor_results', 'image_briefs', 'content_packages',
      'content_package_items', 'ai_usage', 'user_settings', 'qr_logins', 'pipeline_runs', 'generated_images',
      'webhooks', 'kv', 'ingest_leases',
    ]) {
      expect(tables).toContain(name);
    }
  });

  it('re-applying is a no-op', async () => {
    if (database.url) {
      const again = await prepareDatabase({ url: database.url, log: quiet });
      await again.close();
    } else {
      await migratePglite(database, quiet);
    }
    const rows = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it.runIf(Boolean(process.env.DATABASE_URL))('two migrators starting together both succeed', async () => {
    const [a, b] = await Promise.all([
      prepareDatabase({ url: database.url!, log: quiet }),
      prepareDatabase({ url: database.url!, log: quiet }),
    ]);
    await Promise.all([a.close(), b.close()]);
  });

  it('gives up waiting for an unreachable database with a clear error', async () => {
    const lines: string[] = [];
    const log = createLogger({ sink: (l) => lines.push(l) });
    await expect(waitForPostgres('postgres://nobody:secret@127.0.0.1:1/none', log, 600)).rejects.toThrow(
      /Database 127\.0\.0\.1:1\/none not reachable after/,
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).toContain('database not ready, retrying');
    expect(lines.join('\n')).not.toContain('secret');
  });
});
