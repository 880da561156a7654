// GET /v1/feed — the signed-in user's posts, newest first, filtered, with an opaque cursor.
import { Hono } from 'hono';
import { base64url } from 'jose';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { MESSAGE_LANGUAGES, MESSAGE_TYPES } from '../../core/messages/types';
import type { FeedCursor } from '../../db/queries/feed';
import type { AppEnv } from '../env';
import { feedPage, newPosts } from '../services/feed-pages';
import { jsonTextResponse } from '../services/json-cache';
import { idText, instant, intText, isRealCalendarDate, isStorableInstant, MAX_ID, validate } from '../validate';

/** `a,b` and repeated `?k=a&k=b` both arrive as one list. */
const listParam = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess(
    (v) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean)),
    z.array(item).max(max).optional(),
  );

export const feedQuery = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    channel: listParam(idText, 200),
    type: listParam(z.enum(MESSAGE_TYPES), MESSAGE_TYPES.length),
    lang: listParam(z.enum(MESSAGE_LANGUAGES), MESSAGE_LANGUAGES.length),
    q: z.string().trim().max(200).optional().transform((v) => v || undefined),
    cursor: z.string().max(200).optional(),
    limit: intText(1, 100).default(30),
  })
  .refine((v) => !v.from || !v.to || v.from < v.to, { message: '`from` must be before `to`', path: ['from'] });

export function encodeCursor(cursor: FeedCursor): string {
  return base64url.encode(JSON.stringify([cursor.date, cursor.id]));
}

export function decodeCursor(raw: string): FeedCursor {
  try {
    const [date, id] = z
      .tuple([
        z
          .string()
          .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?Z$/)
          .refine((v) => isRealCalendarDate(v) && isStorableInstant(new Date(v))),
        z.number().int().positive().max(MAX_ID),
      ])
      .parse(JSON.parse(new TextDecoder().decode(base64url.decode(raw))));
    return { date, id };
  } catch {
    throw new AppError('INVALID_CURSOR', 'The cursor is not one this API issued; start again from the first page');
  }
}

/** GET /v1/feed/new: the feed's filters, and the `head` of the page the reader has. */
export const feedNewQuery = z
  .object({
    after: intText(0, Number.MAX_SAFE_INTEGER),
    channel: feedQuery.shape.channel,
    type: feedQuery.shape.type,
    lang: feedQuery.shape.lang,
    q: feedQuery.shape.q,
  })
  .strict();

export const feedRoutes = new Hono<AppEnv>()
  .get('/v1/feed', validate('query', feedQuery), async (c) => {
    const query = c.req.valid('query');
    const { text, cached } = await feedPage(
      c.get('services'),
      {
        userId: c.get('user').id,
        from: query.from,
        to: query.to,
        channelIds: query.channel,
        types: query.type,
        langs: query.lang,
        q: query.q,
        after: query.cursor ? decodeCursor(query.cursor) : undefined,
        limit: query.limit,
      },
      encodeCursor,
    );
    return jsonTextResponse(c, text, { 'x-cache': cached ? 'hit' : 'miss' });
  })
  // How many posts (with the same filters) were stored after a first page's `head`: cheap to poll.
  .get('/v1/feed/new', validate('query', feedNewQuery), async (c) => {
    const query = c.req.valid('query');
    const { text, cached } = await newPosts(
      c.get('services'),
      { userId: c.get('user').id, channelIds: query.channel, types: query.type, langs: query.lang, q: query.q, afterId: query.after },
    );
    return jsonTextResponse(c, text, { 'x-cache': cached ? 'hit' : 'miss' });
  });
