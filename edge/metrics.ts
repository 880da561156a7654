// The API's metrics over the shared registry (core/metrics): HTTP, the AI pipeline, the queue.
// Each family is registered once per registry (a second registration would render twice), so any
// caller may ask for it. Names here are what deploy/alerts.yml refers to (a test checks that).
import { Metrics } from '../core/metrics/registry';
import { costOfCall } from '../core/pipeline/prices';
import type { AiCall } from '../core/pipeline/types';
import type { AiPurpose } from '../core/pipeline/platforms';
import { AiOutputError, AiUnavailableError, type AiPort } from './ports/ai';
import { failedForGood, wrapJobHandlers, type JobHandlers } from './ports/queue';

export { Metrics };

function once<T>(build: (metrics: Metrics) => T): (metrics: Metrics) => T {
  const built = new WeakMap<Metrics, T>();
  return (metrics) => {
    let family = built.get(metrics);
    if (!family) built.set(metrics, (family = build(metrics)));
    return family;
  };
}

export const httpMetrics = once((metrics) => ({
  requests: metrics.counter('http_requests_total', 'HTTP requests by method, route and status'),
  duration: metrics.histogram('http_request_duration_seconds', 'HTTP request duration by method and route'),
}));

export const aiMetrics = once((metrics) => ({
  calls: metrics.counter('ai_calls_total', 'AI calls by purpose, engine and outcome (ok, invalid_output, unavailable, error)'),
  tokens: metrics.counter('ai_tokens_total', 'AI tokens by purpose, engine and kind (input, output, cached)'),
  images: metrics.counter('ai_images_total', 'Images generated, by engine'),
  cost: metrics.counter('ai_cost_usd_total', 'AI spend in US dollars by purpose and engine, priced by the dated table'),
}));

export const pipelineMetrics = once((metrics) => {
  const runs = metrics.counter('pipeline_runs_total', 'Pipeline runs finished, by outcome (succeeded, failed)');
  for (const outcome of ['succeeded', 'failed']) runs.inc({ outcome }, 0);
  return {
    stepDuration: metrics.histogram('pipeline_step_duration_seconds', 'One pipeline step, claim to commit, by step and outcome', [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]),
    runs,
  };
});

export const feedNotificationMetrics = once((metrics) => ({
  live: metrics.gauge('feed_notifications_live', 'Whether this process hears the feed change notifications (1) or not (0): feed and top read their state from the database every time then'),
}));

export const queueMetrics = once((metrics) => ({
  jobs: metrics.counter('queue_jobs_total', 'Queued job deliveries by topic and outcome (ok, retry, failed)'),
}));

/** Counts the calls an answer (or an unusable answer) carried: tokens, images, dollars. */
function countCalls(metrics: Metrics, calls: readonly AiCall[], outcome: string) {
  const m = aiMetrics(metrics);
  const at = new Date();
  for (const call of calls) {
    const labels = { purpose: call.purpose, engine: call.engine };
    m.calls.inc({ ...labels, outcome });
    if (call.inputTokens) m.tokens.inc({ ...labels, kind: 'input' }, call.inputTokens);
    if (call.outputTokens) m.tokens.inc({ ...labels, kind: 'output' }, call.outputTokens);
    if (call.cachedTokens) m.tokens.inc({ ...labels, kind: 'cached' }, call.cachedTokens);
    if (call.images) m.images.inc({ engine: call.engine }, call.images);
    const usd = costOfCall(call, at);
    if (usd > 0) m.cost.inc(labels, usd);
  }
}

/** The AI port, metered: every call by purpose, engine and outcome, its tokens and its cost. */
export function meterAi(ai: AiPort, metrics: Metrics): AiPort {
  const metered =
    <A, R extends { calls: AiCall[] }>(purpose: AiPurpose, work: (arg: A) => Promise<R>) =>
    async (arg: A): Promise<R> => {
      try {
        const answer = await work(arg);
        countCalls(metrics, answer.calls, 'ok');
        return answer;
      } catch (error) {
        if (error instanceof AiOutputError && error.calls.length) countCalls(metrics, error.calls, 'invalid_output');
        else {
          const outcome = error instanceof AiUnavailableError ? 'unavailable' : error instanceof AiOutputError ? 'invalid_output' : 'error';
          aiMetrics(metrics).calls.inc({ purpose, engine: ai.engine, outcome });
        }
        throw error;
      }
    };
  return {
    engine: ai.engine,
    writeArticle: metered('editor', (r) => ai.writeArticle(r)),
    briefImages: metered('brief', (r) => ai.briefImages(r)),
    moderate: metered('moderation', (t: string) => ai.moderate(t)),
    generateImage: metered('image', (r) => ai.generateImage(r)),
  };
}

/** The job handlers, metered: each delivery by topic and outcome (a retry is a failure the queue will redeliver). */
export function meterJobs(handlers: JobHandlers, metrics: Metrics, retries: number): JobHandlers {
  const { jobs } = queueMetrics(metrics);
  // Series at 0 from the start, so increase() sees the first failure (see ingest-container/metrics.ts).
  for (const topic of Object.keys(handlers)) for (const outcome of ['ok', 'retry', 'failed']) jobs.inc({ topic, outcome }, 0);
  return wrapJobHandlers(handlers, (topic, handler) => async (payload, meta) => {
    try {
      await handler(payload, meta);
      jobs.inc({ topic, outcome: 'ok' });
    } catch (error) {
      jobs.inc({ topic, outcome: failedForGood(error, meta.attempt, retries) ? 'failed' : 'retry' });
      throw error;
    }
  });
}
