// Keeps a run fresh while it is queued or running: GET /v1/runs/:id about every 800 ms on the shared
// poller (one request at a time, paused while the tab is hidden, stopped with its owner, failures
// backing off; an answer that can't change by asking again stops it and is reported).
import { createEffect, createMemo, on, type Accessor } from 'solid-js';
import { createPoller } from '../../lib/poll';
import { getRun, isRunActive, type RunView } from '../../lib/pipeline';

export const POLL_MS = 800;

export function createRunPolling(run: Accessor<RunView | null>, update: (next: RunView) => void) {
  const activeId = createMemo(() => {
    const current = run();
    return current && isRunActive(current) ? current.id : null;
  });
  const poller = createPoller({
    intervalMs: POLL_MS,
    maxBackoffMs: 10_000,
    enabled: () => activeId() !== null,
    async tick(signal) {
      const id = activeId();
      if (!id) return;
      const next = await getRun(id, { signal });
      // The owner may have moved on to another run while this answer was on its way.
      if (activeId() === id) update(next);
    },
  });
  // A run that just started (or was retried) is looked at without waiting a whole interval.
  createEffect(on(activeId, (id) => id && poller.now(), { defer: true }));
  return { trouble: poller.trouble, stopped: poller.stopped };
}
