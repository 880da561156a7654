// Packages: GET /v1/packages (newest first, a date range, keyset pages), GET /v1/packages/:id,
// and exports — GET /v1/packages/:id/export and GET /v1/packages/export (a date range), as JSON
// (versioned shape) or CSV (RFC 4180, UTF-8 with BOM).
import { Hono, type Context } from 'hono';
import { base64url } from 'jose';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { exportCsv, exportFileName, exportJson } from '../../core/pipeline/export';
import type { PackageView } from '../../core/pipeline/views';
import { packagesForUser } from '../../db/queries/pipeline';
import { settingsOf } from '../../db/queries/settings';
import type { AppEnv } from '../env';
import { packageSummary, packageView } from '../services/pipeline';
import { isRealCalendarDate, isStorableInstant, validate } from '../validate';

/** A calendar day PostgreSQL and JavaScript agree on (years 1970–9999, real dates only). */
const day = z
  .string()
  .regex(/^(19[7-9]\d|[2-9]\d{3})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date YYYY-MM-DD')
  // Never throws: zod runs this check even on a value the regex refused.
  .refine(isRealCalendarDate, 'must be a real calendar date');
const range = { from: day.optional(), to: day.optional() };
const inOrder = (v: { from?: string; to?: string }) => !v.from || !v.to || v.from <= v.to;
const orderMessage = { message: '`from` must not be after `to`', path: ['from'] };
const format = z.enum(['json', 'csv']);

const listQuery = z
  .object({ ...range, limit: z.string().regex(/^([1-9]|[1-9]\d|100)$/, 'must be 1..100').optional(), cursor: z.string().max(200).optional() })
  .strict()
  .refine(inOrder, orderMessage);
const exportAllQuery = z.object({ ...range, format }).strict().refine(inOrder, orderMessage);
const exportOneQuery = z.object({ format }).strict();
const uuidParam = z.object({ id: z.uuid() });

/** The most packages one export holds; a wider range is refused with the count, not cut silently. */
const EXPORT_MAX = 500;

const cursorShape = z.tuple([z.iso.datetime().refine((v) => isStorableInstant(new Date(v))), z.uuid()]);

function encodeCursor(createdAt: string, id: string): string {
  return base64url.encode(JSON.stringify([createdAt, id]));
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [createdAt, id] = cursorShape.parse(JSON.parse(new TextDecoder().decode(base64url.decode(cursor))));
    return { createdAt: new Date(createdAt), id };
  } catch {
    throw new AppError('INVALID_CURSOR', 'cursor: not a cursor this API issued');
  }
}

function download(c: Context<AppEnv>, packages: PackageView[], fileFormat: 'json' | 'csv', name: string) {
  const now = new Date(c.get('services').now() * 1000);
  c.header('content-disposition', `attachment; filename="${name}"`);
  c.header('cache-control', 'no-store');
  if (fileFormat === 'json') {
    c.header('content-type', 'application/json; charset=utf-8');
    return c.body(JSON.stringify(exportJson(packages, now), null, 2));
  }
  c.header('content-type', 'text/csv; charset=utf-8');
  return c.body(exportCsv(packages));
}

export const packageRoutes = new Hono<AppEnv>()
  .get('/v1/packages', validate('query', listQuery), async (c) => {
    const query = c.req.valid('query');
    const { db } = c.get('services').database;
    const user = c.get('user');
    const limit = query.limit ? Number(query.limit) : 20;
    const { timeZone } = await settingsOf(db, user.id);
    const rows = await packagesForUser(db, { userId: user.id, fromDay: query.from, toDay: query.to, timeZone, limit: limit + 1, before: query.cursor ? decodeCursor(query.cursor) : undefined });
    const page = rows.slice(0, limit).map(packageSummary);
    const last = page[page.length - 1];
    return c.json({ items: page, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null });
  })
  .get('/v1/packages/export', validate('query', exportAllQuery), async (c) => {
    const query = c.req.valid('query');
    const { db } = c.get('services').database;
    const user = c.get('user');
    const { timeZone } = await settingsOf(db, user.id);
    const rows = await packagesForUser(db, { userId: user.id, fromDay: query.from, toDay: query.to, timeZone, limit: EXPORT_MAX + 1 });
    if (rows.length > EXPORT_MAX) throw new AppError('EXPORT_TOO_LARGE', `More than ${EXPORT_MAX} packages in the range; choose a shorter one`);
    const packages: PackageView[] = [];
    for (const row of rows) packages.push(await packageView(db, user, row.id));
    const name = exportFileName({ from: query.from, to: query.to, date: new Date(c.get('services').now() * 1000), format: query.format });
    return download(c, packages, query.format, name);
  })
  .get('/v1/packages/:id', validate('param', uuidParam), async (c) => {
    return c.json(await packageView(c.get('services').database.db, c.get('user'), c.req.valid('param').id));
  })
  .get('/v1/packages/:id/export', validate('param', uuidParam), validate('query', exportOneQuery), async (c) => {
    const pkg = await packageView(c.get('services').database.db, c.get('user'), c.req.valid('param').id);
    const name = exportFileName({ headline: pkg.editorResult.headline, date: new Date(pkg.createdAt), format: c.req.valid('query').format });
    return download(c, [pkg], c.req.valid('query').format, name);
  });
