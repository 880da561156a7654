// A local stand-in for the OpenAI API (or any OpenAI-compatible server), for running the real
// `openai` SDK in tests. It serves three endpoints from scripted queues and records every request.
//
//   const fake = await startFakeOpenAi();
//   const engine = createOpenAiEngine({ apiKey: 'test', baseUrl: fake.baseUrl, ... });
//   fake.script('/v1/chat/completions', [
//     httpError(429, { retryAfter: 1 }),                      // the SDK waits 1 s and retries
//     chatText('{"headline": '),                              // not JSON
//     chatJson({ headline: '…', … }, { prompt: 1200, completion: 800, cached: 1024 }),
//   ]);
//   fake.script('/v1/moderations', [moderationAnswer({ flagged: true, categories: ['violence'] })]);
//   fake.script('/v1/images/generations', [imageAnswer()]);  // serves TINY_PNG as b64_json
//   …
//   fake.requestsTo('/v1/chat/completions')[1].body.messages  // what the client sent
//   await fake.close();
//
// - `baseUrl` ends in /v1 (pass it as the SDK's baseURL).
// - `script(endpoint, answers)` appends to that endpoint's queue; each request takes the next answer.
//   An answer is a `FakeAnswer` ({ status, headers, body | raw, delayMs }) or a function of the
//   request returning one (to echo what was sent). Builders: chatJson(value, usage?) · chatText(text,
//   usage?) · chatRefusal(reason) · httpError(status, { retryAfter, retryAfterMs, message, code }) ·
//   delayed(answer, ms) · moderationAnswer({ categories, flagged }) · imageAnswer(png?, usage?);
//   usage is { prompt, completion, cached } tokens, served as OpenAI's `usage` object. TINY_PNG is a
//   real 2×2 PNG.
// - When an endpoint's queue is empty it serves its fallback: by default a 400 (which the SDK does not
//   retry) saying nothing was scripted; `fallback(endpoint, answer)` sets one that repeats forever
//   (end-to-end tests: e.g. `fake.fallback('/v1/moderations', moderationAnswer())`).
// - `requests` lists every request in arrival order ({ endpoint, method, headers, body, at }), the
//   body parsed from JSON; `at` is Date.now() on arrival.
// - `delayMs` holds the answer back before any header is sent, so a client timeout shorter than it fires.
// - `reset()` empties queues, fallbacks and the request log; `close()` drops open connections too.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';

export const FAKE_ENDPOINTS = ['/v1/chat/completions', '/v1/moderations', '/v1/images/generations'] as const;
export type FakeEndpoint = (typeof FAKE_ENDPOINTS)[number];

export interface FakeRequest {
  endpoint: string;
  method: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** The JSON body (or the raw text when it is not JSON); `any` so tests can read into it. */
  body: any;
  at: number;
}

export interface FakeAnswer {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (wins over `body`). */
  raw?: string;
  /** Wait this long before answering. */
  delayMs?: number;
}

export type Scripted = FakeAnswer | ((request: FakeRequest) => FakeAnswer);

export interface FakeOpenAi {
  /** http://127.0.0.1:PORT/v1 */
  baseUrl: string;
  script(endpoint: FakeEndpoint, answers: Scripted[]): void;
  /** The answer served when the queue is empty (null: back to the default 400). */
  fallback(endpoint: FakeEndpoint, answer: Scripted | null): void;
  requests: FakeRequest[];
  requestsTo(endpoint: FakeEndpoint): FakeRequest[];
  /** Scripted answers not served yet (all endpoints when none is named). */
  pending(endpoint?: FakeEndpoint): number;
  reset(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Answer builders

export interface FakeUsage {
  prompt: number;
  completion: number;
  cached?: number;
}

export const DEFAULT_USAGE: Required<FakeUsage> = { prompt: 1234, completion: 567, cached: 0 };

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-fake-${++sequence}`;

function chatCompletion(
  request: FakeRequest,
  message: { content: string | null; refusal: string | null },
  usage: FakeUsage,
  finishReason: string,
) {
  const cached = usage.cached ?? 0;
  return {
    id: nextId('chatcmpl'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: typeof request.body?.model === 'string' ? request.body.model : 'gpt-4.1-mini',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: message.content, refusal: message.refusal, annotations: [] },
        logprobs: null,
        finish_reason: finishReason,
      },
    ],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
      prompt_tokens_details: { cached_tokens: cached, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
  };
}

/** A chat completion whose message content is `value` as JSON. */
export function chatJson(value: unknown, usage: FakeUsage = DEFAULT_USAGE, finishReason = 'stop'): Scripted {
  return (request) => ({ body: chatCompletion(request, { content: JSON.stringify(value), refusal: null }, usage, finishReason) });
}

/** A chat completion whose content is exactly `text` (e.g. broken JSON). */
export function chatText(text: string, usage: FakeUsage = DEFAULT_USAGE, finishReason = 'stop'): Scripted {
  return (request) => ({ body: chatCompletion(request, { content: text, refusal: null }, usage, finishReason) });
}

/** The model declines (structured outputs put the reason in `message.refusal`). */
export function chatRefusal(reason: string, usage: FakeUsage = DEFAULT_USAGE): Scripted {
  return (request) => ({ body: chatCompletion(request, { content: null, refusal: reason }, usage, 'stop') });
}

/** An error answer shaped like OpenAI's; `retryAfter` in seconds (or an HTTP date), `retryAfterMs` in ms. */
export function httpError(
  status: number,
  options: { retryAfter?: number | string; retryAfterMs?: number; message?: string; type?: string; code?: string | null } = {},
): FakeAnswer {
  const headers: Record<string, string> = {};
  if (options.retryAfter !== undefined) headers['retry-after'] = String(options.retryAfter);
  if (options.retryAfterMs !== undefined) headers['retry-after-ms'] = String(options.retryAfterMs);
  const type = options.type ?? (status === 429 ? 'requests' : status >= 500 ? 'server_error' : 'invalid_request_error');
  return {
    status,
    headers,
    body: {
      error: {
        message: options.message ?? (status === 429 ? 'Rate limit reached for requests' : `fake error ${status}`),
        type,
        param: null,
        code: options.code ?? (status === 429 ? 'rate_limit_exceeded' : null),
      },
    },
  };
}

/** The same answer, held back `ms` before any byte is sent. */
export function delayed(answer: Scripted, ms: number): Scripted {
  return (request) => ({ ...(typeof answer === 'function' ? answer(request) : answer), delayMs: ms });
}

export const MODERATION_CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
] as const;

/** A moderation result; `categories` are the ones flagged (flagged defaults to "any category given"). */
export function moderationAnswer(options: { flagged?: boolean; categories?: string[] } = {}): Scripted {
  const flaggedSet = new Set(options.categories ?? []);
  return (request) => {
    const names = [...new Set([...MODERATION_CATEGORIES, ...flaggedSet])];
    return {
      body: {
        id: nextId('modr'),
        model: typeof request.body?.model === 'string' ? request.body.model : 'omni-moderation-latest',
        results: [
          {
            flagged: options.flagged ?? flaggedSet.size > 0,
            categories: Object.fromEntries(names.map((n) => [n, flaggedSet.has(n)])),
            category_scores: Object.fromEntries(names.map((n) => [n, flaggedSet.has(n) ? 0.91 : 0.0004])),
            category_applied_input_types: Object.fromEntries(names.map((n) => [n, ['text']])),
          },
        ],
      },
    };
  };
}

/** An images.generate answer with `png` as b64_json, and gpt-image-1's token usage. */
export function imageAnswer(png: Uint8Array = TINY_PNG, usage: { input: number; output: number } | null = { input: 52, output: 4160 }): FakeAnswer {
  return {
    body: {
      created: Math.floor(Date.now() / 1000),
      data: [{ b64_json: Buffer.from(png).toString('base64') }],
      ...(usage
        ? {
            usage: {
              input_tokens: usage.input,
              output_tokens: usage.output,
              total_tokens: usage.input + usage.output,
              input_tokens_details: { text_tokens: usage.input, image_tokens: 0 },
            },
          }
        : {}),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// A real PNG (2×2, RGB, one red, green, blue and white pixel), built here with its CRCs.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

function makePng(): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0); // width
  ihdr.writeUInt32BE(2, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  // compression, filter, interlace: 0
  const rows = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]); // filter byte + 2 pixels, twice
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ]);
  return new Uint8Array(png);
}

export const TINY_PNG: Uint8Array = makePng();

// ---------------------------------------------------------------------------------------------
// The server

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const part of req) chunks.push(part as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // kept raw: the request log shows what arrived
  }
}

const nothingScripted = (endpoint: string): FakeAnswer =>
  httpError(400, { message: `fake-openai: nothing scripted for ${endpoint}`, code: 'fake_not_scripted' });

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const queues = new Map<string, Scripted[]>();
  const fallbacks = new Map<string, Scripted>();
  const requests: FakeRequest[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const send = (res: ServerResponse, answer: FakeAnswer) => {
    if (res.destroyed || res.writableEnded) return; // the client gave up (timeout) meanwhile
    const text = answer.raw ?? JSON.stringify(answer.body ?? {});
    res.writeHead(answer.status ?? 200, {
      'content-type': 'application/json',
      'x-request-id': nextId('req'),
      ...answer.headers,
    });
    res.end(text);
  };

  const server = createServer(async (req, res) => {
    const endpoint = new URL(req.url ?? '/', 'http://fake').pathname;
    const raw = await readBody(req);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
    const request: FakeRequest = { endpoint, method: req.method ?? 'GET', headers, body: raw ? parseJson(raw) : null, at: Date.now() };
    requests.push(request);

    if (!(FAKE_ENDPOINTS as readonly string[]).includes(endpoint)) {
      return send(res, { status: 404, body: { error: { message: `fake-openai: no endpoint ${endpoint}`, type: 'invalid_request_error', param: null, code: null } } });
    }
    const scripted = queues.get(endpoint)?.shift() ?? fallbacks.get(endpoint) ?? nothingScripted(endpoint);
    const answer = typeof scripted === 'function' ? scripted(request) : scripted;
    if (!answer.delayMs) return send(res, answer);
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(res, answer);
    }, answer.delayMs);
    timers.add(timer);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script(endpoint, answers) {
      const queue = queues.get(endpoint) ?? [];
      queue.push(...answers);
      queues.set(endpoint, queue);
    },
    fallback(endpoint, answer) {
      if (answer) fallbacks.set(endpoint, answer);
      else fallbacks.delete(endpoint);
    },
    requestsTo(endpoint) {
      return requests.filter((r) => r.endpoint === endpoint);
    },
    pending(endpoint) {
      if (endpoint) return queues.get(endpoint)?.length ?? 0;
      let total = 0;
      for (const q of queues.values()) total += q.length;
      return total;
    },
    reset() {
      queues.clear();
      fallbacks.clear();
      requests.length = 0;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
