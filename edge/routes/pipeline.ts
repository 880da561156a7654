// The AI pipeline: POST /v1/runs (Make exclusive: every step, queued), GET /v1/runs[/:id],
// POST /v1/runs/:id/retry; and the steps one by one: POST /v1/transform (Editor),
// POST /v1/image-brief, POST /v1/images, POST /v1/package (Publisher); GET /v1/editor-results/:id.
import { Hono } from 'hono';
import { z } from 'zod';
import { PLATFORMS } from '../../core/pipeline/platforms';
import { TONES, UI_LANGUAGES } from '../../core/settings';
import { runsForUser } from '../../db/queries/pipeline';
import type { AppEnv } from '../env';
import {
  aiFailure,
  briefImages,
  briefViews,
  editorResultOf,
  editorResultView,
  MAX_BRIEFS,
  MAX_MESSAGE_IDS,
  packageView,
  pipelineContext,
  publishPackage,
  renderImages,
  retryRun,
  runEditor,
  runOf,
  runView,
  startRun,
} from '../services/pipeline';
import { validate } from '../validate';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const platforms = z.array(z.enum(PLATFORMS)).min(1).max(PLATFORMS.length);

/** Exactly one of a topic or a hand-picked list of posts. */
const selectionFields = { topicId: id.optional(), messageIds: z.array(id).min(1).max(MAX_MESSAGE_IDS).optional() };
const oneSelection = <T extends { topicId?: number; messageIds?: number[] }>(v: T) => (v.topicId === undefined) !== (v.messageIds === undefined);
const selectionMessage = { message: 'give exactly one of topicId or messageIds', path: ['topicId'] };

const runBody = z
  .object({ ...selectionFields, platforms: platforms.optional(), language: z.enum(UI_LANGUAGES).optional(), tone: z.enum(TONES).optional(), briefCount: z.number().int().min(1).max(MAX_BRIEFS).optional() })
  .strict()
  .refine(oneSelection, selectionMessage);
const transformBody = z.object({ ...selectionFields, language: z.enum(UI_LANGUAGES).optional(), tone: z.enum(TONES).optional() }).strict().refine(oneSelection, selectionMessage);
const briefBody = z.object({ editorResultId: z.uuid(), platforms: platforms.optional(), count: z.number().int().min(1).max(MAX_BRIEFS).optional() }).strict();
const imagesBody = z.object({ briefId: z.uuid() }).strict();
const packageBody = z.object({ editorResultId: z.uuid(), platforms: platforms.optional() }).strict();
const uuidParam = z.object({ id: z.uuid() });
const runsQuery = z.object({ topicId: z.string().regex(/^[1-9]\d{0,15}$/, 'must be a topic id').optional(), limit: z.string().regex(/^([1-9]|[1-4]\d|50)$/, 'must be 1..50').optional() }).strict();

const selectionOf = (v: { topicId?: number; messageIds?: number[] }) => (v.messageIds ? { messageIds: v.messageIds } : { topicId: v.topicId as number });

/** An AI failure answers its own code (422 unusable answer, 503 unreachable), never a 500. */
async function orAiFailure<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw aiFailure(error) ?? error;
  }
}

export const pipelineRoutes = new Hono<AppEnv>()
  .post('/v1/runs', validate('json', runBody), async (c) => {
    const body = c.req.valid('json');
    const run = await startRun({ ctx: pipelineContext(c.get('services'), c.get('log')), actor: c.get('user'), input: { ...body, selection: selectionOf(body) } });
    return c.json(runView(run), 202);
  })
  .get('/v1/runs', validate('query', runsQuery), async (c) => {
    const query = c.req.valid('query');
    const runs = await runsForUser(c.get('services').database.db, { userId: c.get('user').id, topicId: query.topicId ? Number(query.topicId) : undefined, limit: query.limit ? Number(query.limit) : 20 });
    return c.json({ items: runs.map(runView) });
  })
  .get('/v1/runs/:id', validate('param', uuidParam), async (c) => {
    const run = await runOf(pipelineContext(c.get('services')), c.get('user'), c.req.valid('param').id);
    return c.json(runView(run));
  })
  .post('/v1/runs/:id/retry', validate('param', uuidParam), async (c) => {
    const run = await retryRun({ ctx: pipelineContext(c.get('services'), c.get('log')), actor: c.get('user'), runId: c.req.valid('param').id });
    return c.json(runView(run), 202);
  })
  .post('/v1/transform', validate('json', transformBody), async (c) => {
    const body = c.req.valid('json');
    const row = await orAiFailure(runEditor({ ctx: pipelineContext(c.get('services'), c.get('log')), actor: c.get('user'), input: { selection: selectionOf(body), language: body.language, tone: body.tone } }));
    return c.json(editorResultView(row), 201);
  })
  .get('/v1/editor-results/:id', validate('param', uuidParam), async (c) => {
    const row = await editorResultOf(c.get('services').database.db, c.get('user'), c.req.valid('param').id);
    return c.json(editorResultView(row));
  })
  .post('/v1/image-brief', validate('json', briefBody), async (c) => {
    const body = c.req.valid('json');
    const ctx = pipelineContext(c.get('services'), c.get('log'));
    const actor = c.get('user');
    await orAiFailure(briefImages({ ctx, actor, input: { editorResultId: body.editorResultId, platforms: body.platforms ?? [...PLATFORMS], count: body.count ?? 1 } }));
    return c.json({ items: await briefViews(ctx.db, actor, body.editorResultId) }, 201);
  })
  .post('/v1/images', validate('json', imagesBody), async (c) => {
    const image = await orAiFailure(renderImages({ ctx: pipelineContext(c.get('services'), c.get('log')), actor: c.get('user'), briefId: c.req.valid('json').briefId }));
    return c.json({ briefId: image.briefId, urls: [image.url], cached: image.cached }, 201);
  })
  .post('/v1/package', validate('json', packageBody), async (c) => {
    const body = c.req.valid('json');
    const ctx = pipelineContext(c.get('services'), c.get('log'));
    const stored = await publishPackage({ ctx, actor: c.get('user'), input: { editorResultId: body.editorResultId, platforms: body.platforms ?? [...PLATFORMS] } });
    return c.json(await packageView(ctx.db, c.get('user'), stored.package.id), 201);
  });
