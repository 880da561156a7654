// The app's one API client: Hono's `hc` over the server's route types, so every path, parameter and
// answer is checked by `tsc` against edge/ (type-only import: no server code is bundled). A route
// whose answer changes breaks the screens that read it here, not in production.
//
//   const feed = await read(api.v1.feed.$get({ query: { limit: '30' } }));
//
// Calls go through apiTransport (./api): same-origin cookies, ApiError for anything not OK.
import { hc, parseResponse, type ClientRequestOptions, type ClientResponse } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { AppType } from '../../../edge/app';
import { apiTransport } from './api';

export const api = hc<AppType>('/', { fetch: apiTransport() });
/** For calls where a 401 is an expected answer (loading the session, the login page). */
export const publicApi = hc<AppType>('/', { fetch: apiTransport({ redirectOn401: false }) });

type AnyResponse = ClientResponse<unknown>;

type DataOf<T, S, F> = S extends SuccessStatusCode ? (F extends 'json' | 'text' ? T : undefined) : never;
/** What a call answers when it succeeds (the JSON of its 2xx responses); undefined for an answer without a body. */
export type Data<R> = R extends ClientResponse<infer T, infer S, infer F> ? DataOf<T, S, F> : never;
/** The success answer of a client method: `Answer<typeof api.v1.top.$get>`. */
export type Answer<F extends (...args: never[]) => Promise<AnyResponse>> = Data<Awaited<ReturnType<F>>>;

/** The answer's data; failures were already thrown as ApiError by the transport. */
export async function read<R extends AnyResponse>(pending: Promise<R>): Promise<Data<R>> {
  // parseResponse reads the body by its content type; its result is the route's, as Data<R> says.
  return (await parseResponse(pending)) as Data<R>;
}

/** A JSON answer of any status: what a polled GET gives. */
export type JsonResponse<T> = ClientResponse<T, number, 'json'>;

export type Revalidated<T> = { changed: false } | { changed: true; data: T; etag: string | null };

/**
 * A GET that costs almost nothing when the answer has not changed: sends the last ETag as
 * If-None-Match and reads a 304 as "unchanged". The browser's own cache is bypassed ('no-store')
 * so the 304 reaches us instead of being turned into the cached 200.
 */
export async function readIfChanged<T>(
  request: (options: ClientRequestOptions) => Promise<JsonResponse<T>>,
  etag: string | null,
  init: { signal?: AbortSignal } = {},
): Promise<Revalidated<T>> {
  const res = await request({ headers: etag ? { 'if-none-match': etag } : {}, init: { cache: 'no-store', signal: init.signal } });
  if (res.status === 304) return { changed: false };
  return { changed: true, data: await res.json(), etag: res.headers.get('etag') };
}
