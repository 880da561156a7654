// Job handlers by topic: thin — validate the payload, call the same verbs the API uses. A payload
// that can never succeed is marked non-retryable.
import { NonRetryableJobError, type JobHandlers } from '../ports/queue';
import type { Services } from '../services';
import { executeStep, pipelineContext, PIPELINE_JOB, stepJob } from '../services/pipeline';

/** `services` is read at delivery time: the queue is built before the services that hold it. */
export function createJobHandlers(services: () => Services): JobHandlers {
  return {
    async [PIPELINE_JOB](payload, meta) {
      const parsed = stepJob.safeParse(payload);
      if (!parsed.success) throw new NonRetryableJobError('pipeline step payload is malformed');
      const s = services();
      await executeStep(pipelineContext(s, s.log.child({ job: PIPELINE_JOB, runId: parsed.data.runId, step: parsed.data.step })), parsed.data, meta.attempt);
    },
  };
}
