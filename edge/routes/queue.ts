// QStash delivers jobs here: verify the signature over the exact body and URL, then run the handler.
// 2xx = done; 5xx = QStash retries; 489 + Upstash-NonRetryable-Error = never retry.
import { Hono } from 'hono';
import { NonRetryableJobError } from '../ports/queue';
import type { AppEnv } from '../env';
import { errorResponse } from '../errors';

export const queueRoutes = new Hono<AppEnv>().post('/queue/:topic', async (c) => {
  const { queueReceiver, jobs, config } = c.get('services');
  if (!queueReceiver) return errorResponse(c, 'NOT_FOUND', 'No queue callbacks are configured here');
  const signature = c.req.header('upstash-signature');
  const body = await c.req.text();
  const origin = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : new URL(c.req.url).origin;
  const url = `${origin}${new URL(c.req.url).pathname}`;
  if (!signature || !(await queueReceiver({ signature, body, url }))) {
    return errorResponse(c, 'QUEUE_SIGNATURE_INVALID', 'The queue callback signature is missing or invalid');
  }
  const topic = c.req.param('topic');
  const handler = Object.hasOwn(jobs, topic) ? jobs[topic] : undefined;
  if (!handler) return errorResponse(c, 'UNKNOWN_JOB', `No handler for job topic ${topic}`);
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    c.header('Upstash-NonRetryable-Error', 'true');
    return errorResponse(c, 'MALFORMED_JOB', 'The job payload is not JSON');
  }
  try {
    await handler(payload, {
      messageId: c.req.header('upstash-message-id') ?? 'unknown',
      attempt: Number(c.req.header('upstash-retried') ?? 0) + 1,
    });
  } catch (error) {
    if (error instanceof NonRetryableJobError) {
      c.header('Upstash-NonRetryable-Error', 'true');
      return errorResponse(c, 'JOB_REJECTED', error.message);
    }
    throw error;
  }
  return c.json({ ok: true });
});
