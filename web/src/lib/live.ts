// Keeps a loaded answer fresh: polls the same path with its ETag and hands a changed answer to
// `apply` (a resource's mutate). Unchanged answers (304, or the same JSON when the server sends no
// ETag) touch nothing, so the page does not re-render.
import { on, createEffect, type Accessor } from 'solid-js';
import { apiFetchIfChanged } from './api';
import { createPoller } from './poll';

export const LIVE_MS = { feed: 10_000, top: 30_000, topic: 30_000, subscriptions: 10_000 } as const;

export function createLiveUpdates<T>(path: Accessor<string | null | undefined | false>, current: Accessor<T | undefined>, apply: (next: T) => void, intervalMs: number) {
  let etag: string | null = null;
  let last: string | undefined;
  createEffect(on(path, () => {
    etag = null;
    last = undefined;
  }, { defer: true }));
  return createPoller({
    intervalMs,
    enabled: () => Boolean(path()) && current() !== undefined,
    tick: async (signal) => {
      const p = path();
      if (!p) return;
      const answer = await apiFetchIfChanged<T>(p, etag, { signal });
      if (!answer.changed || path() !== p) return;
      etag = answer.etag;
      const text = JSON.stringify(answer.data);
      last ??= JSON.stringify(current());
      if (text === last) return;
      last = text;
      apply(answer.data);
    },
  });
}
