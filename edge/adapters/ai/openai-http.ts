// HTTP details under the OpenAI adapter: reading Retry-After, keeping the SDK from sleeping through
// a long one, and base64 → bytes without Buffer (so it runs on Workers as on Node).
//
// The SDK (v6) retries 408/409/429/5xx and connection errors `maxRetries` times, waiting what
// `retry-after-ms` or `retry-after` (seconds or an HTTP date) asks — with no upper bound — and
// exponential backoff with jitter (0.5 s doubling, at most 8 s) otherwise. A job that is told to
// come back in an hour should not hold a Worker or a queue slot for that hour: `capRetryAfter`
// marks such answers `x-should-retry: false` (a header the SDK obeys), so the SDK gives up at once
// and the adapter reports the wait as AiUnavailableError.retryAfterSeconds for the queue to honour.

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The statuses the SDK retries. */
export const isRetryableStatus = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

/** The wait an answer asks for, in seconds (rounded up), or undefined when it names none. */
export function retryAfterSeconds(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Math.ceil(Number(ms) / 1000));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

export function capRetryAfter(fetchImpl: FetchLike, maxSeconds: number): FetchLike {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (!isRetryableStatus(response.status)) return response;
    const wait = retryAfterSeconds(response.headers);
    if (wait === undefined || wait <= maxSeconds) return response;
    const headers = new Headers(response.headers);
    headers.set('x-should-retry', 'false');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** Standard base64 (whitespace allowed) → bytes; throws on anything else. */
export function base64ToBytes(b64: string): Uint8Array {
  const binary = atob(b64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export const isPng = (bytes: Uint8Array) => bytes.length > PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
