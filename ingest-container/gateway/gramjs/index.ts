// The real Telegram gateway: gramjs (MTProto) with StringSession. Flood waits are never slept
// inside the library (floodSleepThreshold 0): they surface as TelegramFailure('FLOOD_WAIT') so
// the service paces the account itself.
import { Api, Logger, TelegramClient, sessions } from 'telegram';
import { LogLevel } from 'telegram/extensions/Logger';
import type { Logger as AppLogger } from '../../../core/log';
import type { AuthorizedSession, QrLoginHandlers, TelegramGateway, TelegramSession } from '../port';
import { toTelegramFailure } from './errors';
import { loginWithQrCode, toTelegramUser, type ApiCredentials, type LoginClient } from './login';
import { downloadMedia, readHistory, readLatest, resolveChannel } from './reading';

/** gramjs logs through this, so its lines are structured JSON like ours (and never carry the session). */
class StructuredGramjsLogger extends Logger {
  constructor(private readonly sink: AppLogger) {
    super(LogLevel.WARN);
  }
  override log(level: LogLevel, message: string): void {
    const fields = { component: 'gramjs' };
    if (level === LogLevel.ERROR) this.sink.error(message, fields);
    else if (level === LogLevel.WARN) this.sink.warn(message, fields);
    else this.sink.debug(message, fields);
  }
}

export interface GramjsGatewayOptions extends ApiCredentials {
  log: AppLogger;
  /** Builds the client for a session string ('' for a new login); tests inject a fake. */
  createClient?: (session: string) => TelegramClient;
}

export class GramjsGateway implements TelegramGateway {
  readonly kind = 'gramjs' as const;
  private readonly createClient: (session: string) => TelegramClient;

  constructor(private readonly options: GramjsGatewayOptions) {
    this.createClient =
      options.createClient ??
      ((session) =>
        new TelegramClient(new sessions.StringSession(session), options.apiId, options.apiHash, {
          floodSleepThreshold: 0,
          connectionRetries: 5,
          autoReconnect: true,
          baseLogger: new StructuredGramjsLogger(options.log),
        }));
  }

  async loginWithQr(handlers: QrLoginHandlers, signal: AbortSignal): Promise<AuthorizedSession> {
    const client = this.createClient('');
    try {
      return await loginWithQrCode(client as unknown as LoginClient, this.options, handlers, signal);
    } finally {
      await closeQuietly(client, this.options.log);
    }
  }

  async connect(session: string): Promise<TelegramSession> {
    const client = this.createClient(session);
    try {
      await client.connect();
    } catch (error) {
      await closeQuietly(client, this.options.log);
      throw toTelegramFailure(error);
    }
    return new GramjsSession(client, this.options.log);
  }
}

async function closeQuietly(client: TelegramClient, log: AppLogger) {
  try {
    // destroy() also stops gramjs's update loop, which disconnect() leaves running.
    await client.destroy();
  } catch (error) {
    log.warn('gramjs client did not close cleanly', { error });
  }
}

class GramjsSession implements TelegramSession {
  constructor(
    private readonly client: TelegramClient,
    private readonly log: AppLogger,
  ) {}

  private async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toTelegramFailure(error);
    }
  }

  getMe() {
    return this.call(async () => toTelegramUser(await this.client.getMe()));
  }
  resolveChannel(...args: Parameters<TelegramSession['resolveChannel']>) {
    return this.call(() => resolveChannel(this.client, ...args));
  }
  readHistory(...args: Parameters<TelegramSession['readHistory']>) {
    return this.call(() => readHistory(this.client, ...args));
  }
  readLatest(...args: Parameters<TelegramSession['readLatest']>) {
    return this.call(() => readLatest(this.client, ...args));
  }
  downloadMedia(...args: Parameters<TelegramSession['downloadMedia']>) {
    return this.call(() => downloadMedia(this.client, ...args));
  }
  async logOut() {
    await this.call(() => this.client.invoke(new Api.auth.LogOut()));
  }
  disconnect() {
    return closeQuietly(this.client, this.log);
  }
}
