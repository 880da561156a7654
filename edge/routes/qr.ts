// Connecting a Telegram account by QR. The API opens and reads attempts; the MTProto handshake
// runs in the ingest service, reached through services.ingest (a signed internal call).
//   POST /v1/auth/qr                      → 201 QrLoginView (with the first QR)
//   GET  /v1/auth/qr/:loginId             → QrLoginView
//   POST /v1/auth/qr/:loginId/password    { password } → QrLoginView after the check
//   POST /v1/auth/qr/:loginId/scan        sandbox only: "scan" the QR now
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { telegramGatewayKind } from '../../core/accounts/gateway-kind';
import { AppError, NotFoundError } from '../../core/errors';
import { planLimits } from '../../core/plans';
import { RATE_LIMITS } from '../../core/rate-limits';
import { endQrLogin, loadQrLogin, openQrLogin } from '../../db/queries/qr-logins';
import type { AppEnv } from '../env';
import { bySignedInUser, rateLimit } from '../middleware/rate-limit';
import type { IngestControl } from '../ports/ingest';
import { validate } from '../validate';
import { qrLoginView } from '../views/qr-login';

const loginParam = z.object({ loginId: z.uuid('loginId must be a UUID') });
const passwordBody = z.object({ password: z.string().min(1, 'password is required').max(256) });

// Each start opens an MTProto handshake; each password is a guess at the account's 2FA password.
const limitQrStart = rateLimit(RATE_LIMITS.qrStart, bySignedInUser);
const limitPasswordPerMinute = rateLimit(RATE_LIMITS.qrPassword, bySignedInUser);
const limitPasswordPerHour = rateLimit(RATE_LIMITS.qrPasswordHourly, bySignedInUser);

function ingestOf(c: Context<AppEnv>): IngestControl {
  const ingest = c.get('services').ingest;
  if (!ingest) throw new AppError('INGEST_UNAVAILABLE', 'The Telegram service is not running');
  return ingest;
}

async function currentView(c: Context<AppEnv>, loginId: string) {
  const { database, config, now } = c.get('services');
  const row = await loadQrLogin(database.db, c.get('user').id, loginId);
  if (!row) throw new NotFoundError('QR login', loginId);
  const view = await qrLoginView(row, new Date(now() * 1000), config);
  // A live attempt past its deadline is recorded as expired the first time someone looks.
  if (view.status === 'EXPIRED' && row.status !== 'EXPIRED') await endQrLogin(database.db, loginId, 'EXPIRED', null);
  return view;
}

export const qrRoutes = new Hono<AppEnv>()
  .post('/v1/auth/qr', limitQrStart, async (c) => {
    const { database, config } = c.get('services');
    const user = c.get('user');
    const ingest = ingestOf(c);
    const opened = await openQrLogin(database.db, {
      userId: user.id,
      accountLimit: planLimits(user.plan).accounts,
      ttlSeconds: config.QR_LOGIN_TTL_SECONDS,
    });
    if (!opened.ok && opened.reason === 'ACCOUNT_LIMIT') {
      throw new AppError('QUOTA_EXCEEDED', `Your ${user.plan} plan allows ${opened.limit} Telegram account(s); remove one or upgrade`, {
        limit: 'accounts',
        max: opened.limit,
        plan: user.plan,
      });
    }
    if (!opened.ok) {
      throw new AppError('TOO_MANY_QR_LOGINS', `At most ${opened.limit} QR logins can be open at once; finish or wait for one`, {
        limit: 'concurrent_qr_logins',
        max: opened.limit,
      });
    }
    try {
      await ingest.startQrLogin({ loginId: opened.loginId, userId: user.id });
    } catch (error) {
      await endQrLogin(database.db, opened.loginId, 'FAILED', 'INTERRUPTED');
      throw error;
    }
    return c.json(await currentView(c, opened.loginId), 201);
  })
  .get('/v1/auth/qr/:loginId', validate('param', loginParam), async (c) => c.json(await currentView(c, c.req.valid('param').loginId)))
  .post('/v1/auth/qr/:loginId/password', limitPasswordPerMinute, limitPasswordPerHour, validate('param', loginParam), validate('json', passwordBody), async (c) => {
    const { loginId } = c.req.valid('param');
    const before = await currentView(c, loginId);
    if (before.status !== 'PASSWORD_NEEDED') {
      throw new AppError('PASSWORD_NOT_EXPECTED', `This QR login is ${before.status}, not waiting for a password`);
    }
    await ingestOf(c).submitQrPassword({ loginId, userId: c.get('user').id, password: c.req.valid('json').password });
    return c.json(await currentView(c, loginId));
  })
  .post('/v1/auth/qr/:loginId/scan', validate('param', loginParam), async (c) => {
    const { loginId } = c.req.valid('param');
    if (telegramGatewayKind(c.get('services').config) !== 'sandbox') {
      throw new AppError('NOT_SANDBOX', 'Scan the QR code with the Telegram app on your phone');
    }
    const before = await currentView(c, loginId);
    if (before.status !== 'PENDING') throw new AppError('QR_LOGIN_NOT_PENDING', `This QR login is ${before.status}`);
    await ingestOf(c).simulateQrScan({ loginId, userId: c.get('user').id });
    return c.json(await currentView(c, loginId));
  });
