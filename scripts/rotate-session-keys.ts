// `npm run rotate-session-keys`: re-encrypts every stored Telegram session under the newest
// SESSION_KEY_N. Safe to interrupt and run again: each row is rewritten on its own, only if it
// still holds the cipher text that was read (a re-login in between is never overwritten), and
// old keys stay configured until the run reports nothing left to rotate.
import path from 'node:path';
import { and, asc, eq, gt, isNotNull, ne, or, isNull } from 'drizzle-orm';
import { ConfigError, parseConfig } from '../core/config';
import { createSessionCipher, type SessionCipher } from '../core/crypto/session-cipher';
import { createLogger, type Logger } from '../core/log';
import { prepareDatabaseFromConfig } from '../db/migrate';
import { tgAccounts } from '../db/schema';
import type { Db } from '../db/types';

export interface RotationReport {
  rotated: number;
  /** Rows changed by someone else while we worked (they are under the newest key already). */
  skipped: number;
  /** Rows that could not be decrypted with any configured key; left as they are. */
  failed: { accountId: string; reason: string }[];
}

export async function rotateSessionKeys(db: Db, cipher: SessionCipher, log: Logger, batchSize = 100): Promise<RotationReport> {
  const report: RotationReport = { rotated: 0, skipped: 0, failed: [] };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await db
      .select({ id: tgAccounts.id, sessionCipher: tgAccounts.sessionCipher })
      .from(tgAccounts)
      .where(
        and(
          isNotNull(tgAccounts.sessionCipher),
          or(isNull(tgAccounts.kver), ne(tgAccounts.kver, cipher.currentVersion)),
          gt(tgAccounts.id, after),
        ),
      )
      .orderBy(asc(tgAccounts.id))
      .limit(batchSize);
    if (batch.length === 0) return report;
    for (const row of batch) {
      after = row.id;
      try {
        const fresh = await cipher.encrypt(await cipher.decrypt(row.sessionCipher!));
        const updated = await db
          .update(tgAccounts)
          .set({ sessionCipher: fresh.cipher, kver: fresh.kver, updatedAt: new Date() })
          .where(and(eq(tgAccounts.id, row.id), eq(tgAccounts.sessionCipher, row.sessionCipher!)))
          .returning({ id: tgAccounts.id });
        if (updated.length) report.rotated++;
        else report.skipped++;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        report.failed.push({ accountId: row.id, reason });
        log.error('session could not be rotated', { accountId: row.id, reason });
      }
    }
    log.info('rotation progress', { rotated: report.rotated, skipped: report.skipped, failed: report.failed.length });
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  try {
    const config = parseConfig(process.env);
    const log = createLogger({ level: config.LOG_LEVEL, base: { service: 'rotate-session-keys' } });
    const database = await prepareDatabaseFromConfig(config, log);
    const cipher = createSessionCipher(config.SESSION_KEYS);
    const report = await rotateSessionKeys(database.db, cipher, log);
    await database.close();
    console.log(
      `Rotated ${report.rotated} session(s) to key version ${cipher.currentVersion}; ${report.skipped} changed meanwhile; ${report.failed.length} failed.`,
    );
    process.exit(report.failed.length ? 1 : 0);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}
