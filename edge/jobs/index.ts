// Job handlers by topic: thin — validate the payload, call the same verbs the API uses. A payload
// that can never succeed is marked non-retryable.
import { NonRetryableJobError, type JobHandlers } from '../ports/queue';
import type { Services } from '../services';
import { executeStep, pipelineContext, PIPELINE_JOB, stepJob } from '../services/pipeline';
import { evaluateRules, RULE_JOB, ruleJob } from '../services/rules';
import { handleDeliveryJob, WEBHOOK_JOB, webhookContext } from '../services/webhooks';

/** `services` is read at delivery time: the queue is built before the services that hold it. */
export function createJobHandlers(services: () => Services): JobHandlers {
  return {
    async [PIPELINE_JOB](payload, meta) {
      const parsed = stepJob.safeParse(payload);
      if (!parsed.success) throw new NonRetryableJobError('pipeline step payload is malformed');
      const s = services();
      await executeStep(pipelineContext(s, s.log.child({ job: PIPELINE_JOB, runId: parsed.data.runId, step: parsed.data.step })), parsed.data, meta.attempt);
    },
    // Rules after a ranking refresh: the QStash schedule (production) or the Node server's timer.
    async [RULE_JOB](payload) {
      const parsed = ruleJob.safeParse(payload ?? {});
      if (!parsed.success) throw new NonRetryableJobError('rules evaluation payload is malformed');
      const s = services();
      await evaluateRules(pipelineContext(s, s.log.child({ job: RULE_JOB })), parsed.data);
    },
    async [WEBHOOK_JOB](payload) {
      const s = services();
      await handleDeliveryJob(webhookContext(s, s.log.child({ job: WEBHOOK_JOB })), payload);
    },
  };
}
