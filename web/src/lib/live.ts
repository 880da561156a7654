// Keeps a loaded answer fresh: polls the same request with its ETag and hands a changed answer to
// `apply` (a resource's mutate). Unchanged answers (304, or the same JSON when the server sends no
// ETag) touch nothing, so the page does not re-render.
import { on, createEffect, type Accessor } from 'solid-js';
import type { ClientRequestOptions } from 'hono/client';
import { readIfChanged, type JsonResponse } from './client';
import { createPoller } from './poll';

export const LIVE_MS = { feed: 10_000, top: 30_000, topic: 30_000, subscriptions: 10_000 } as const;

export interface LiveOptions<T> {
  /** What is being watched (the request's path); falsy waits, a change starts over. */
  key: Accessor<string | null | undefined | false>;
  /** The call the page loaded `current` with, given the conditional-read options. */
  request: (options: ClientRequestOptions) => Promise<JsonResponse<T>>;
  current: Accessor<T | undefined>;
  apply: (next: T) => void;
  intervalMs: number;
}

export function createLiveUpdates<T>(options: LiveOptions<T>) {
  const { key, request, current, apply, intervalMs } = options;
  let etag: string | null = null;
  let last: string | undefined;
  createEffect(on(key, () => {
    etag = null;
    last = undefined;
  }, { defer: true }));
  return createPoller({
    intervalMs,
    enabled: () => Boolean(key()) && current() !== undefined,
    tick: async (signal) => {
      const k = key();
      if (!k) return;
      const answer = await readIfChanged(request, etag, { signal });
      if (!answer.changed || key() !== k) return;
      etag = answer.etag;
      const text = JSON.stringify(answer.data);
      last ??= JSON.stringify(current());
      if (text === last) return;
      last = text;
      apply(answer.data);
    },
  });
}
