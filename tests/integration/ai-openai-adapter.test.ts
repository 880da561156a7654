// The OpenAI adapter with the real SDK against a local fake OpenAI server: structured outputs, the
// one corrective retry, transport retries (429 with Retry-After, 500), timeouts, moderation, images,
// and the usage recorded for every completion.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkEditorDraft } from '../../core/pipeline/editor/check';
import { editorDraftFromOutput, type EditorOutput } from '../../core/pipeline/editor/schema';
import type { AiCall, EditorRequest, ImageBriefRequest, SourcePost } from '../../core/pipeline/types';
import { createOpenAiEngine, type OpenAiEngineOptions } from '../../edge/adapters/ai/openai';
import { AiOutputError, AiUnavailableError } from '../../edge/ports/ai';
import {
  chatJson,
  chatRefusal,
  chatText,
  delayed,
  httpError,
  imageAnswer,
  moderationAnswer,
  startFakeOpenAi,
  TINY_PNG,
  type FakeOpenAi,
} from '../fakes/openai';
import { loadTelegramDay } from '../fixtures/eval/load';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());
afterEach(() => {
  expect(fake.pending(), 'every scripted answer was used').toBe(0);
});

const CHAT = '/v1/chat/completions' as const;

const engine = (over: Partial<OpenAiEngineOptions> = {}) =>
  createOpenAiEngine({
    apiKey: 'sk-test',
    baseUrl: fake.baseUrl,
    textModel: 'gpt-4.1-mini',
    imageModel: 'gpt-image-1',
    moderationModel: 'omni-moderation-latest',
    timeoutMs: 5_000,
    maxRetries: 2,
    ...over,
  });

const POSTS: SourcePost[] = [
  {
    id: 101,
    url: 'https://t.me/citynews/4512',
    channelTitle: 'City News',
    channelUsername: 'citynews',
    date: '2026-11-30T08:15:00.000Z',
    text: 'The city council voted 31 to 9 on Monday to close the old tram depot on Harbour Street by March and turn it into a public market.',
    lang: 'en',
    views: 12_400,
    photoUrl: null,
  },
  {
    id: 102,
    url: 'https://t.me/harbourdaily/877',
    channelTitle: 'Harbour Daily',
    channelUsername: null,
    date: '2026-11-30T09:02:00.000Z',
    text: 'Depot workers say they were not consulted. The union plans a protest on Friday; the mayor promised jobs at the new market.',
    lang: 'en',
    views: 3_100,
    photoUrl: null,
  },
];

const REQUEST: EditorRequest = { language: 'en', tone: 'neutral', posts: POSTS };

/** Plain sentences up to about `length` characters. */
function prose(length: number): string {
  const sentence = 'Councillors backed the plan for the depot after a long debate, and workers asked to be heard. ';
  return sentence.repeat(Math.ceil(length / sentence.length)).slice(0, length).trim();
}

function validDraft(over: Partial<EditorOutput> = {}): EditorOutput {
  return {
    headline: 'Harbour Street tram depot to become a public market',
    dek: 'The council backed the plan by a wide margin; depot workers say nobody asked them.',
    body: { short: prose(240), medium: prose(800), long: prose(1700) },
    key_points: ['The council voted 31 to 9.', 'The depot closes by March.', 'The union plans a Friday protest.'],
    source_links: [POSTS[0].url, POSTS[1].url],
    needs_verification: [{ claim: 'The mayor promised jobs at the new market.', reason: 'single_source', sources: [POSTS[1].url] }],
    ...over,
  };
}

const editorCall = (inputTokens: number, cachedTokens: number, outputTokens: number): AiCall => ({
  purpose: 'editor',
  engine: 'openai',
  model: 'gpt-4.1-mini',
  inputTokens,
  cachedTokens,
  outputTokens,
  images: 0,
});

async function failure<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

describe('Editor: structured output', () => {
  it('sends the schema and the posts, and maps a valid answer to a draft with its usage', async () => {
    fake.script(CHAT, [chatJson(validDraft(), { prompt: 1830, completion: 912, cached: 1024 })]);

    const answer = await engine().writeArticle(REQUEST);

    expect(answer.value.headline).toBe('Harbour Street tram depot to become a public market');
    expect(answer.value.keyPoints).toHaveLength(3);
    expect(answer.value.sourceLinks).toEqual([POSTS[0].url, POSTS[1].url]);
    expect(answer.value.needsVerification).toEqual([
      { claim: 'The mayor promised jobs at the new market.', reason: 'single_source', sources: [POSTS[1].url] },
    ]);
    expect(answer.value.body.long.length).toBeGreaterThanOrEqual(1500);
    expect(answer.calls).toEqual([editorCall(1830, 1024, 912)]);

    const [sent] = fake.requestsTo(CHAT);
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(sent.body.model).toBe('gpt-4.1-mini');
    expect(sent.body.response_format.type).toBe('json_schema');
    expect(sent.body.response_format.json_schema).toMatchObject({ name: 'editor_draft', strict: true });
    const schema = sent.body.response_format.json_schema.schema;
    expect(schema.required).toEqual(['headline', 'dek', 'body', 'key_points', 'source_links', 'needs_verification']);
    expect(schema.additionalProperties).toBe(false);
    expect(sent.body.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user']);
    const user: string = sent.body.messages[1].content;
    for (const post of POSTS) {
      expect(user).toContain(post.url);
      expect(user).toContain(post.date);
      expect(user).toContain(post.channelTitle);
    }
    expect(user).toContain('@citynews');
    expect(user).toContain('Write in English');
  });

  it('retries once after an answer that is not JSON, telling the model what was wrong', async () => {
    fake.script(CHAT, [
      chatText('{"headline": "Harbour Street depot', { prompt: 1500, completion: 40, cached: 0 }),
      chatJson(validDraft(), { prompt: 1580, completion: 905, cached: 1408 }),
    ]);

    const answer = await engine().writeArticle(REQUEST);

    expect(answer.value.headline).toContain('public market');
    expect(answer.calls).toEqual([editorCall(1500, 0, 40), editorCall(1580, 1408, 905)]);
    const [first, second] = fake.requestsTo(CHAT);
    expect(second.body.messages.slice(0, 2)).toEqual(first.body.messages);
    expect(second.body.messages[2]).toMatchObject({ role: 'assistant', content: '{"headline": "Harbour Street depot' });
    expect(second.body.messages[3].role).toBe('user');
    expect(second.body.messages[3].content).toContain('not valid JSON');
  });

  it('retries once after an answer that misses the schema, naming the field', async () => {
    const { long: _long, ...partialBody } = validDraft().body;
    fake.script(CHAT, [
      chatJson({ ...validDraft(), body: partialBody }, { prompt: 1500, completion: 600 }),
      chatJson(validDraft(), { prompt: 2200, completion: 900 }),
    ]);

    const answer = await engine().writeArticle(REQUEST);

    expect(answer.calls).toHaveLength(2);
    expect(fake.requestsTo(CHAT)[1].body.messages[3].content).toContain('body.long');
  });

  it('drops an invented source link without a retry', async () => {
    const invented = 'https://t.me/madeup/1';
    fake.script(CHAT, [
      chatJson(
        validDraft({
          source_links: [POSTS[0].url, invented],
          needs_verification: [{ claim: 'The vote was 31 to 9.', reason: 'single_source', sources: [invented, POSTS[0].url] }],
        }),
        { prompt: 1700, completion: 880, cached: 0 },
      ),
    ]);

    const answer = await engine().writeArticle(REQUEST);

    expect(answer.value.sourceLinks).toEqual([POSTS[0].url]);
    expect(answer.value.needsVerification[0].sources).toEqual([POSTS[0].url]);
    expect(answer.calls).toEqual([editorCall(1700, 0, 880)]);
    expect(fake.requestsTo(CHAT)).toHaveLength(1);
  });

  it('retries when no link from the inputs is left', async () => {
    fake.script(CHAT, [
      chatJson(validDraft({ source_links: ['https://t.me/madeup/1'] }), { prompt: 1700, completion: 880 }),
      chatJson(validDraft(), { prompt: 2700, completion: 870 }),
    ]);
    const answer = await engine().writeArticle(REQUEST);
    expect(answer.calls).toHaveLength(2);
    expect(fake.requestsTo(CHAT)[1].body.messages[3].content).toContain('source_links');
  });

  it('asks once more about a body under its minimum, and keeps the usable answer if it stays short', async () => {
    const short = validDraft({ body: { short: 'Коротко о главном.', medium: 'Чуть подробнее о главном.', long: 'Ещё немного подробнее о главном событии дня.' } });
    fake.script(CHAT, [chatJson(short, { prompt: 1500, completion: 300 }), chatJson(short, { prompt: 2100, completion: 310 })]);
    // Sources long enough that the medium and long bodies could reach their minimums (real posts).
    const texts = loadTelegramDay().map((p) => p.text).filter((t) => t.length > 700).slice(0, POSTS.length);
    const rich = { ...REQUEST, posts: REQUEST.posts.map((p, i) => ({ ...p, text: texts[i] })) };
    expect(checkEditorDraft(editorDraftFromOutput(short), rich.posts).shortfalls.length).toBeGreaterThan(0);
    const answer = await engine().writeArticle(rich);
    expect(answer.calls).toHaveLength(2);
    expect(fake.requestsTo(CHAT)[1].body.messages[3].content).toContain('write at least 600');
    expect(answer.value.body.medium).toBe('Чуть подробнее о главном.');
  });

  it('fails with AiOutputError after exactly two calls when the problems persist', async () => {
    const bad = validDraft({ key_points: ['Only one point.'] });
    fake.script(CHAT, [
      chatJson(bad, { prompt: 1600, completion: 700, cached: 0 }),
      chatJson(bad, { prompt: 2400, completion: 690, cached: 1536 }),
    ]);

    const error = await failure(engine().writeArticle(REQUEST), AiOutputError);

    expect(error.problems).toEqual([expect.stringContaining('key_points has 1 items')]);
    expect(error.message).toContain('key_points has 1 items');
    expect(error.calls).toEqual([editorCall(1600, 0, 700), editorCall(2400, 1536, 690)]);
    const requests = fake.requestsTo(CHAT);
    expect(requests).toHaveLength(2);
    expect(requests[1].body.messages[3].content).toContain('key_points has 1 items; give between 3 and 7');
  });

  it('fails at once on a refusal', async () => {
    fake.script(CHAT, [chatRefusal('I can’t help with that.', { prompt: 1500, completion: 12 })]);
    const error = await failure(engine().writeArticle(REQUEST), AiOutputError);
    expect(error.problems[0]).toContain('I can’t help with that.');
    expect(error.calls).toEqual([editorCall(1500, 0, 12)]);
  });

  it('sends the rewrite passages and the previous draft when asked to rewrite', async () => {
    const previous = editorDraftFromOutput(validDraft({ headline: 'Old headline' }));
    fake.script(CHAT, [chatJson(validDraft())]);
    await engine().writeArticle({ ...REQUEST, rewrite: { previous, passages: ['voted 31 to 9 on Monday to close the old tram depot'] } });
    const user: string = fake.requestsTo(CHAT)[0].body.messages[1].content;
    expect(user).toContain('REWRITE');
    expect(user).toContain('"voted 31 to 9 on Monday to close the old tram depot"');
    expect(user).toContain('"headline": "Old headline"');
  });
});

describe('Image Brief', () => {
  const briefRequest: ImageBriefRequest = {
    language: 'en',
    headline: 'Harbour Street tram depot to become a public market',
    dek: 'The council backed the plan by a wide margin.',
    keyPoints: ['The council voted 31 to 9.', 'The depot closes by March.'],
    platforms: ['telegram', 'instagram'],
    count: 2,
    sourceChannels: ['City News', 'Harbour Daily'],
  };
  const brief = (size: string) => ({
    title: 'The empty depot',
    prompt: 'Wide shot at eye level of an empty brick tram depot hall at dawn, rails running into the distance, soft light through high windows, 35 mm documentary photo.',
    negative: 'text, letters, watermarks, logos, recognisable faces',
    size,
    caption: 'An illustration: an empty tram depot hall.',
    style_tags: ['documentary photo', 'natural light'],
  });

  it('maps the wrapped briefs and records the call', async () => {
    fake.script(CHAT, [chatJson({ briefs: [brief('1536x1024'), brief('1024x1024')] }, { prompt: 900, completion: 410, cached: 0 })]);

    const answer = await engine().briefImages(briefRequest);

    expect(answer.value.map((b) => b.size)).toEqual(['1536x1024', '1024x1024']);
    expect(answer.value[0].styleTags).toEqual(['documentary photo', 'natural light']);
    expect(answer.calls).toEqual([{ ...editorCall(900, 0, 410), purpose: 'brief' }]);
    const sent = fake.requestsTo(CHAT)[0].body;
    expect(sent.response_format.json_schema.name).toBe('image_briefs');
    expect(sent.response_format.json_schema.schema.required).toEqual(['briefs']);
    expect(sent.messages[1].content).toContain('1536x1024 for telegram');
    expect(sent.messages[1].content).toContain('1024x1024 for instagram');
  });
  it('retries once when a brief breaks the rules, naming the brief', async () => {
    fake.script(CHAT, [
      chatJson({ briefs: [{ ...brief('1536x1024'), prompt: 'A depot.' }, brief('1024x1024')] }, { prompt: 900, completion: 300 }),
      chatJson({ briefs: [brief('1536x1024'), brief('1024x1024')] }, { prompt: 1350, completion: 410, cached: 1024 }),
    ]);
    const answer = await engine().briefImages(briefRequest);
    expect(answer.value).toHaveLength(2);
    expect(answer.calls).toEqual([
      { ...editorCall(900, 0, 300), purpose: 'brief' },
      { ...editorCall(1350, 1024, 410), purpose: 'brief' },
    ]);
    expect(fake.requestsTo(CHAT)[1].body.messages[3].content).toContain('briefs[0].prompt');
  });
});

describe('transport', () => {
  it('waits out a 429 with Retry-After, then succeeds (one call recorded)', async () => {
    fake.script(CHAT, [httpError(429, { retryAfter: 1 }), chatJson(validDraft(), { prompt: 1400, completion: 800, cached: 0 })]);

    const started = Date.now();
    const answer = await engine().writeArticle(REQUEST);
    const elapsed = Date.now() - started;

    const [first, second] = fake.requestsTo(CHAT);
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
    expect(second.at - first.at).toBeLessThan(2_000);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(fake.requestsTo(CHAT)).toHaveLength(2);
    expect(answer.calls).toEqual([editorCall(1400, 0, 800)]);
  });

  it('honours retry-after-ms too', async () => {
    fake.script(CHAT, [httpError(429, { retryAfterMs: 300, retryAfter: 30 }), chatJson(validDraft())]);
    await engine().writeArticle(REQUEST);
    const [first, second] = fake.requestsTo(CHAT);
    expect(second.at - first.at).toBeGreaterThanOrEqual(280);
    expect(second.at - first.at).toBeLessThan(1_000);
  });

  it('retries a 500 and succeeds', async () => {
    fake.script(CHAT, [httpError(500), chatJson(validDraft(), { prompt: 1450, completion: 820, cached: 256 })]);
    const answer = await engine().writeArticle(REQUEST);
    expect(fake.requestsTo(CHAT)).toHaveLength(2);
    expect(answer.calls).toEqual([editorCall(1450, 256, 820)]);
  });

  it('gives up with AiUnavailableError (and the wait) once retries are spent', async () => {
    fake.script(CHAT, [httpError(503, { retryAfterMs: 50 }), httpError(503, { retryAfterMs: 50 }), httpError(503, { retryAfter: 7, retryAfterMs: 100 })]);
    const error = await failure(engine({ maxRetries: 2 }).writeArticle(REQUEST), AiUnavailableError);
    expect(error.message).toContain('503');
    expect(error.retryAfterSeconds).toBe(1); // retry-after-ms wins: 100 ms, rounded up
    expect(fake.requestsTo(CHAT)).toHaveLength(3);
  });

  it('does not sleep through a Retry-After longer than the cap', async () => {
    fake.script(CHAT, [httpError(429, { retryAfter: 120 })]);
    const started = Date.now();
    const error = await failure(engine({ maxRetryAfterSeconds: 30 }).writeArticle(REQUEST), AiUnavailableError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error.retryAfterSeconds).toBe(120);
    expect(fake.requestsTo(CHAT)).toHaveLength(1);
  });

  it('times out within a bounded time with AiUnavailableError', async () => {
    fake.script(CHAT, [delayed(chatJson(validDraft()), 10_000), delayed(chatJson(validDraft()), 10_000)]);
    const started = Date.now();
    const error = await failure(engine({ timeoutMs: 300, maxRetries: 1 }).writeArticle(REQUEST), AiUnavailableError);
    const elapsed = Date.now() - started;
    expect(error.message).toContain('300 ms');
    expect(error.retryAfterSeconds).toBeUndefined();
    expect(fake.requestsTo(CHAT)).toHaveLength(2); // the SDK retried the timeout once
    // two attempts of 300 ms plus one backoff of at most 0.5 s
    expect(elapsed).toBeGreaterThanOrEqual(600);
    expect(elapsed).toBeLessThan(2_500);
  });

  it('fails at once with AiOutputError on a request the server will not take (401)', async () => {
    fake.script(CHAT, [httpError(401, { message: 'Incorrect API key provided', code: 'invalid_api_key' })]);
    const error = await failure(engine().writeArticle(REQUEST), AiOutputError);
    expect(error.problems[0]).toContain('401');
    expect(error.problems[0]).toContain('invalid_api_key');
    expect(error.calls).toEqual([]);
    expect(fake.requestsTo(CHAT)).toHaveLength(1);
  });
});

describe('moderation', () => {
  it('reports flagged and the flagged categories', async () => {
    fake.script('/v1/moderations', [moderationAnswer({ categories: ['violence', 'harassment/threatening'] })]);

    const answer = await engine().moderate('a text to check');

    expect(answer.value).toEqual({ flagged: true, categories: ['harassment/threatening', 'violence'] });
    expect(answer.calls).toEqual([
      { purpose: 'moderation', engine: 'openai', model: 'omni-moderation-latest', inputTokens: 0, outputTokens: 0, cachedTokens: 0, images: 0 },
    ]);
    expect(fake.requestsTo('/v1/moderations')[0].body).toEqual({ model: 'omni-moderation-latest', input: 'a text to check' });
  });

  it('reports a clean text as not flagged', async () => {
    fake.script('/v1/moderations', [moderationAnswer()]);
    expect((await engine().moderate('hello')).value).toEqual({ flagged: false, categories: [] });
  });
});

describe('images', () => {
  const imageRequest = {
    prompt: 'Wide shot of an empty brick tram depot hall at dawn, 35 mm documentary photo.',
    negative: 'text, watermarks, logos.',
    size: '1536x1024' as const,
    card: { headline: 'h', caption: 'c', channels: [], language: 'en' as const, photo: null },
  };

  it('folds the negative into the prompt and decodes the b64 PNG', async () => {
    fake.script('/v1/images/generations', [imageAnswer(TINY_PNG, { input: 61, output: 6240 })]);

    const answer = await engine().generateImage(imageRequest);

    expect(answer.value.png).toBeInstanceOf(Uint8Array);
    expect([...answer.value.png]).toEqual([...TINY_PNG]);
    expect(answer.calls).toEqual([
      { purpose: 'image', engine: 'openai', model: 'gpt-image-1', inputTokens: 61, outputTokens: 6240, cachedTokens: 0, images: 1, imageSize: '1536x1024' },
    ]);
    expect(fake.requestsTo('/v1/images/generations')[0].body).toEqual({
      model: 'gpt-image-1',
      prompt: 'Wide shot of an empty brick tram depot hall at dawn, 35 mm documentary photo.\n\nAvoid: text, watermarks, logos.',
      size: '1536x1024',
      n: 1,
      quality: 'medium',
    });
  });

  it('records images=1 with no tokens when the answer has no usage', async () => {
    fake.script('/v1/images/generations', [imageAnswer(TINY_PNG, null)]);
    const answer = await engine().generateImage(imageRequest);
    expect(answer.calls[0]).toMatchObject({ images: 1, inputTokens: 0, outputTokens: 0 });
  });

  it('refuses an answer that is not a PNG', async () => {
    fake.script('/v1/images/generations', [{ body: { created: 1, data: [{ b64_json: btoa('GIF89a not a png') }] } }]);
    const error = await failure(engine().generateImage(imageRequest), AiOutputError);
    expect(error.problems).toEqual(['the image is not a PNG']);
    expect(error.calls).toHaveLength(1);
  });
});
