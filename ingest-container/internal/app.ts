// The ingest side of the API ↔ ingest channel: /internal/* routes, every call signed by the API
// (see signature.ts). Served on the ingest container's port in production and called in-process
// by the one-process `npm start`; the request is signed and checked the same way in both.
// Requests and answers are the contract's (core/ingest-contract.ts), parsed here on the way in
// and shaped by it on the way out.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { SessionCipher } from '../../core/crypto/session-cipher';
import { AppError } from '../../core/errors';
import { ingestCalls, telegramFailureAnswer, type IngestCallSpec } from '../../core/ingest-contract';
import type { Logger } from '../../core/log';
import type { Db } from '../../db/types';
import { TelegramFailure, type TelegramGateway } from '../gateway/port';
import type { QrLoginManager } from '../qr/manager';
import { withAccountSession } from './account-session';
import type { InternalEnv } from './env';
import { requireInternalSignature } from './signature';

export interface InternalAppDeps {
  db: Db;
  log: Logger;
  secret: string;
  gateway: TelegramGateway;
  cipher: SessionCipher;
  qr: QrLoginManager;
  /** Told when an account is being removed, so a running ingest loop drops its connection. */
  onAccountRemoved?: (accountId: string) => void;
}

const INTERNAL_BODY_LIMIT = 16 * 1024;

function body<T>(c: Context<InternalEnv>, { request: schema }: IngestCallSpec<T, unknown>): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(c.get('rawBody') || '{}');
  } catch {
    throw new AppError('MALFORMED_JSON', 'The request body is not valid JSON');
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new AppError('VALIDATION_FAILED', result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return result.data;
}

/** The answer as the contract shapes it (unknown fields dropped; a wrong one is our bug: 500). */
function answer<A>({ answer: schema }: IngestCallSpec<unknown, A>, value: A): A {
  return schema.parse(value);
}

export function createInternalApp(deps: InternalAppDeps) {
  const app = new Hono<InternalEnv>();
  app.use('*', async (c, next) => {
    c.set('log', deps.log);
    await next();
  });
  app.onError((error, c) => {
    if (error instanceof AppError) return c.json({ error: { code: error.code, message: error.message } }, error.status as 400);
    if (error instanceof TelegramFailure) {
      const failure = telegramFailureAnswer(error.reason, error.message, error.seconds);
      if (failure.retryAfter) c.header('retry-after', failure.retryAfter);
      return c.json(failure.body, failure.status);
    }
    deps.log.error('internal call failed', { path: c.req.path, error });
    return c.json({ error: { code: 'INTERNAL', message: 'The ingest service failed to handle the call' } }, 500);
  });
  // Calls are a few short fields: refuse a big body before the signature check reads it.
  app.use('/internal/*', bodyLimit({ maxSize: INTERNAL_BODY_LIMIT, onError: (c) => c.json({ error: { code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${INTERNAL_BODY_LIMIT} bytes` } }, 413) }));
  app.use('/internal/*', requireInternalSignature({ secret: deps.secret, db: deps.db }));

  const sessions = { db: deps.db, gateway: deps.gateway, cipher: deps.cipher };

  return app
    .post(ingestCalls.qrStart.path, async (c) => c.json(answer(ingestCalls.qrStart, { status: await deps.qr.start(body(c, ingestCalls.qrStart)) })))
    .post(ingestCalls.qrPassword.path, async (c) =>
      c.json(answer(ingestCalls.qrPassword, { status: await deps.qr.submitPassword(body(c, ingestCalls.qrPassword)) })),
    )
    .post(ingestCalls.qrScan.path, async (c) => c.json(answer(ingestCalls.qrScan, { status: await deps.qr.scanNow(body(c, ingestCalls.qrScan)) })))
    .post(ingestCalls.accountLogout.path, async (c) => {
      const ref = body(c, ingestCalls.accountLogout);
      deps.onAccountRemoved?.(ref.accountId);
      try {
        await withAccountSession(sessions, ref, (session) => session.logOut());
        return c.json(answer(ingestCalls.accountLogout, { loggedOut: true }));
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND') throw error;
        // Best effort: the account is removed on our side whatever Telegram answers.
        deps.log.warn('logout at Telegram failed', { accountId: ref.accountId, reason: error instanceof Error ? error.message : String(error) });
        return c.json(answer(ingestCalls.accountLogout, { loggedOut: false }));
      }
    })
    .post(ingestCalls.channelResolve.path, async (c) => {
      const input = body(c, ingestCalls.channelResolve);
      const resolved = await withAccountSession(sessions, input, (session) => session.resolveChannel(input.reference));
      return c.json(answer(ingestCalls.channelResolve, resolved));
    });
}

export type InternalApp = ReturnType<typeof createInternalApp>;
