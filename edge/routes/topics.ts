// GET /v1/topics/:id — one story as the reader sees it: their channels' posts, origin, timeline.
// A topic without any post of the reader's channels answers 404, like a missing one.
import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../core/errors';
import { titleLine } from '../../core/topics/title';
import { topicForUser } from '../../db/queries/topics';
import type { AppEnv } from '../env';
import { idText, validate } from '../validate';

const topicParams = z.object({ id: idText });

export const topicRoutes = new Hono<AppEnv>().get('/v1/topics/:id', validate('param', topicParams), async (c) => {
  const { id } = c.req.valid('param');
  const topic = await topicForUser(c.get('services').database.db, { userId: c.get('user').id, topicId: id, titleOf: titleLine });
  if (!topic) throw new NotFoundError('Topic', id);
  return c.json(topic);
});
