// The pipeline through the real OpenAI SDK, wired from configuration (OPENAI_API_KEY and
// OPENAI_BASE_URL pointing at a local fake server): stored results, invented links dropped, and the
// ai_usage rows with their tokens and cost exact.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageView, RunView } from '../../core/pipeline/views';
import { aiUsage } from '../../db/schema';
import { chatJson, chatText, imageAnswer, moderationAnswer, startFakeOpenAi, TINY_PNG } from '../fakes/openai';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';
import { seedStory, seedTelegramDay } from './pipeline-fixtures';

let ctx: TestContext;
let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;
let userId: string;
let story: { topicId: number; messageIds: number[] };
let urls: string[];

const SHORT = 'US President Joe Biden has granted his son Hunter a full pardon, weeks before leaving office, reversing his earlier promise not to intervene in the cases.';
const MEDIUM = `${SHORT} The White House statement says the pardon covers federal offences committed over more than a decade, including the gun and tax cases that were due for sentencing this month. The president argued that his son had been singled out because of his surname and that the prosecutions were driven by politics rather than the law. Critics in both parties recall that Biden had repeatedly ruled such a step out during the campaign. Republicans called it an abuse of power, and several Democrats voiced unease in public.`;
const LONG = `${MEDIUM} The decision lands at a sensitive moment: the outgoing administration has spent months defending the independence of the Justice Department against accusations of weaponisation, and opponents now say the pardon undercuts that message. Supporters answer that presidents of both parties have used clemency for relatives and allies, and that the scope of this one mirrors the risk of new charges being brought after January. Legal scholars note that the pardon is unusually broad in time, reaching back to 2014, which shields Hunter Biden from any future case about his foreign business dealings. Reaction abroad was muted, while Russian channels framed the move as proof of double standards in American justice. What happens next is mostly political: the incoming administration has promised its own review of past prosecutions, and the pardon will be cited in that debate for a long time. For now the White House says the matter is closed.`;

function draft(sourceLinks: string[]) {
  return {
    headline: 'Biden pardons his son Hunter before leaving office',
    dek: 'The president reverses his promise and shields his son from the gun and tax cases.',
    body: { short: SHORT, medium: MEDIUM, long: LONG },
    key_points: ['Biden granted Hunter Biden a full pardon.', 'It covers offences since 2014.', 'He had promised not to do it.'],
    source_links: sourceLinks,
    needs_verification: [{ claim: 'The pardon reaches back to 2014.', reason: 'single_source', sources: [sourceLinks[0]] }],
  };
}

beforeAll(async () => {
  fake = await startFakeOpenAi();
  ctx = await createTestContext({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: fake.baseUrl,
    OPENAI_TEXT_MODEL: 'gpt-4.1-mini',
    OPENAI_MAX_RETRIES: '1',
    DATA_DIR: path.join(tmpdir(), `pipeline-openai-${crypto.randomUUID()}`),
  });
  userId = (await createUser(ctx)).id;
  const day = await seedTelegramDay(ctx.database.db, [userId]);
  story = await seedStory(ctx.database.db, day, 'Байден помиловал сына', /омилова/i, 10);
  const topic = (await (await ctx.app.request(`/v1/topics/${story.topicId}`, await asUser(ctx, userId))).json()) as { posts: { url: string }[] };
  urls = topic.posts.map((p) => p.url);
});

afterAll(async () => {
  await ctx?.services.queue.close?.();
  await ctx?.close();
  await fake?.close();
});

describe('Make exclusive with an OpenAI-compatible model', () => {
  it('uses the model for every step, keeps only real links, and records exact usage', async () => {
    expect(ctx.services.ai.engine).toBe('openai');
    fake.script('/v1/chat/completions', [
      chatText('{"headline": "Biden', { prompt: 900, completion: 10, cached: 0 }),
      chatJson(draft([urls[0], 'https://t.me/invented_channel/1', urls[1]]), { prompt: 1200, completion: 800, cached: 1024 }),
      chatJson(
        {
          briefs: [
            { title: 'Pardon', prompt: 'A wooden desk in a dim office with a signed document and a fountain pen, evening light', negative: 'text, letters, watermarks, logos', size: '1536x1024', caption: 'The pardon document', style_tags: ['photo', 'documentary'] },
          ],
        },
        { prompt: 300, completion: 120, cached: 0 },
      ),
    ]);
    fake.script('/v1/moderations', [moderationAnswer()]);
    fake.script('/v1/images/generations', [imageAnswer(TINY_PNG, { input: 52, output: 4160 })]);

    const started = await ctx.app.request('/v1/runs', await asUser(ctx, userId, { method: 'POST', body: JSON.stringify({ topicId: story.topicId, platforms: ['telegram', 'x'], briefCount: 1 }) }));
    expect(started.status).toBe(202);
    const runId = ((await started.json()) as RunView).id;
    await ctx.services.queue.drain?.();
    const run = (await (await ctx.app.request(`/v1/runs/${runId}`, await asUser(ctx, userId))).json()) as RunView;
    expect(run, JSON.stringify(run.error)).toMatchObject({ status: 'succeeded', engine: 'openai' });

    // The retry after the broken JSON told the model what was wrong.
    const chats = fake.requestsTo('/v1/chat/completions');
    expect(chats).toHaveLength(3);
    expect(JSON.stringify(chats[1].body.messages.at(-1))).toMatch(/JSON|parse/i);

    const pkg = (await (await ctx.app.request(`/v1/packages/${run.packageId}`, await asUser(ctx, userId))).json()) as PackageView;
    expect(pkg.engine).toBe('openai');
    expect(pkg.editorResult.sourceLinks.map((l) => l.url)).toEqual([urls[0], urls[1]]);
    expect(pkg.editorResult.body.long).toBe(LONG);
    expect(pkg.editorResult.originality.rewrites).toBe(0);
    expect(pkg.items.map((i) => i.platform)).toEqual(['telegram', 'x']);
    // The negative went into the prompt: gpt-image-1 has no negative parameter.
    expect(fake.requestsTo('/v1/images/generations')[0].body.prompt).toMatch(/logos/);

    const usage = await ctx.database.db.select().from(aiUsage).where(eq(aiUsage.runId, runId)).orderBy(aiUsage.id);
    expect(usage.map((u) => [u.purpose, u.model, u.inputTokens, u.outputTokens, u.cachedTokens, u.images, u.costUsd])).toEqual([
      // (900 × 0.40) + (10 × 1.60) per 1M
      ['editor', 'gpt-4.1-mini', 900, 10, 0, 0, '0.000376'],
      // (176 × 0.40 + 1024 × 0.10 + 800 × 1.60) per 1M = 0.0014528 → 0.001453
      ['editor', 'gpt-4.1-mini', 1200, 800, 1024, 0, '0.001453'],
      // 300 × 0.40 + 120 × 1.60 per 1M = 0.000312
      ['brief', 'gpt-4.1-mini', 300, 120, 0, 0, '0.000312'],
      ['moderation', 'omni-moderation-latest', 0, 0, 0, 0, '0.000000'],
      // 1536×1024 medium: 0.063, plus 52 prompt tokens × 5 per 1M = 0.00026
      ['image', 'gpt-image-1', 52, 4160, 0, 1, '0.063260'],
    ]);
  });
});
