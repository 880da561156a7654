// The QR login state machine of the ingest process. An attempt is opened by the API (a PENDING
// row in qr_logins); this drives the gateway for it and records every step on that row:
// PENDING (+ the current QR URL) → PASSWORD_NEEDED (+ hint) → AUTHORIZED (+ account) | FAILED |
// EXPIRED. The plaintext session exists only here, between the gateway and the cipher.
import { visibleQrStatus, type QrFailureCode, type QrLoginStatus } from '../../core/accounts/qr-policy';
import type { SessionCipher } from '../../core/crypto/session-cipher';
import { AppError, NotFoundError } from '../../core/errors';
import type { Logger } from '../../core/log';
import type { Db } from '../../db/types';
import { TelegramFailure, type AuthorizedSession, type TelegramGateway } from '../gateway/port';
import type { IngestMetrics } from '../metrics';
import { authorizeQrLogin, endQrLogin, qrLoginState, recordPasswordNeeded, recordQrCode } from '../../db/queries/qr-logins';

/** The sandbox gateway can "scan" a QR on the user's behalf. */
export interface QrScanSimulator {
  scan(qrUrl: string): boolean;
}

export interface QrLoginManagerDeps {
  db: Db;
  gateway: TelegramGateway & Partial<QrScanSimulator>;
  cipher: SessionCipher;
  log: Logger;
  /** How long start() and submitPassword() wait for the next step before answering anyway. */
  stepTimeoutMs?: number;
  /** Counts each attempt's outcome (ingest_qr_logins_total). */
  metrics?: Pick<IngestMetrics, 'qrLogins'>;
}

/** Why an attempt was stopped from our side. */
class AttemptStopped extends Error {
  constructor(readonly outcome: 'EXPIRED' | 'INTERRUPTED') {
    super(`QR login ${outcome.toLowerCase()}`);
  }
}

interface LiveAttempt {
  loginId: string;
  userId: string;
  controller: AbortController;
  qrUrl: string | null;
  password: ((value: string) => void) | null;
  /** Writes to the row, in the order the gateway reported them. */
  writes: Promise<void>;
  /** Woken after each recorded step. */
  listeners: Set<() => void>;
  done: Promise<void>;
}

export class QrLoginManager {
  private readonly attempts = new Map<string, LiveAttempt>();
  private readonly stepTimeoutMs: number;

  constructor(private readonly deps: QrLoginManagerDeps) {
    this.stepTimeoutMs = deps.stepTimeoutMs ?? 15_000;
  }

  get liveCount(): number {
    return this.attempts.size;
  }

  /** Starts the handshake for an attempt the API opened; answers once the first QR is recorded. */
  async start(input: { loginId: string; userId: string }): Promise<QrLoginStatus> {
    const row = await qrLoginState(this.deps.db, input.loginId, input.userId);
    if (!row) throw new NotFoundError('QR login', input.loginId);
    const running = this.attempts.get(input.loginId);
    if (running) return this.currentStatus(input);
    const status = visibleQrStatus(row, new Date());
    if (status !== 'PENDING') throw new AppError('QR_LOGIN_NOT_PENDING', `This QR login is ${status}; start a new one`);

    const attempt: LiveAttempt = {
      ...input,
      controller: new AbortController(),
      qrUrl: null,
      password: null,
      writes: Promise.resolve(),
      listeners: new Set(),
      done: Promise.resolve(),
    };
    this.attempts.set(input.loginId, attempt);
    const firstStep = this.nextStep(attempt);
    const expiry = setTimeout(() => attempt.controller.abort(new AttemptStopped('EXPIRED')), row.expiresAt.getTime() - Date.now());
    attempt.done = this.run(attempt).finally(() => {
      clearTimeout(expiry);
      this.attempts.delete(input.loginId);
    });
    await firstStep;
    return this.currentStatus(input);
  }

  /** Hands the 2FA password to the live attempt; answers after it was checked. */
  async submitPassword(input: { loginId: string; userId: string; password: string }): Promise<QrLoginStatus> {
    const attempt = await this.liveAttempt(input);
    if (!attempt.password) throw new AppError('PASSWORD_NOT_EXPECTED', 'This QR login is not waiting for a password');
    const give = attempt.password;
    attempt.password = null;
    const checked = this.nextStep(attempt);
    give(input.password);
    await checked;
    return this.currentStatus(input);
  }

  /** The sandbox's "scan now": scans the QR currently shown for this attempt. */
  async scanNow(input: { loginId: string; userId: string }): Promise<QrLoginStatus> {
    const scan = this.deps.gateway.scan?.bind(this.deps.gateway);
    if (!scan) throw new AppError('NOT_SANDBOX', 'Only the sandbox can scan a QR code by itself; scan it with Telegram');
    const attempt = await this.liveAttempt(input);
    if (!attempt.qrUrl) throw new AppError('QR_NOT_SHOWN', 'There is no QR code to scan right now');
    const next = this.nextStep(attempt);
    if (scan(attempt.qrUrl)) await next;
    return this.currentStatus(input);
  }

  /** Stops every live attempt (shutdown): they end FAILED with INTERRUPTED. */
  async stop(): Promise<void> {
    const all = [...this.attempts.values()];
    for (const attempt of all) attempt.controller.abort(new AttemptStopped('INTERRUPTED'));
    await Promise.allSettled(all.map((a) => a.done));
  }

  private async liveAttempt(input: { loginId: string; userId: string }): Promise<LiveAttempt> {
    const attempt = this.attempts.get(input.loginId);
    if (attempt && attempt.userId === input.userId) return attempt;
    const row = await qrLoginState(this.deps.db, input.loginId, input.userId);
    if (!row) throw new NotFoundError('QR login', input.loginId);
    const status = visibleQrStatus(row, new Date());
    if (status === 'PENDING' || status === 'PASSWORD_NEEDED') {
      // Live on paper but not in this process (it restarted): end it so the user starts again.
      await endQrLogin(this.deps.db, input.loginId, 'FAILED', 'INTERRUPTED');
      throw new AppError('QR_LOGIN_INTERRUPTED', 'This QR login was interrupted; start a new one');
    }
    throw new AppError('QR_LOGIN_NOT_LIVE', `This QR login is ${status}`);
  }

  private async currentStatus(input: { loginId: string; userId: string }): Promise<QrLoginStatus> {
    const row = await qrLoginState(this.deps.db, input.loginId, input.userId);
    if (!row) throw new NotFoundError('QR login', input.loginId);
    return visibleQrStatus(row, new Date());
  }

  /** Resolves after the attempt's next recorded step, or after the step timeout. */
  private nextStep(attempt: LiveAttempt): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        attempt.listeners.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, this.stepTimeoutMs);
      attempt.listeners.add(wake);
    });
  }

  private record(attempt: LiveAttempt, write: () => Promise<void>): Promise<void> {
    attempt.writes = attempt.writes
      .then(write)
      .catch((error: unknown) => this.deps.log.error('qr login: could not record a step', { loginId: attempt.loginId, error }))
      .then(() => {
        for (const wake of [...attempt.listeners]) wake();
      });
    return attempt.writes;
  }

  private async run(attempt: LiveAttempt): Promise<void> {
    const { db, gateway, log } = this.deps;
    const attemptLog = log.child({ loginId: attempt.loginId, userId: attempt.userId, gateway: gateway.kind });
    let authorized: AuthorizedSession;
    try {
      authorized = await gateway.loginWithQr(
        {
          onQrCode: (url, expiresAt) => {
            attempt.qrUrl = url;
            void this.record(attempt, () => recordQrCode(db, attempt.loginId, url, expiresAt));
          },
          onPasswordNeeded: (hint, previousWasWrong) =>
            new Promise<string>((resolve) => {
              attempt.qrUrl = null;
              attempt.password = resolve;
              void this.record(attempt, () => recordPasswordNeeded(db, attempt.loginId, hint, previousWasWrong));
            }),
        },
        attempt.controller.signal,
      );
    } catch (error) {
      const stopped = attempt.controller.signal.reason;
      const outcome = stopped instanceof AttemptStopped ? stopped.outcome : 'FAILED';
      const code: QrFailureCode | null =
        outcome === 'EXPIRED' ? null : outcome === 'INTERRUPTED' ? 'INTERRUPTED' : error instanceof TelegramFailure && error.reason === 'FLOOD_WAIT' ? 'FLOOD_WAIT' : 'TELEGRAM_ERROR';
      this.deps.metrics?.qrLogins.inc({ outcome: code ?? outcome });
      attemptLog.info('qr login ended', { outcome, code, reason: error instanceof Error ? error.message : String(error) });
      await this.record(attempt, () => endQrLogin(db, attempt.loginId, outcome === 'EXPIRED' ? 'EXPIRED' : 'FAILED', code).then(() => undefined));
      return;
    }

    await this.record(attempt, async () => {
      const encrypted = await this.deps.cipher.encrypt(authorized.session);
      const outcome = await authorizeQrLogin(db, {
        loginId: attempt.loginId,
        userId: attempt.userId,
        user: authorized.user,
        encrypted,
        isSandbox: gateway.kind === 'sandbox',
      });
      this.deps.metrics?.qrLogins.inc({ outcome: outcome.ok ? 'AUTHORIZED' : outcome.reason });
      if (outcome.ok) {
        attemptLog.info('qr login authorized', { accountId: outcome.accountId, isNew: outcome.isNew });
        return;
      }
      attemptLog.warn('qr login not saved', { reason: outcome.reason });
      if (outcome.reason === 'ACCOUNT_LIMIT_REACHED') await endQrLogin(db, attempt.loginId, 'FAILED', 'ACCOUNT_LIMIT_REACHED');
      // The session will not be kept: end it at Telegram rather than leave an orphan device.
      await this.logOutQuietly(authorized.session, attemptLog);
    });
  }

  private async logOutQuietly(session: string, log: Logger) {
    try {
      const connected = await this.deps.gateway.connect(session);
      await connected.logOut();
      await connected.disconnect();
    } catch (error) {
      log.warn('could not log out an unused session', { reason: error instanceof Error ? error.message : String(error) });
    }
  }
}
