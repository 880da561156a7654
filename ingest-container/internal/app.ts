// The ingest side of the API ↔ ingest channel: /internal/* routes, every call signed by the API
// (see signature.ts). Served on the ingest container's port in production and called in-process
// by the one-process `npm start`; the request is signed and checked the same way in both.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { SessionCipher } from '../../core/crypto/session-cipher';
import { AppError } from '../../core/errors';
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

const attemptRef = z.object({ loginId: z.uuid(), userId: z.uuid() });
const accountRef = z.object({ userId: z.uuid(), accountId: z.uuid() });
const reference = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('username'), username: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('invite'), hash: z.string().min(1).max(128) }),
]);

const failureStatus: Record<TelegramFailure['reason'], 403 | 404 | 409 | 422 | 429 | 503> = {
  FLOOD_WAIT: 429,
  AUTH_REVOKED: 409,
  CHANNEL_PRIVATE: 403,
  CHANNEL_BANNED: 403,
  USERNAME_NOT_OCCUPIED: 404,
  NOT_A_CHANNEL: 422,
  INVITE_INVALID: 404,
  PASSWORD_INVALID: 422,
  TRANSIENT: 503,
};

function body<T>(c: Context<InternalEnv>, schema: z.ZodType<T>): T {
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

export function createInternalApp(deps: InternalAppDeps) {
  const app = new Hono<InternalEnv>();
  app.use('*', async (c, next) => {
    c.set('log', deps.log);
    await next();
  });
  app.onError((error, c) => {
    if (error instanceof AppError) return c.json({ error: { code: error.code, message: error.message } }, error.status as 400);
    if (error instanceof TelegramFailure) {
      const code = error.reason === 'AUTH_REVOKED' ? 'ACCOUNT_NEEDS_RELOGIN' : error.reason === 'FLOOD_WAIT' ? 'TELEGRAM_FLOOD_WAIT' : error.reason;
      if (error.seconds) c.header('retry-after', String(error.seconds));
      return c.json({ error: { code, message: error.message, ...(error.seconds ? { details: { seconds: error.seconds } } : {}) } }, failureStatus[error.reason]);
    }
    deps.log.error('internal call failed', { path: c.req.path, error });
    return c.json({ error: { code: 'INTERNAL', message: 'The ingest service failed to handle the call' } }, 500);
  });
  // Calls are a few short fields: refuse a big body before the signature check reads it.
  app.use('/internal/*', bodyLimit({ maxSize: INTERNAL_BODY_LIMIT, onError: (c) => c.json({ error: { code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${INTERNAL_BODY_LIMIT} bytes` } }, 413) }));
  app.use('/internal/*', requireInternalSignature({ secret: deps.secret, db: deps.db }));

  const sessions = { db: deps.db, gateway: deps.gateway, cipher: deps.cipher };

  return app
    .post('/internal/qr/start', async (c) => c.json({ status: await deps.qr.start(body(c, attemptRef)) }))
    .post('/internal/qr/password', async (c) =>
      c.json({ status: await deps.qr.submitPassword(body(c, attemptRef.extend({ password: z.string().min(1).max(256) }))) }),
    )
    .post('/internal/qr/scan', async (c) => c.json({ status: await deps.qr.scanNow(body(c, attemptRef)) }))
    .post('/internal/accounts/logout', async (c) => {
      const ref = body(c, accountRef);
      deps.onAccountRemoved?.(ref.accountId);
      try {
        await withAccountSession(sessions, ref, (session) => session.logOut());
        return c.json({ loggedOut: true });
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND') throw error;
        // Best effort: the account is removed on our side whatever Telegram answers.
        deps.log.warn('logout at Telegram failed', { accountId: ref.accountId, reason: error instanceof Error ? error.message : String(error) });
        return c.json({ loggedOut: false });
      }
    })
    .post('/internal/channels/resolve', async (c) => {
      const input = body(c, accountRef.extend({ reference }));
      return c.json(await withAccountSession(sessions, input, (session) => session.resolveChannel(input.reference)));
    });
}

export type InternalApp = ReturnType<typeof createInternalApp>;
