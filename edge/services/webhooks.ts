// Webhooks: endpoints per user (URL + events), signed per Standard Webhooks with the
// `standardwebhooks` package (webhook-id / webhook-timestamp / webhook-signature; whsec_ secrets
// encrypted at rest with the session cipher; both signatures while a secret is rotated), delivered
// as queued jobs retried from seconds to hours. A 410 disables the endpoint. The SSRF guard runs
// when an endpoint is saved and again before every attempt (the host may resolve elsewhere now).
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { bytesToBase64 } from '../../core/crypto/base64';
import { createSessionCipher, type SessionCipher } from '../../core/crypto/session-cipher';
import { AppError, NotFoundError } from '../../core/errors';
import type { Logger } from '../../core/log';
import {
  checkResolvedAddresses,
  checkTargetUrl,
  SECRET_ROTATION_OVERLAP_SECONDS,
  WEBHOOK_EVENTS,
  WEBHOOK_RETRY_DELAYS_SECONDS,
  WEBHOOK_TEST_EVENT,
  type TargetRefusal,
} from '../../core/webhooks/target';
import * as queries from '../../db/queries/webhooks';
import type { DeliveryRow, WebhookRow } from '../../db/queries/webhooks';
import type { Db } from '../../db/types';
import { NonRetryableJobError, type Queue } from '../ports/queue';
import type { Services } from '../services';

export const WEBHOOK_JOB = 'webhooks.deliver';
export const deliveryJob = z.object({ deliveryId: z.number().int().positive(), attempt: z.number().int().min(1).max(100) }).strict();
export const MAX_WEBHOOKS_PER_USER = 10;
const ATTEMPT_TIMEOUT_MS = 10_000;

export const webhookCreateBody = z.object({ url: z.string().max(2000), events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length) }).strict();
export const webhookPatchBody = z
  .object({ url: z.string().max(2000), events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length), isActive: z.boolean() })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' });

/** What emitting an event needs (the pipeline's context has it). */
export interface EventContext {
  db: Db;
  queue: Queue;
  log: Logger;
  now(): number;
}

export interface WebhookContext extends EventContext {
  cipher: SessionCipher;
  /** Production: https only, public addresses only. */
  strict: boolean;
  /** Resolves a host name to its addresses (Node); absent where the runtime cannot (Workers). */
  resolveHost?: (host: string) => Promise<string[]>;
  fetch: typeof fetch;
}

export function webhookContext(services: Services, log: Logger = services.log): WebhookContext {
  return {
    db: services.database.db,
    queue: services.queue,
    log,
    now: services.now,
    cipher: createSessionCipher(services.config.SESSION_KEYS),
    strict: services.config.isProduction,
    resolveHost: services.resolveHost,
    fetch: services.webhookFetch ?? ((input, init) => fetch(input, init)),
  };
}

export function newWebhookSecret(): string {
  return `whsec_${bytesToBase64(crypto.getRandomValues(new Uint8Array(24)))}`;
}

const REFUSAL_TEXT: Record<TargetRefusal, string> = {
  MALFORMED_URL: 'is not a URL',
  SCHEME_NOT_ALLOWED: 'must use https',
  CREDENTIALS_IN_URL: 'must not carry a user name or password',
  HOST_NOT_ALLOWED: 'names a local or internal host',
  ADDRESS_NOT_PUBLIC: 'points to a private, loopback or link-local address',
  UNRESOLVABLE: 'has a host that does not resolve',
};

/** The SSRF guard: null when the URL may be called, else why not. */
export async function targetRefusal(ctx: Pick<WebhookContext, 'strict' | 'resolveHost'>, rawUrl: string): Promise<TargetRefusal | null> {
  const checked = checkTargetUrl(rawUrl, { strict: ctx.strict });
  if (!checked.ok) return checked.reason;
  if (!ctx.strict || checked.literal || !ctx.resolveHost) return null;
  let addresses: string[];
  try {
    addresses = await ctx.resolveHost(checked.host);
  } catch {
    return 'UNRESOLVABLE';
  }
  return checkResolvedAddresses(addresses, { strict: true });
}

async function assertTarget(ctx: WebhookContext, url: string): Promise<void> {
  const refusal = await targetRefusal(ctx, url);
  if (refusal) throw new AppError('UNPROCESSABLE', `The webhook URL ${REFUSAL_TEXT[refusal]}`, { reason: refusal, field: 'url' });
}

export function webhookView(row: WebhookRow, now: Date) {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    isActive: row.isActive,
    disabledReason: row.disabledReason,
    rotatingUntil: row.previousSecretUntil && row.previousSecretUntil > now ? row.previousSecretUntil.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function deliveryView(row: DeliveryRow) {
  return {
    id: row.id,
    messageId: row.messageId,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    nextAttemptAt: row.status === 'pending' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}

const at = (ctx: { now(): number }) => new Date(ctx.now() * 1000);

/** Creates an endpoint; the secret is returned this once (only its cipher text is stored). */
export async function createWebhook(ctx: WebhookContext, userId: string, input: z.infer<typeof webhookCreateBody>) {
  await assertTarget(ctx, input.url);
  const secret = newWebhookSecret();
  const { cipher } = await ctx.cipher.encrypt(secret);
  const row = await ctx.db.transaction(async (tx) => {
    if ((await queries.countWebhooks(tx, userId)) >= MAX_WEBHOOKS_PER_USER) throw new AppError('CONFLICT', `At most ${MAX_WEBHOOKS_PER_USER} webhook endpoints per user`);
    return queries.insertWebhook(tx, { userId, url: input.url, events: [...new Set(input.events)], secretCipher: cipher, createdAt: at(ctx) });
  });
  return { webhook: webhookView(row, at(ctx)), secret };
}

export async function editWebhook(ctx: WebhookContext, userId: string, id: string, patch: z.infer<typeof webhookPatchBody>) {
  if (!(await queries.webhookOfUser(ctx.db, userId, id))) throw new NotFoundError('Webhook', id);
  if (patch.url !== undefined) await assertTarget(ctx, patch.url);
  const row = await queries.updateWebhook(ctx.db, userId, id, {
    ...(patch.url !== undefined ? { url: patch.url } : {}),
    ...(patch.events ? { events: [...new Set(patch.events)] } : {}),
    ...(patch.isActive !== undefined ? { isActive: patch.isActive, disabledReason: patch.isActive ? null : 'BY_USER' } : {}),
  });
  if (!row) throw new NotFoundError('Webhook', id);
  return webhookView(row, at(ctx));
}

/** A new secret; the previous one keeps signing (beside it) for SECRET_ROTATION_OVERLAP_SECONDS. */
export async function rotateWebhookSecret(ctx: WebhookContext, userId: string, id: string) {
  const current = await queries.webhookOfUser(ctx.db, userId, id);
  if (!current) throw new NotFoundError('Webhook', id);
  const secret = newWebhookSecret();
  const { cipher } = await ctx.cipher.encrypt(secret);
  const row = await queries.updateWebhook(ctx.db, userId, id, {
    secretCipher: cipher,
    previousSecretCipher: current.secretCipher,
    previousSecretUntil: new Date(at(ctx).getTime() + SECRET_ROTATION_OVERLAP_SECONDS * 1000),
  });
  if (!row) throw new NotFoundError('Webhook', id);
  return { webhook: webhookView(row, at(ctx)), secret };
}

export async function removeWebhook(ctx: WebhookContext, userId: string, id: string): Promise<void> {
  if (!(await queries.deleteWebhook(ctx.db, userId, id))) throw new NotFoundError('Webhook', id);
}

export async function webhookDeliveries(ctx: WebhookContext, userId: string, id: string, limit: number) {
  if (!(await queries.webhookOfUser(ctx.db, userId, id))) throw new NotFoundError('Webhook', id);
  return (await queries.deliveriesOfWebhook(ctx.db, userId, id, limit)).map(deliveryView);
}

function enqueueAttempt(ctx: EventContext, deliveryId: number, attempt: number, delaySeconds = 0) {
  return ctx.queue.enqueue(WEBHOOK_JOB, { deliveryId, attempt }, { deduplicationId: `webhook:${deliveryId}:${attempt}`, ...(delaySeconds ? { delaySeconds } : {}) });
}

/** Queues one event for every active endpoint of the user that asked for it (once per endpoint). */
export async function emitEvent(ctx: EventContext, event: { userId: string; type: string; messageId: string; data: Record<string, unknown>; webhookId?: string }): Promise<number> {
  const targets = event.webhookId ? [{ id: event.webhookId }] : await queries.endpointsFor(ctx.db, event.userId, event.type);
  const now = at(ctx);
  let queued = 0;
  for (const target of targets) {
    const payload = { type: event.type, timestamp: now.toISOString(), data: event.data };
    const id = await queries.insertDelivery(ctx.db, { webhookId: target.id, userId: event.userId, messageId: event.messageId, eventType: event.type, payload, nextAttemptAt: now, createdAt: now });
    if (id === null) continue;
    await enqueueAttempt(ctx, id, 1);
    queued++;
  }
  return queued;
}

/**
 * package.ready / run.failed for a run, from the pipeline (one call each). Never fails the step
 * that emits it: a failure to queue is logged, the run's own state is already committed.
 */
export async function emitRunEvent(ctx: EventContext, runId: string, type: 'package.ready' | 'run.failed'): Promise<void> {
  try {
    const run = await queries.runForEvent(ctx.db, runId);
    if (!run || (type === 'run.failed' && run.status !== 'failed') || (type === 'package.ready' && !run.packageId)) return;
    const data =
      type === 'package.ready'
        ? { runId: run.id, packageId: run.packageId, topicId: run.topicId, engine: run.engine, platforms: run.input.platforms, path: run.packageId ? `/packages/${run.packageId}` : null }
        : { runId: run.id, topicId: run.topicId, engine: run.engine, error: { code: run.errorCode, message: run.error } };
    await emitEvent(ctx, { userId: run.userId, type, messageId: `msg_${type.replace('.', '_')}_${run.id}`, data });
  } catch (error) {
    ctx.log.error('webhook event not queued', { runId, type, error });
  }
}

/** "Send a test event": one webhook.test delivery to this endpoint. */
export async function sendTestEvent(ctx: WebhookContext, userId: string, id: string) {
  const row = await queries.webhookOfUser(ctx.db, userId, id);
  if (!row) throw new NotFoundError('Webhook', id);
  if (!row.isActive) throw new AppError('CONFLICT', 'The endpoint is disabled; enable it to send a test event');
  const messageId = `msg_test_${crypto.randomUUID()}`;
  await emitEvent(ctx, { userId, type: WEBHOOK_TEST_EVENT, messageId, webhookId: row.id, data: { webhookId: row.id, message: 'A test event from TG Studio' } });
  return { messageId };
}

/** The Standard Webhooks headers: one signature per live secret (two while rotating). */
export async function signedHeaders(ctx: Pick<WebhookContext, 'cipher'>, webhook: WebhookRow, messageId: string, body: string, when: Date): Promise<Record<string, string>> {
  const secrets = [await ctx.cipher.decrypt(webhook.secretCipher)];
  if (webhook.previousSecretCipher && webhook.previousSecretUntil && webhook.previousSecretUntil > when) secrets.push(await ctx.cipher.decrypt(webhook.previousSecretCipher));
  const signature = secrets.map((s) => new Webhook(s).sign(messageId, when, body)).join(' ');
  return {
    'content-type': 'application/json',
    'user-agent': 'TG-Studio-Webhooks/1',
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(when.getTime() / 1000)),
    'webhook-signature': signature,
  };
}

export type AttemptOutcome = 'delivered' | 'retrying' | 'failed' | 'skipped';

/**
 * One delivery attempt (the job's body). The attempt number in the job makes a duplicate job a
 * no-op: an attempt runs only while the delivery has made exactly `attempt - 1` attempts.
 */
export async function attemptDelivery(ctx: WebhookContext, job: z.infer<typeof deliveryJob>): Promise<AttemptOutcome> {
  const now = at(ctx);
  const claimed = await ctx.db.transaction(async (tx) => {
    const row = await queries.lockDelivery(tx, job.deliveryId);
    if (!row || row.delivery.status !== 'pending' || row.delivery.attempts !== job.attempt - 1) return null;
    if (!row.webhook.isActive) {
      await queries.updateDelivery(tx, job.deliveryId, { status: 'failed', lastError: 'ENDPOINT_DISABLED', nextAttemptAt: null });
      return null;
    }
    await queries.updateDelivery(tx, job.deliveryId, { attempts: job.attempt });
    return row;
  });
  if (!claimed) return 'skipped';
  const { delivery, webhook } = claimed;

  const refusal = await targetRefusal(ctx, webhook.url);
  if (refusal) {
    await queries.updateDelivery(ctx.db, delivery.id, { status: 'failed', lastError: `TARGET_REFUSED:${refusal}`, lastStatusCode: null, nextAttemptAt: null });
    return 'failed';
  }
  const body = JSON.stringify(delivery.payload);
  let status: number | null = null;
  let error: string | null = null;
  try {
    const response = await ctx.fetch(webhook.url, { method: 'POST', body, headers: await signedHeaders(ctx, webhook, delivery.messageId, body, now), redirect: 'manual', signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
    status = response.status;
    await response.body?.cancel().catch(() => undefined);
  } catch (cause) {
    error = cause instanceof Error ? `${cause.name}: ${cause.message}`.slice(0, 300) : 'request failed';
  }

  if (status !== null && status >= 200 && status < 300) {
    await queries.updateDelivery(ctx.db, delivery.id, { status: 'delivered', lastStatusCode: status, lastError: null, deliveredAt: at(ctx), nextAttemptAt: null });
    return 'delivered';
  }
  if (status === 410) {
    await ctx.db.transaction(async (tx) => {
      await queries.updateDelivery(tx, delivery.id, { status: 'failed', lastStatusCode: 410, lastError: 'GONE', nextAttemptAt: null });
      await queries.disableWebhook(tx, webhook.id, 'GONE');
    });
    ctx.log.info('webhook endpoint disabled: 410 Gone', { webhookId: webhook.id });
    return 'failed';
  }
  const delay = WEBHOOK_RETRY_DELAYS_SECONDS[job.attempt - 1];
  const lastError = error ?? (status !== null && status >= 300 && status < 400 ? 'REDIRECT_NOT_FOLLOWED' : `HTTP_${status}`);
  if (delay === undefined) {
    await queries.updateDelivery(ctx.db, delivery.id, { status: 'failed', lastStatusCode: status, lastError, nextAttemptAt: null });
    return 'failed';
  }
  await queries.updateDelivery(ctx.db, delivery.id, { lastStatusCode: status, lastError, nextAttemptAt: new Date(now.getTime() + delay * 1000) });
  await enqueueAttempt(ctx, delivery.id, job.attempt + 1, delay);
  return 'retrying';
}

/** The job handler's body. */
export async function handleDeliveryJob(ctx: WebhookContext, payload: unknown): Promise<void> {
  const parsed = deliveryJob.safeParse(payload);
  if (!parsed.success) throw new NonRetryableJobError('webhook delivery payload is malformed');
  await attemptDelivery(ctx, parsed.data);
}

/** After a restart of the in-process queue: every pending delivery's next attempt is queued again. */
export async function resumeDeliveries(ctx: WebhookContext): Promise<number> {
  const pending = await queries.pendingDeliveries(ctx.db, 1000);
  const now = at(ctx).getTime();
  for (const row of pending) {
    const wait = row.nextAttemptAt ? Math.max(0, Math.ceil((row.nextAttemptAt.getTime() - now) / 1000)) : 0;
    await enqueueAttempt(ctx, row.id, row.attempts + 1, wait);
  }
  return pending.length;
}
