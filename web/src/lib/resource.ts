// createApiResource: a Solid resource over apiFetch, refetched when its path changes.
import { createResource, type ResourceReturn } from 'solid-js';
import { apiFetch } from './api';

/** Pass a path or an accessor returning one; return null/undefined/false to wait (no request). */
export function createApiResource<T>(path: string | (() => string | null | undefined | false)): ResourceReturn<T> {
  const source = typeof path === 'string' ? () => path : path;
  return createResource(source, (p) => apiFetch<T>(p));
}
