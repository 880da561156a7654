// Rules: GET/POST /v1/rules, PATCH/DELETE /v1/rules/:id (edit, pause, resume), GET /v1/rules/log
// (what fired and what it produced), POST /v1/rules/evaluate (this user's rules, now).
import { Hono } from 'hono';
import { z } from 'zod';
import { firingsOfUser, rulesOfUser } from '../../db/queries/rules';
import type { AppEnv } from '../env';
import { pipelineContext } from '../services/pipeline';
import { createRule, editRule, evaluateRules, removeRule, ruleCreateBody, rulePatchBody, ruleView } from '../services/rules';
import { validate } from '../validate';

const idParam = z.object({ id: z.uuid() });
const logQuery = z.object({ limit: z.string().regex(/^([1-9]\d?|100)$/, 'must be 1..100').optional() }).strict();

export const ruleRoutes = new Hono<AppEnv>()
  .get('/v1/rules', async (c) => {
    const rows = await rulesOfUser(c.get('services').database.db, c.get('user').id);
    return c.json({ items: rows.map(ruleView) });
  })
  .post('/v1/rules', validate('json', ruleCreateBody), async (c) => {
    const { database, now } = c.get('services');
    const row = await createRule(database.db, c.get('user').id, c.req.valid('json'), new Date(now() * 1000));
    return c.json(ruleView(row), 201);
  })
  .get('/v1/rules/log', validate('query', logQuery), async (c) => {
    const limit = Number(c.req.valid('query').limit ?? 50);
    const rows = await firingsOfUser(c.get('services').database.db, c.get('user').id, limit);
    return c.json({ items: rows.map((r) => ({ ...r, firedAt: r.firedAt.toISOString() })) });
  })
  .post('/v1/rules/evaluate', async (c) => {
    const services = c.get('services');
    const report = await evaluateRules(pipelineContext(services, c.get('log')), { userId: c.get('user').id });
    return c.json(report);
  })
  .patch('/v1/rules/:id', validate('param', idParam), validate('json', rulePatchBody), async (c) => {
    const { database, now } = c.get('services');
    const row = await editRule(database.db, c.get('user').id, c.req.valid('param').id, c.req.valid('json'), new Date(now() * 1000));
    return c.json(ruleView(row));
  })
  .delete('/v1/rules/:id', validate('param', idParam), async (c) => {
    await removeRule(c.get('services').database.db, c.get('user').id, c.req.valid('param').id);
    return c.json({ ok: true });
  });
