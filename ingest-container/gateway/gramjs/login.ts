// The QR login as Telegram documents it (https://core.telegram.org/api/qr-login):
// auth.exportLoginToken → show tg://login?token=<base64url> → export again when it expires or
// when updateLoginToken arrives → auth.loginTokenSuccess, or auth.loginTokenMigrateTo → switch to
// that DC and auth.importLoginToken. SESSION_PASSWORD_NEEDED → account.getPassword → SRP check.
import { Api, password as srp2fa } from 'telegram';
import type { AuthorizedSession, QrLoginHandlers, TelegramUser } from '../port';
import { TelegramFailure } from '../port';
import { rpcErrorMessage, toTelegramFailure } from './errors';

/** The part of gramjs's TelegramClient the login uses; tests pass a fake with the same shape. */
export interface LoginClient {
  connect(): Promise<unknown>;
  invoke<R extends Api.AnyRequest>(request: R): Promise<R['__response']>;
  addEventHandler(callback: (update: unknown) => void): void;
  _switchDC(dcId: number): Promise<unknown>;
  session: { save(): unknown };
}

export interface ApiCredentials {
  apiId: number;
  apiHash: string;
}

/** Fallback when Telegram's `expires` is already past by our clock (skew). */
const MIN_TOKEN_WAIT_MS = 1_000;

export function loginUrl(token: Uint8Array): string {
  return `tg://login?token=${Buffer.from(token).toString('base64url')}`;
}

export function toTelegramUser(user: Api.TypeUser): TelegramUser {
  if (!(user instanceof Api.User)) throw new TelegramFailure('TRANSIENT', 'Telegram returned an empty user');
  return {
    id: Number(user.id.toString()),
    username: user.username ?? null,
    firstName: user.firstName ?? null,
    phone: user.phone ? `+${user.phone.replace(/^\+/, '')}` : null,
  };
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('QR login aborted');
}

/** Resolves after `ms`, or early when `wake` fires; rejects when the signal aborts. */
function waitFor(ms: number, signal: AbortSignal, wake: { next: Promise<void> }): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', onAbort, { once: true });
    void wake.next.then(done);
  });
}

function authorizationUser(result: Api.auth.TypeAuthorization): Api.TypeUser {
  if (result instanceof Api.auth.AuthorizationSignUpRequired) {
    throw new TelegramFailure('TRANSIENT', 'This phone number has no Telegram account yet');
  }
  return result.user;
}

async function exportUntilScanned(client: LoginClient, credentials: ApiCredentials, handlers: QrLoginHandlers, signal: AbortSignal) {
  // updateLoginToken means "the token was scanned: export again to get the result".
  let wakeUp: () => void = () => undefined;
  const wake = { next: Promise.resolve() };
  const rearm = () => {
    wake.next = new Promise<void>((resolve) => (wakeUp = resolve));
  };
  client.addEventHandler((update) => {
    if (update instanceof Api.UpdateLoginToken) wakeUp();
  });

  for (;;) {
    if (signal.aborted) throw abortError(signal);
    // Armed before exporting, so a scan that lands while we wait for the answer is not missed.
    rearm();
    let result = await client.invoke(
      new Api.auth.ExportLoginToken({ apiId: credentials.apiId, apiHash: credentials.apiHash, exceptIds: [] }),
    );
    if (result instanceof Api.auth.LoginTokenMigrateTo) {
      // The account lives on another DC: move there and import the token it handed us.
      await client._switchDC(result.dcId);
      result = await client.invoke(new Api.auth.ImportLoginToken({ token: result.token }));
    }
    if (result instanceof Api.auth.LoginTokenSuccess) return authorizationUser(result.authorization);
    if (result instanceof Api.auth.LoginToken) {
      const expiresAt = new Date(result.expires * 1000);
      handlers.onQrCode(loginUrl(result.token), expiresAt);
      await waitFor(Math.max(expiresAt.getTime() - Date.now(), MIN_TOKEN_WAIT_MS), signal, wake);
      continue;
    }
    throw new TelegramFailure('TRANSIENT', `Unexpected answer to exportLoginToken: ${(result as { className?: string }).className}`);
  }
}

async function checkPasswordUntilRight(client: LoginClient, handlers: QrLoginHandlers, signal: AbortSignal): Promise<Api.TypeUser> {
  let previousWasWrong = false;
  for (;;) {
    if (signal.aborted) throw abortError(signal);
    const srp = await client.invoke(new Api.account.GetPassword());
    const password = await handlers.onPasswordNeeded(srp.hint ?? null, previousWasWrong);
    if (signal.aborted) throw abortError(signal);
    try {
      const result = await client.invoke(new Api.auth.CheckPassword({ password: await srp2fa.computeCheck(srp, password) }));
      return authorizationUser(result);
    } catch (error) {
      if (rpcErrorMessage(error) !== 'PASSWORD_HASH_INVALID') throw error;
      previousWasWrong = true;
    }
  }
}

export async function loginWithQrCode(
  client: LoginClient,
  credentials: ApiCredentials,
  handlers: QrLoginHandlers,
  signal: AbortSignal,
): Promise<AuthorizedSession> {
  try {
    await client.connect();
    let user: Api.TypeUser;
    try {
      user = await exportUntilScanned(client, credentials, handlers, signal);
    } catch (error) {
      if (rpcErrorMessage(error) !== 'SESSION_PASSWORD_NEEDED') throw error;
      user = await checkPasswordUntilRight(client, handlers, signal);
    }
    const session = client.session.save();
    if (typeof session !== 'string' || !session) throw new TelegramFailure('TRANSIENT', 'gramjs produced no session string');
    return { session, user: toTelegramUser(user) };
  } catch (error) {
    if (signal.aborted) throw abortError(signal);
    throw toTelegramFailure(error);
  }
}
