// Solid resources over the typed client: the data type is the route's answer (./client).
import { createResource, type ResourceReturn } from 'solid-js';
import type { ClientResponse } from 'hono/client';
import { read, type Data } from './client';

/**
 * A resource over one client call, refetched when `source` changes; a falsy source waits (no
 * request). `createApiQuery(() => api.v1.accounts.$get())` for a call without inputs.
 */
export function createApiQuery<S, R extends ClientResponse<unknown>>(source: () => S | null | undefined | false, request: (source: S) => Promise<R>): ResourceReturn<Data<R>>;
export function createApiQuery<R extends ClientResponse<unknown>>(request: () => Promise<R>): ResourceReturn<Data<R>>;
export function createApiQuery<S, R extends ClientResponse<unknown>>(first: (() => S | null | undefined | false) | (() => Promise<R>), request?: (source: S) => Promise<R>): ResourceReturn<Data<R>> {
  if (!request) return createResource(() => read((first as () => Promise<R>)()));
  return createResource(first as () => S | null | undefined | false, (s) => read(request(s)));
}
