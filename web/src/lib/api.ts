// The app's HTTP transport: same-origin cookies, JSON in and out, one error shape. The typed client
// over it is web/src/lib/client.ts.
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

let onUnauthorized: () => void = () => {
  if (location.pathname !== '/login') location.assign('/login');
};

/** The session module installs a router-aware handler so 401 doesn't reload the page. */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

/**
 * The fetch under every API call (web/src/lib/client.ts): same-origin cookies, JSON accepted, a
 * failure to connect as NETWORK_ERROR, a 401 to the unauthorized handler, and any answer that is
 * not OK thrown as an ApiError. A 304 is handed back as it is: it answers a conditional read.
 */
export function apiTransport(options: { redirectOn401?: boolean } = {}): typeof fetch {
  const { redirectOn401 = true } = options;
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    let res: Response;
    try {
      res = await fetch(input, { credentials: 'include', ...init, headers });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
    }
    if (res.status === 401 && redirectOn401) onUnauthorized();
    if (!res.ok && res.status !== 304) throw await toApiError(res);
    return res;
  };
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
