// Job failures to the error reporter: a job that failed for good (its last attempt) is reported
// with its topic; an attempt that will be retried only logs (the queue does), and is settled so
// the app's error handler, which a QStash callback's failure reaches too, does not report it. A
// payload marked non-retryable (bad input) and a database that went away are not reported.
import { settleReport, type ErrorReporter } from '../../core/error-report';
import { connectionFailure } from '../../db/unavailable';
import { NonRetryableJobError, failedForGood, wrapJobHandlers, type JobHandlers } from '../ports/queue';

export function reportJobFailures(handlers: JobHandlers, reporter: ErrorReporter, retries: number): JobHandlers {
  if (reporter.kind === 'none') return handlers;
  return wrapJobHandlers(handlers, (topic, handler) => async (payload, meta) => {
    try {
      await handler(payload, meta);
    } catch (error) {
      const expected = error instanceof NonRetryableJobError || connectionFailure(error) !== null;
      if (expected || !failedForGood(error, meta.attempt, retries)) settleReport(error);
      else void reporter.report(error, { job: topic });
      throw error;
    }
  });
}
