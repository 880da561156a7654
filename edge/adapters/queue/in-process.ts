// The embedded queue: jobs run in this process with QStash's semantics — at-least-once, retried
// with exponential backoff up to `retries` times, non-retryable failures dropped (and logged).
import type { Logger } from '../../../core/log';
import { JOB_RETRIES, NonRetryableJobError, type EnqueueOptions, type JobHandlers, type Queue } from '../../ports/queue';

export interface InProcessQueueOptions {
  handlers: JobHandlers;
  log: Logger;
  retries?: number;
  /** First retry delay; doubles each attempt. */
  backoffMs?: number;
}

export function createInProcessQueue(options: InProcessQueueOptions): Queue {
  const retries = options.retries ?? JOB_RETRIES;
  const backoffMs = options.backoffMs ?? 1000;
  const pending = new Set<Promise<void>>();
  const dedup = new Set<string>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let closed = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function deliver(topic: string, payload: unknown, messageId: string, delayMs: number) {
    if (delayMs > 0) await sleep(delayMs);
    const handler = Object.hasOwn(options.handlers, topic) ? options.handlers[topic] : undefined;
    const log = options.log.child({ job: topic, messageId });
    if (!handler) {
      log.error('no handler for job topic; dropped');
      return;
    }
    for (let attempt = 1; attempt <= retries + 1 && !closed; attempt++) {
      try {
        await handler(structuredClone(payload), { messageId, attempt });
        return;
      } catch (error) {
        if (error instanceof NonRetryableJobError || attempt > retries) {
          log.error('job failed for good', { attempt, error });
          return;
        }
        const wait = backoffMs * 2 ** (attempt - 1);
        log.warn('job failed; retrying', { attempt, retryInMs: wait, error });
        await sleep(wait);
      }
    }
  }

  return {
    async enqueue(topic, payload, opts: EnqueueOptions = {}) {
      if (closed) throw new Error('queue is closed');
      const messageId = crypto.randomUUID();
      if (opts.deduplicationId) {
        if (dedup.has(opts.deduplicationId)) return { messageId };
        dedup.add(opts.deduplicationId);
      }
      const run = deliver(topic, payload, messageId, (opts.delaySeconds ?? 0) * 1000).finally(() => {
        pending.delete(run);
        if (opts.deduplicationId) dedup.delete(opts.deduplicationId);
      });
      pending.add(run);
      return { messageId };
    },
    async drain() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
