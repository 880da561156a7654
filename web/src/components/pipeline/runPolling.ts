// Keeps a run fresh while it is queued or running: GET /v1/runs/:id about every 800 ms, one request
// at a time, paused while the tab is hidden and stopped when the owner unmounts. Failed polls back
// off; an answer that can't change by asking again (404, 403) stops the polling and is reported.
import { createEffect, createMemo, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import { ApiError } from '../../lib/api';
import { getRun, isRunActive, type RunView } from '../../lib/pipeline';

export const POLL_MS = 800;
const MAX_BACKOFF_MS = 10_000;
/** Failures in a row before the UI says the connection is shaky. */
const TROUBLE_AFTER = 2;

const isFinal = (error: unknown) =>
  error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;

export function createRunPolling(run: Accessor<RunView | null>, update: (next: RunView) => void) {
  const [trouble, setTrouble] = createSignal(false);
  const [stopped, setStopped] = createSignal<unknown>(null);
  const activeId = createMemo(() => {
    const current = run();
    return current && isRunActive(current) ? current.id : null;
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  let failures = 0;

  const halt = () => {
    clearTimeout(timer);
    timer = undefined;
    inFlight?.abort();
    inFlight = undefined;
  };
  const schedule = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void tick();
    }, delay);
  };

  async function tick() {
    const id = activeId();
    if (!id || document.visibilityState === 'hidden') return;
    const controller = new AbortController();
    inFlight = controller;
    try {
      const next = await getRun(id, { signal: controller.signal });
      failures = 0;
      setTrouble(false);
      // The owner may have moved on to another run while this answer was on its way.
      if (activeId() === id) update(next);
    } catch (error) {
      if (controller.signal.aborted) return;
      if (isFinal(error)) {
        setStopped(error);
        return;
      }
      failures++;
      setTrouble(failures >= TROUBLE_AFTER);
    } finally {
      if (inFlight === controller) inFlight = undefined;
    }
    if (activeId() === id) schedule(failures ? Math.min(POLL_MS * 2 ** failures, MAX_BACKOFF_MS) : POLL_MS);
  }

  createEffect(
    on(activeId, (id) => {
      halt();
      failures = 0;
      setTrouble(false);
      setStopped(null);
      if (id) schedule(POLL_MS);
    }),
  );

  const onVisibility = () => {
    if (document.visibilityState === 'hidden') halt();
    else if (activeId() && !timer && !inFlight) schedule(0);
  };
  document.addEventListener('visibilitychange', onVisibility);
  onCleanup(() => {
    document.removeEventListener('visibilitychange', onVisibility);
    halt();
  });

  return { trouble, stopped };
}
