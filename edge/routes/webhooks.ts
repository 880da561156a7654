// Webhooks: GET/POST /v1/webhooks, PATCH/DELETE /v1/webhooks/:id, POST /v1/webhooks/:id/rotate-secret,
// POST /v1/webhooks/:id/test, GET /v1/webhooks/:id/deliveries. A secret is shown only when made.
import { Hono } from 'hono';
import { z } from 'zod';
import { WEBHOOK_EVENTS } from '../../core/webhooks/target';
import { webhooksOfUser } from '../../db/queries/webhooks';
import type { AppEnv } from '../env';
import { createWebhook, editWebhook, removeWebhook, rotateWebhookSecret, sendTestEvent, webhookContext, webhookCreateBody, webhookDeliveries, webhookPatchBody, webhookView } from '../services/webhooks';
import { validate } from '../validate';

const idParam = z.object({ id: z.uuid() });
const deliveriesQuery = z.object({ limit: z.string().regex(/^([1-9]\d?|100)$/, 'must be 1..100').optional() }).strict();

export const webhookRoutes = new Hono<AppEnv>()
  .get('/v1/webhooks', async (c) => {
    const services = c.get('services');
    const rows = await webhooksOfUser(services.database.db, c.get('user').id);
    const now = new Date(services.now() * 1000);
    return c.json({ items: rows.map((r) => webhookView(r, now)), events: WEBHOOK_EVENTS });
  })
  .post('/v1/webhooks', validate('json', webhookCreateBody), async (c) => {
    return c.json(await createWebhook(webhookContext(c.get('services'), c.get('log')), c.get('user').id, c.req.valid('json')), 201);
  })
  .patch('/v1/webhooks/:id', validate('param', idParam), validate('json', webhookPatchBody), async (c) => {
    return c.json(await editWebhook(webhookContext(c.get('services'), c.get('log')), c.get('user').id, c.req.valid('param').id, c.req.valid('json')));
  })
  .delete('/v1/webhooks/:id', validate('param', idParam), async (c) => {
    await removeWebhook(webhookContext(c.get('services'), c.get('log')), c.get('user').id, c.req.valid('param').id);
    return c.json({ ok: true });
  })
  .post('/v1/webhooks/:id/rotate-secret', validate('param', idParam), async (c) => {
    return c.json(await rotateWebhookSecret(webhookContext(c.get('services'), c.get('log')), c.get('user').id, c.req.valid('param').id));
  })
  .post('/v1/webhooks/:id/test', validate('param', idParam), async (c) => {
    return c.json(await sendTestEvent(webhookContext(c.get('services'), c.get('log')), c.get('user').id, c.req.valid('param').id), 202);
  })
  .get('/v1/webhooks/:id/deliveries', validate('param', idParam), validate('query', deliveriesQuery), async (c) => {
    const limit = Number(c.req.valid('query').limit ?? 50);
    return c.json({ items: await webhookDeliveries(webhookContext(c.get('services'), c.get('log')), c.get('user').id, c.req.valid('param').id, limit) });
  });
