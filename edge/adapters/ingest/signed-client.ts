// The API side of the API ↔ ingest channel: IngestControl as signed internal HTTP calls. The
// transport is a fetch function: global fetch to INGEST_INTERNAL_URL in production, or the
// in-process internal app's fetch in the one-process `npm start`. The request is the same.
// Answers are parsed with the contract's schemas (core/ingest-contract.ts): an answer outside it
// is the ingest service's fault, reported as 503 INGEST_FAILED naming the call, never cast.
import { base64url } from 'jose';
import type { z } from 'zod';
import { INTERNAL_HEADERS, signInternal } from '../../../core/crypto/internal-signature';
import { AppError, errorStatus, isErrorCode } from '../../../core/errors';
import { ingestCalls, ingestErrorAnswer, type IngestCallSpec } from '../../../core/ingest-contract';
import type { IngestControl } from '../../ports/ingest';

export type InternalFetch = (request: Request) => Promise<Response>;

export interface SignedIngestClientOptions {
  secret: string;
  /** Origin the internal routes live under, e.g. http://ingest.railway.internal:8081 */
  baseUrl: string;
  fetch: InternalFetch;
  /** Per-call deadline; QR steps wait for Telegram, so this is generous. */
  timeoutMs?: number;
  nowSeconds?: () => number;
}

function randomNonce(): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(18)));
}

export function createSignedIngestClient(options: SignedIngestClientOptions): IngestControl {
  const now = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));

  async function call<Request, Answer>(spec: IngestCallSpec<Request, Answer>, payload: Request): Promise<Answer> {
    const { path } = spec;
    const body = JSON.stringify(payload);
    const timestamp = now();
    const nonce = randomNonce();
    const signature = await signInternal(options.secret, { timestamp, nonce, method: 'POST', path, body });
    const request = new Request(new URL(path, options.baseUrl), {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        [INTERNAL_HEADERS.timestamp]: String(timestamp),
        [INTERNAL_HEADERS.nonce]: nonce,
        [INTERNAL_HEADERS.signature]: signature,
      },
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    let response: Response;
    try {
      response = await options.fetch(request);
    } catch (error) {
      throw new AppError('INGEST_UNAVAILABLE', 'The Telegram service is not reachable right now; try again shortly', {
        cause: error instanceof Error ? error.message : String(error),
      });
    }
    if (response.ok) return parseAnswer(path, spec.answer, await readJson(response));
    // Not our error shape (a proxy's page): reported below by status.
    const error = ingestErrorAnswer.safeParse(await readJson(response)).data?.error;
    const code = isErrorCode(error?.code) ? error.code : null;
    if (response.status === 401 || response.status >= 500 || !error || !code) {
      // Our own signing or the ingest service is broken: not the user's fault and not theirs to fix.
      // A 503 code (TRANSIENT: Telegram is down) is kept for the caller to map.
      const kept = code && errorStatus[code] === 503 ? code : 'INGEST_FAILED';
      throw new AppError(kept, error?.message ?? `The Telegram service answered ${response.status}`, error?.details);
    }
    throw new AppError(code, error.message, error.details);
  }

  return {
    startQrLogin: (input) => call(ingestCalls.qrStart, input).then(() => undefined),
    submitQrPassword: (input) => call(ingestCalls.qrPassword, input).then(() => undefined),
    simulateQrScan: (input) => call(ingestCalls.qrScan, input).then(() => undefined),
    resolveChannel: (input) => call(ingestCalls.channelResolve, input),
    logoutAccount: (input) => call(ingestCalls.accountLogout, input),
  };
}

/** The body as JSON, or undefined when it is not JSON. */
async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseAnswer<Answer>(path: string, schema: z.ZodType<Answer>, json: unknown): Answer {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const fields = json === undefined ? 'not JSON' : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
  throw new AppError('INGEST_FAILED', `The Telegram service answered ${path} outside the internal contract (${fields})`, { call: path });
}
