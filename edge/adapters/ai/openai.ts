// The AI port over the official `openai` SDK (v6): OpenAI itself or any OpenAI-compatible server
// (Ollama, vLLM, LM Studio, llama.cpp) — Chat Completions with a `json_schema` response format is
// the ground they share. Runs on Node and Workers (no node: imports).
//
// Text (Editor, Image Brief): the zod schema goes out as the response format, and the answer is
// validated again here — a schema is only a hint to a compatible server. An answer that is not JSON,
// does not fit the schema or breaks the draft rules gets ONE corrective retry (the answer is sent back
// with a message listing what was wrong); a second failure is an AiOutputError carrying the problems
// and both calls. Links the model invented are dropped by the check and are no reason to retry,
// unless none is left. A refusal is an AiOutputError at once.
//
// `chat.completions.create` rather than `.parse`: `.parse` throws on invalid JSON or a schema miss
// and discards the completion — its usage (a paid call) and the text the retry must quote.
//
// Transport: `timeoutMs` per attempt (the SDK's `timeout`, which runs until the answer's headers —
// OpenAI sends them when the completion is done); 408/409/429/5xx and connection errors are retried
// by the SDK `maxRetries` times with backoff, honouring `retry-after-ms` / `retry-after` up to
// `maxRetryAfterSeconds` (see openai-http.ts). Past that, or on a timeout: AiUnavailableError, with
// retryAfterSeconds when the server named a wait. Other 4xx (bad key, unknown model, a request the
// server cannot take) are AiOutputError: retrying the same request gives the same answer.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { z } from 'zod';
import { checkImageBriefs } from '../../../core/pipeline/brief/check';
import { imageBriefPrompt } from '../../../core/pipeline/brief/prompt';
import {
  IMAGE_BRIEF_SCHEMA_NAME,
  imageBriefsFromOutput,
  imageBriefsOutputSchema,
  inBriefWireNames,
} from '../../../core/pipeline/brief/schema';
import { checkEditorDraft } from '../../../core/pipeline/editor/check';
import { correctionPrompt, editorPrompt, type PromptPair } from '../../../core/pipeline/editor/prompt';
import { EDITOR_SCHEMA_NAME, editorDraftFromOutput, editorOutputSchema, inWireNames } from '../../../core/pipeline/editor/schema';
import type { AiPurpose } from '../../../core/pipeline/platforms';
import { IMAGE_QUALITY } from '../../../core/pipeline/prices';
import type { AiAnswer, AiCall } from '../../../core/pipeline/types';
import { AiOutputError, AiUnavailableError, type AiPort } from '../../ports/ai';
import { base64ToBytes, capRetryAfter, isPng, isRetryableStatus, retryAfterSeconds, type FetchLike } from './openai-http';

export interface OpenAiEngineOptions {
  apiKey: string;
  /** An OpenAI-compatible server's base URL, ending in /v1 (default: OpenAI's). */
  baseUrl?: string;
  textModel: string;
  imageModel: string;
  moderationModel: string;
  /** One attempt's time limit. */
  timeoutMs: number;
  /** How many times the SDK retries 408/409/429/5xx and connection errors. */
  maxRetries: number;
  fetch?: typeof fetch;
  /** The longest Retry-After the SDK may sleep through; a longer one fails at once (default 30 s). */
  maxRetryAfterSeconds?: number;
}

type TextPurpose = Extract<AiPurpose, 'editor' | 'brief'>;

interface StructuredTask<W, T> {
  purpose: TextPurpose;
  prompt: PromptPair;
  schema: z.ZodType<W>;
  format: ReturnType<typeof zodResponseFormat>;
  toValue(output: W): T;
  /** The value as it survives the rules, and what is wrong with it (in the JSON's field names). */
  /** `problems` refuse the answer; `retryFor` (shortfalls) only ask for the one corrective retry. */
  check(value: T): { value: T; problems: string[]; retryFor?: string[] };
}

/** A usable answer may still carry `retryFor`: shortfalls worth asking once more about. */
type Reading<T> = { ok: true; value: T; retryFor: string[] } | { ok: false; problems: string[] };

const LABEL: Record<TextPurpose, string> = { editor: 'Editor', brief: 'Image Brief' };

export function createOpenAiEngine(options: OpenAiEngineOptions): AiPort {
  const baseFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const client = new OpenAI({
    apiKey: options.apiKey,
    // Explicit values, so the SDK does not fall back to OPENAI_BASE_URL / OPENAI_ORG_ID /
    // OPENAI_PROJECT_ID from the process environment (configuration is parsed once, at the entry).
    baseURL: options.baseUrl ?? 'https://api.openai.com/v1',
    organization: null,
    project: null,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    fetch: capRetryAfter(baseFetch, options.maxRetryAfterSeconds ?? 30),
  });
  const editorFormat = zodResponseFormat(editorOutputSchema, EDITOR_SCHEMA_NAME);
  const briefFormat = zodResponseFormat(imageBriefsOutputSchema, IMAGE_BRIEF_SCHEMA_NAME);

  /** The SDK's failures in the port's terms. */
  const translate = (error: unknown, calls: AiCall[]): unknown => {
    if (error instanceof APIConnectionTimeoutError) {
      return new AiUnavailableError(`OpenAI did not answer within ${options.timeoutMs} ms (tried ${options.maxRetries + 1} times)`);
    }
    if (error instanceof APIConnectionError) return new AiUnavailableError(`OpenAI could not be reached: ${error.message}`);
    if (error instanceof APIError && typeof error.status === 'number') {
      // The SDK's message starts with the status again ("429 Rate limit reached…").
      const text = error.message.replace(new RegExp(`^${error.status}\\s*`), '');
      const detail = `HTTP ${error.status}${error.code ? ` ${error.code}` : ''}: ${text}`;
      if (isRetryableStatus(error.status)) {
        const wait = retryAfterSeconds(error.headers);
        return new AiUnavailableError(`OpenAI is unavailable (${detail})`, wait);
      }
      return new AiOutputError(`OpenAI refused the request (${detail})`, [detail], calls);
    }
    return error;
  };

  const send = async <R>(calls: AiCall[], request: () => Promise<R>): Promise<R> => {
    try {
      return await request();
    } catch (error) {
      throw translate(error, calls);
    }
  };

  const textCall = (purpose: TextPurpose, completion: ChatCompletion): AiCall => ({
    purpose,
    engine: 'openai',
    model: options.textModel,
    inputTokens: completion.usage?.prompt_tokens ?? 0,
    outputTokens: completion.usage?.completion_tokens ?? 0,
    cachedTokens: completion.usage?.prompt_tokens_details?.cached_tokens ?? 0,
    images: 0,
  });

  function read<W, T>(task: StructuredTask<W, T>, completion: ChatCompletion, calls: AiCall[]): Reading<T> {
    const choice = completion.choices[0];
    if (!choice) return { ok: false, problems: ['the answer had no message: answer with the JSON object.'] };
    const refusal = choice.message.refusal;
    if (refusal || choice.finish_reason === 'content_filter') {
      const reason = refusal || 'the answer was stopped by the content filter';
      throw new AiOutputError(`The ${LABEL[task.purpose]} model refused: ${reason}`, [`refused: ${reason}`], calls);
    }
    const content = choice.message.content?.trim() ?? '';
    if (choice.finish_reason === 'length') {
      return { ok: false, problems: ['the answer was cut off at the output limit before the JSON ended: keep every text within its limit.'] };
    }
    if (!content) return { ok: false, problems: ['the answer was empty: answer with the JSON object.'] };

    let json: unknown;
    try {
      json = JSON.parse(stripCodeFence(content));
    } catch (error) {
      return { ok: false, problems: [`the answer is not valid JSON (${(error as Error).message}): answer with one JSON object and nothing else.`] };
    }
    const parsed = task.schema.safeParse(json);
    if (!parsed.success) {
      return {
        ok: false,
        problems: parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message} — the JSON must match the schema.`),
      };
    }
    const checked = task.check(task.toValue(parsed.data));
    return checked.problems.length ? { ok: false, problems: checked.problems } : { ok: true, value: checked.value, retryFor: checked.retryFor ?? [] };
  }

  async function structured<W, T>(task: StructuredTask<W, T>): Promise<AiAnswer<T>> {
    const calls: AiCall[] = [];
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: task.prompt.system },
      { role: 'user', content: task.prompt.user },
    ];
    let problems: string[] = [];
    let usable: T | undefined;
    for (let attempt = 1; attempt <= 2; attempt++) {
      const completion = await send(calls, () =>
        client.chat.completions.create({ model: options.textModel, messages: [...messages], response_format: task.format }),
      );
      calls.push(textCall(task.purpose, completion));
      const reading = read(task, completion, calls);
      // Shortfalls get the one retry too; after it, a usable answer is kept even if still short.
      if (reading.ok && (attempt === 2 || !reading.retryFor.length)) return { value: reading.value, calls };
      if (reading.ok) usable = reading.value;
      problems = reading.ok ? reading.retryFor : reading.problems;
      messages.push(
        { role: 'assistant', content: completion.choices[0]?.message.content ?? '' },
        { role: 'user', content: correctionPrompt(problems) },
      );
    }
    // The retry for a shortfall came back unusable: the first, usable answer stands.
    if (usable !== undefined) return { value: usable, calls };
    throw new AiOutputError(
      `The ${LABEL[task.purpose]} answer was still unusable after one corrective retry: ${problems.join(' ')}`,
      problems,
      calls,
    );
  }

  return {
    engine: 'openai',

    writeArticle(request) {
      return structured({
        purpose: 'editor',
        prompt: editorPrompt(request),
        schema: editorOutputSchema,
        format: editorFormat,
        toValue: editorDraftFromOutput,
        check(draft) {
          const result = checkEditorDraft(draft, request.posts);
          return { value: result.draft, problems: result.problems.map(inWireNames), retryFor: result.shortfalls.map(inWireNames) };
        },
      });
    },

    briefImages(request) {
      return structured({
        purpose: 'brief',
        prompt: imageBriefPrompt(request),
        schema: imageBriefsOutputSchema,
        format: briefFormat,
        toValue: imageBriefsFromOutput,
        check(briefs) {
          const result = checkImageBriefs(briefs, request);
          return { value: result.briefs, problems: result.problems.map(inBriefWireNames) };
        },
      });
    },

    async moderate(text) {
      const calls: AiCall[] = [];
      const response = await send(calls, () => client.moderations.create({ model: options.moderationModel, input: text }));
      calls.push({ purpose: 'moderation', engine: 'openai', model: options.moderationModel, inputTokens: 0, outputTokens: 0, cachedTokens: 0, images: 0 });
      const result = response.results?.[0];
      if (!result) throw new AiOutputError('The moderation answer had no result', ['no result in the moderation answer'], calls);
      const categories = Object.entries(result.categories ?? {})
        .filter(([, flagged]) => flagged === true)
        .map(([name]) => name);
      return { value: { flagged: result.flagged === true, categories }, calls };
    },

    async generateImage(request) {
      const calls: AiCall[] = [];
      // gpt-image-1 has no negative-prompt parameter: the negative goes into the prompt. It always
      // answers b64 (and refuses `response_format`); older image models are asked for b64.
      const gptImage = /^gpt-image/i.test(options.imageModel);
      const response = await send(calls, () =>
        client.images.generate({
          model: options.imageModel,
          prompt: foldNegative(request.prompt, request.negative),
          size: request.size,
          n: 1,
          ...(gptImage ? { quality: IMAGE_QUALITY } : { response_format: 'b64_json' as const }),
        }),
      );
      calls.push({
        purpose: 'image',
        engine: 'openai',
        model: options.imageModel,
        inputTokens: response.usage?.input_tokens ?? 0,
        outputTokens: response.usage?.output_tokens ?? 0,
        cachedTokens: 0,
        images: 1,
        imageSize: request.size,
      });
      const b64 = response.data?.[0]?.b64_json;
      if (!b64) throw new AiOutputError('The image answer had no b64_json image', ['no b64_json in the image answer'], calls);
      let png: Uint8Array;
      try {
        png = base64ToBytes(b64);
      } catch {
        throw new AiOutputError('The image answer is not valid base64', ['b64_json is not valid base64'], calls);
      }
      if (!isPng(png)) throw new AiOutputError('The image answer is not a PNG', ['the image is not a PNG'], calls);
      return { value: { png }, calls };
    },
  };
}

/** The prompt the image model gets: the scene, then what to keep out of it. */
export function foldNegative(prompt: string, negative: string): string {
  const scene = prompt.trim();
  const avoid = negative.trim().replace(/[.\s]+$/, '');
  return avoid ? `${scene}\n\nAvoid: ${avoid}.` : scene;
}

/** Some compatible servers wrap the JSON in a Markdown fence despite the response format. */
function stripCodeFence(text: string): string {
  const fenced = /^```(?:json)?\s*\n?([\s\S]*?)\n?```$/i.exec(text);
  return fenced ? fenced[1] : text;
}
