// The queue port for pipeline jobs and rules: at-least-once delivery with retries. Adapters: QStash
// (production: it calls back POST /queue/:topic, signed) and an in-process queue with the same
// retry semantics (the embedded default).
/** Retries after the first delivery, on both adapters; a handler's last attempt is JOB_RETRIES + 1. */
export const JOB_RETRIES = 3;

export interface EnqueueOptions {
  /** Deliver no sooner than this many seconds from now. */
  delaySeconds?: number;
  /** A second enqueue with the same id while the first is pending is dropped. */
  deduplicationId?: string;
}

export interface Queue {
  enqueue(topic: string, payload: unknown, options?: EnqueueOptions): Promise<{ messageId: string }>;
  /** Resolves when nothing is pending (in-process adapter; QStash resolves at once). */
  drain?(): Promise<void>;
  close?(): Promise<void>;
}

/** Thrown by a job handler for a payload that can never succeed: not retried. */
export class NonRetryableJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NonRetryableJobError';
  }
}

export type JobHandler = (payload: unknown, meta: { messageId: string; attempt: number }) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

/** A failure the queue will not deliver again: a payload that can never succeed, or the last attempt. */
export function failedForGood(error: unknown, attempt: number, retries: number): boolean {
  return error instanceof NonRetryableJobError || attempt > retries;
}

/** Every handler wrapped by `wrap` (metering, error reports), keyed by the same topics. */
export function wrapJobHandlers(handlers: JobHandlers, wrap: (topic: string, handler: JobHandler) => JobHandler): JobHandlers {
  return Object.fromEntries(Object.entries(handlers).map(([topic, handler]) => [topic, wrap(topic, handler)]));
}
