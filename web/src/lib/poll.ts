// A visibility-aware poller: one request at a time, every `intervalMs` while the tab is visible,
// paused while it is hidden (and checked at once when it comes back), stopped with its owner.
// Failures back off; an answer that cannot change by asking again (4xx but 408/429) stops it.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { ApiError } from './api';

const MAX_BACKOFF_MS = 60_000;

export interface PollerOptions {
  intervalMs: number;
  /** One poll; aborted when the owner unmounts or the tab hides. */
  tick: (signal: AbortSignal) => Promise<void>;
  /** Polling runs only while this holds (e.g. a run is active); default always. */
  enabled?: Accessor<boolean>;
  /** Start with a poll right away instead of after one interval. */
  immediate?: boolean;
  /** The longest wait between failing polls (default a minute). */
  maxBackoffMs?: number;
}

const isFinal = (error: unknown) =>
  error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;

export function createPoller(options: PollerOptions) {
  const [trouble, setTrouble] = createSignal(false);
  const [stopped, setStopped] = createSignal<unknown>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  let failures = 0;
  let disposed = false;

  const alive = () => !disposed && !stopped() && document.visibilityState !== 'hidden';

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
      void run();
    }, delay);
  };

  async function run() {
    if (!alive() || inFlight) return;
    // Not yet wanted (nothing loaded yet): look again after an interval, for free.
    if (!(options.enabled?.() ?? true)) return schedule(options.intervalMs);
    const controller = new AbortController();
    inFlight = controller;
    try {
      await options.tick(controller.signal);
      failures = 0;
      setTrouble(false);
    } catch (error) {
      if (controller.signal.aborted) return;
      if (isFinal(error)) {
        setStopped(error);
        return;
      }
      failures++;
      setTrouble(failures >= 2);
    } finally {
      if (inFlight === controller) inFlight = undefined;
    }
    if (alive()) schedule(failures ? Math.min(options.intervalMs * 2 ** failures, options.maxBackoffMs ?? MAX_BACKOFF_MS) : options.intervalMs);
  }

  const onVisibility = () => {
    if (document.visibilityState === 'hidden') halt();
    else if (!timer && !inFlight) schedule(0);
  };
  document.addEventListener('visibilitychange', onVisibility);
  schedule(options.immediate ? 0 : options.intervalMs);
  onCleanup(() => {
    disposed = true;
    document.removeEventListener('visibilitychange', onVisibility);
    halt();
  });

  return {
    trouble,
    stopped,
    /** Poll now (e.g. after the user did something that changes the answer). */
    now: () => {
      if (!inFlight) schedule(0);
    },
  };
}
