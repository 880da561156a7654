// The one HTTP client of the app: same-origin cookies, JSON in and out, one error shape.
import type { ErrorBody } from '../../../core/errors';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Status 0: the request never got an HTTP answer (offline, DNS, CORS, aborted). */
export const NETWORK_ERROR = 'NETWORK_ERROR';

export interface ApiInit extends Omit<RequestInit, 'body'> {
  /** Serialised as JSON with the matching content type. */
  json?: unknown;
  body?: BodyInit | null;
  /** Set false where a 401 is an expected answer (e.g. loading the session). */
  redirectOn401?: boolean;
}

let onUnauthorized: () => void = () => {
  if (location.pathname !== '/login') location.assign('/login');
};

/** The session module installs a router-aware handler so 401 doesn't reload the page. */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

export async function apiFetch<T>(path: string, init: ApiInit = {}): Promise<T> {
  const { json, redirectOn401 = true, headers, ...rest } = init;
  const h = new Headers(headers);
  h.set('accept', 'application/json');
  if (json !== undefined) h.set('content-type', 'application/json');

  let res: Response;
  try {
    res = await fetch(path, {
      credentials: 'include',
      ...rest,
      headers: h,
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }

  if (res.status === 401 && redirectOn401) onUnauthorized();
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

async function toApiError(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as Partial<ErrorBody>;
    if (body.error?.code) {
      const e = body.error;
      return new ApiError(res.status, e.code, e.message, e.requestId ?? res.headers.get('x-request-id') ?? undefined, e.details);
    }
  } catch {
    // Not our JSON (a proxy page, an HTML 502): fall through to a generic error that keeps the status.
  }
  return new ApiError(res.status, `HTTP_${res.status}`, text.slice(0, 200) || res.statusText, res.headers.get('x-request-id') ?? undefined);
}

export type Revalidated<T> = { changed: false } | { changed: true; data: T; etag: string | null };

/**
 * A GET that costs almost nothing when the answer has not changed: sends the last ETag as
 * If-None-Match and reads a 304 as "unchanged". The browser's own cache is bypassed ('no-store')
 * so the 304 reaches us instead of being turned into the cached 200.
 */
export async function apiFetchIfChanged<T>(path: string, etag: string | null, init: { signal?: AbortSignal } = {}): Promise<Revalidated<T>> {
  const headers = new Headers({ accept: 'application/json' });
  if (etag) headers.set('if-none-match', etag);
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'include', cache: 'no-store', headers, signal: init.signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }
  if (res.status === 304) return { changed: false };
  if (res.status === 401) onUnauthorized();
  if (!res.ok) throw await toApiError(res);
  return { changed: true, data: (await res.json()) as T, etag: res.headers.get('etag') };
}
