// The boundary's validation parses synchronously (cheaper per request), and a schema that ever
// refines asynchronously is still checked: never let through unchecked, never a 500.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { validate } from '../../edge/validate';

function appWith(schema: z.ZodType) {
  return new Hono()
    .onError((error, c) => c.json({ code: error instanceof AppError ? error.code : 'INTERNAL' }, error instanceof AppError ? 400 : 500))
    .post('/', validate('json', schema), (c) => c.json({ ok: c.req.valid('json') }));
}
const post = (app: ReturnType<typeof appWith>, body: unknown) => app.request('/', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('validate', () => {
  it('checks a plain schema: valid input through, invalid input a 400', async () => {
    const app = appWith(z.object({ n: z.number().int() }).strict());
    expect(await (await post(app, { n: 3 })).json()).toEqual({ ok: { n: 3 } });
    const bad = await post(app, { n: '3' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ code: 'VALIDATION_FAILED' });
  });

  it('still checks a schema that refines asynchronously', async () => {
    const app = appWith(z.object({ word: z.string().refine(async (w) => w === 'да') }));
    expect((await post(app, { word: 'да' })).status).toBe(200);
    const bad = await post(app, { word: 'нет' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ code: 'VALIDATION_FAILED' });
  });
});
