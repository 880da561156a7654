// The sandbox gateway: the local default when no Telegram API credentials are configured. It
// plays Telegram's QR flow (a login URL that rotates, "scanned" after a delay or at once by a
// button, an optional 2FA step) and then serves the bundled data set through channels.ts.
import type { AuthorizedSession, QrLoginHandlers, TelegramGateway, TelegramSession, TelegramUser } from '../port';
import { TelegramFailure } from '../port';
import type { SandboxChannelReader } from './channels';

export interface SandboxGatewayOptions {
  /** The QR counts as scanned this long after the login starts. */
  qrDelayMs: number;
  /** When set, the account has 2FA with this password. */
  password?: string;
  /** How long one login token lives before a new one is shown (Telegram: about 30 s). */
  tokenTtlMs?: number;
  channels: SandboxChannelReader;
  /** Test hook: the failure a scan ends with instead of authorizing. */
  failAfterScan?: () => TelegramFailure | null;
}

/** The one account the sandbox "logs in" as: connecting again updates the same row. */
export const SANDBOX_USER: TelegramUser = {
  id: 7_000_000_001,
  username: 'sandbox_reader',
  firstName: 'Sandbox',
  phone: '+79990000001',
};

const SESSION_PREFIX = 'sandbox-session:v1:';
const PASSWORD_HINT = 'sandbox';

function randomToken(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url');
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('QR login aborted');
}

export class SandboxGateway implements TelegramGateway {
  readonly kind = 'sandbox' as const;
  /** Live login tokens → "the phone scanned it". */
  private readonly liveTokens = new Map<string, () => void>();
  private readonly loggedOut = new Set<string>();

  constructor(private readonly options: SandboxGatewayOptions) {}

  /** The "scan now" button: scans the QR whose URL is shown. False when it is not live. */
  scan(qrUrl: string): boolean {
    const token = new URL(qrUrl).searchParams.get('token');
    const scanned = token ? this.liveTokens.get(token) : undefined;
    scanned?.();
    return Boolean(scanned);
  }

  async loginWithQr(handlers: QrLoginHandlers, signal: AbortSignal): Promise<AuthorizedSession> {
    await this.waitForScan(handlers, signal);
    const failure = this.options.failAfterScan?.();
    if (failure) throw failure;
    if (this.options.password !== undefined) await this.checkPassword(handlers, signal);
    return { session: `${SESSION_PREFIX}${SANDBOX_USER.id}:${randomToken()}`, user: SANDBOX_USER };
  }

  private waitForScan(handlers: QrLoginHandlers, signal: AbortSignal): Promise<void> {
    const tokenTtlMs = this.options.tokenTtlMs ?? 30_000;
    return new Promise<void>((resolve, reject) => {
      let token = '';
      let rotation: ReturnType<typeof setTimeout> | undefined;
      const cleanup = () => {
        clearTimeout(rotation);
        clearTimeout(autoScan);
        this.liveTokens.delete(token);
        signal.removeEventListener('abort', onAbort);
      };
      const scanned = () => {
        cleanup();
        resolve();
      };
      const onAbort = () => {
        cleanup();
        reject(abortError(signal));
      };
      const showNewToken = () => {
        this.liveTokens.delete(token);
        token = randomToken();
        this.liveTokens.set(token, scanned);
        handlers.onQrCode(`tg://login?token=${token}`, new Date(Date.now() + tokenTtlMs));
        rotation = setTimeout(showNewToken, tokenTtlMs);
      };
      const autoScan = setTimeout(scanned, this.options.qrDelayMs);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      showNewToken();
    });
  }

  private async checkPassword(handlers: QrLoginHandlers, signal: AbortSignal): Promise<void> {
    let previousWasWrong = false;
    for (;;) {
      const typed = await new Promise<string>((resolve, reject) => {
        if (signal.aborted) return reject(abortError(signal));
        const onAbort = () => reject(abortError(signal));
        signal.addEventListener('abort', onAbort, { once: true });
        handlers.onPasswordNeeded(PASSWORD_HINT, previousWasWrong).then(
          (value) => {
            signal.removeEventListener('abort', onAbort);
            resolve(value);
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
          },
        );
      });
      if (typed === this.options.password) return;
      previousWasWrong = true;
    }
  }

  async connect(session: string): Promise<TelegramSession> {
    if (!session.startsWith(SESSION_PREFIX) || this.loggedOut.has(session)) {
      throw new TelegramFailure('AUTH_REVOKED', 'The sandbox session is not valid (logged out or not a sandbox session)');
    }
    return new SandboxSession(session, this.options.channels, this.loggedOut);
  }
}

class SandboxSession implements TelegramSession {
  constructor(
    private readonly session: string,
    private readonly channels: SandboxChannelReader,
    private readonly loggedOut: Set<string>,
  ) {}

  private ensureLive() {
    if (this.loggedOut.has(this.session)) throw new TelegramFailure('AUTH_REVOKED', 'The sandbox session was logged out');
  }

  async getMe() {
    this.ensureLive();
    return SANDBOX_USER;
  }
  resolveChannel(...args: Parameters<TelegramSession['resolveChannel']>) {
    this.ensureLive();
    return this.channels.resolveChannel(...args);
  }
  readHistory(...args: Parameters<TelegramSession['readHistory']>) {
    this.ensureLive();
    return this.channels.readHistory(...args);
  }
  readLatest(...args: Parameters<TelegramSession['readLatest']>) {
    this.ensureLive();
    return this.channels.readLatest(...args);
  }
  downloadMedia(...args: Parameters<TelegramSession['downloadMedia']>) {
    this.ensureLive();
    return this.channels.downloadMedia(...args);
  }
  async logOut() {
    this.loggedOut.add(this.session);
  }
  async disconnect() {}
}
