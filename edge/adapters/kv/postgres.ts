// The embedded kv: the Postgres `kv` table (db/queries/kv.ts), guarded like every kv adapter.
import { createTableKv } from '../../../db/queries/kv';
import type { Db } from '../../../db/types';
import { connectionFailure } from '../../../db/unavailable';
import type { Kv } from '../../ports/kv';
import { guardKv, type GuardOptions } from './guard';

/** The kv table; the database's outages (and only those) surface as the kv being unavailable. */
export function createPostgresKv(db: Db, options: Pick<GuardOptions, 'onChange' | 'timeoutMs'> = {}): Kv {
  return guardKv(createTableKv(db), { timeoutMs: options.timeoutMs ?? 5_000, isOutage: connectionFailure, onChange: options.onChange });
}
