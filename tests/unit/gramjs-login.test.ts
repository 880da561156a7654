// The gramjs adapter's QR login against a fake client that answers with gramjs's own TL objects
// and error classes: token rotation, updateLoginToken, migrate-to-DC, 2FA (real SRP computation).
import bigInt from 'big-integer';
import { Api, errors } from 'telegram';
import { describe, expect, it } from 'vitest';
import { toTelegramFailure } from '../../ingest-container/gateway/gramjs/errors';
import { loginWithQrCode, type LoginClient } from '../../ingest-container/gateway/gramjs/login';
import { TelegramFailure, type QrLoginHandlers } from '../../ingest-container/gateway/port';

type Step = (request: Api.AnyRequest) => unknown;

/** A TelegramClient stand-in: scripted answers to invoke(), raw update handlers, a DC switch. */
class FakeClient implements LoginClient {
  dc = 2;
  readonly requests: Api.AnyRequest[] = [];
  readonly switched: number[] = [];
  private readonly handlers: ((update: unknown) => void)[] = [];
  constructor(private readonly script: Step[]) {}
  session = { save: () => `string-session-dc${this.dc}` };
  async connect() {}
  async invoke<R extends Api.AnyRequest>(request: R): Promise<R['__response']> {
    this.requests.push(request);
    const step = this.script.shift();
    if (!step) throw new Error(`unexpected ${request.className}`);
    return step(request) as R['__response'];
  }
  addEventHandler(callback: (update: unknown) => void) {
    this.handlers.push(callback);
  }
  async _switchDC(dcId: number) {
    this.dc = dcId;
    this.switched.push(dcId);
  }
  emit(update: unknown) {
    for (const handler of this.handlers) handler(update);
  }
}

const credentials = { apiId: 12345, apiHash: 'abcdef0123456789abcdef0123456789' };
const TOKEN_1 = Buffer.from('first-token-bytes');
const TOKEN_2 = Buffer.from('migrate-token-bytes');
const user = () => new Api.User({ id: bigInt(424242), firstName: 'Ivan', username: 'ivan_news', phone: '79991234567' });
const authorization = () => new Api.auth.LoginTokenSuccess({ authorization: new Api.auth.Authorization({ user: user() }) });
const tokenAnswer = (token: Buffer, inSeconds = 30) => () => new Api.auth.LoginToken({ token, expires: Math.floor(Date.now() / 1000) + inSeconds });

function handlers(onQr: (url: string) => void, passwords: string[] = []) {
  const asked: { hint: string | null; wrong: boolean }[] = [];
  const h: QrLoginHandlers = {
    onQrCode: onQr,
    onPasswordNeeded: async (hint, wrong) => {
      asked.push({ hint, wrong });
      return passwords.shift() ?? '';
    },
  };
  return { h, asked };
}

// Telegram's 2048-bit SRP prime (the one gramjs accepts) and a valid server value B = g^b mod p.
const PRIME_HEX =
  'c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f642477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b';
function passwordSrp() {
  const p = bigInt(PRIME_HEX, 16);
  const B = bigInt(3).modPow(bigInt('123456789abcdef123456789abcdef', 16), p);
  return new Api.account.Password({
    hasPassword: true,
    hint: 'cat name',
    currentAlgo: new Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow({
      salt1: Buffer.alloc(8, 1),
      salt2: Buffer.alloc(16, 2),
      g: 3,
      p: Buffer.from(PRIME_HEX, 'hex'),
    }),
    srp_B: Buffer.from(B.toString(16).padStart(512, '0'), 'hex'),
    srpId: bigInt(777),
    newAlgo: new Api.PasswordKdfAlgoUnknown(),
    newSecureAlgo: new Api.SecurePasswordKdfAlgoUnknown(),
    secureRandom: Buffer.alloc(32),
  });
}
const needPassword: Step = (request) => {
  throw new errors.RPCError('SESSION_PASSWORD_NEEDED', request, 401);
};

describe('gramjs QR login', () => {
  it('shows tg://login?token=<base64url>, re-exports on updateLoginToken, follows loginTokenMigrateTo to the DC', async () => {
    let client!: FakeClient;
    client = new FakeClient([
      tokenAnswer(TOKEN_1),
      () => new Api.auth.LoginTokenMigrateTo({ dcId: 4, token: TOKEN_2 }),
      (request) => {
        expect(request).toBeInstanceOf(Api.auth.ImportLoginToken);
        expect(Buffer.from((request as Api.auth.ImportLoginToken).token)).toEqual(TOKEN_2);
        return authorization();
      },
    ]);
    const urls: string[] = [];
    const { h } = handlers((url) => {
      urls.push(url);
      // The phone scans it: Telegram pushes updateLoginToken.
      setTimeout(() => client.emit(new Api.UpdateLoginToken()), 5);
    });
    const result = await loginWithQrCode(client, credentials, h, new AbortController().signal);

    expect(urls).toEqual([`tg://login?token=${TOKEN_1.toString('base64url')}`]);
    expect(client.switched).toEqual([4]);
    expect(client.requests.map((r) => r.className)).toEqual(['auth.ExportLoginToken', 'auth.ExportLoginToken', 'auth.ImportLoginToken']);
    const exported = client.requests[0] as Api.auth.ExportLoginToken;
    expect(exported.apiId).toBe(credentials.apiId);
    expect(exported.apiHash).toBe(credentials.apiHash);
    expect(result).toEqual({
      session: 'string-session-dc4',
      user: { id: 424242, username: 'ivan_news', firstName: 'Ivan', phone: '+79991234567' },
    });
  });

  it('exports a new token when the shown one expires', async () => {
    const client = new FakeClient([tokenAnswer(TOKEN_1, -100), tokenAnswer(TOKEN_2), authorization]);
    const urls: string[] = [];
    const { h } = handlers((url) => {
      urls.push(url);
      if (urls.length === 2) setTimeout(() => client.emit(new Api.UpdateLoginToken()), 5);
    });
    // The first token is already past: the adapter waits its minimum and exports again.
    const result = await loginWithQrCode(client, credentials, h, new AbortController().signal);
    expect(urls).toHaveLength(2);
    expect(urls[1]).toBe(`tg://login?token=${TOKEN_2.toString('base64url')}`);
    expect(result.user.id).toBe(424242);
  }, 15_000);

  it('on SESSION_PASSWORD_NEEDED runs the SRP check, asks again after PASSWORD_HASH_INVALID, then authorizes', async () => {
    const checks: Api.auth.CheckPassword[] = [];
    const client = new FakeClient([
      needPassword,
      () => passwordSrp(),
      (request) => {
        checks.push(request as Api.auth.CheckPassword);
        throw new errors.RPCError('PASSWORD_HASH_INVALID', request, 400);
      },
      () => passwordSrp(),
      (request) => {
        checks.push(request as Api.auth.CheckPassword);
        return new Api.auth.Authorization({ user: user() });
      },
    ]);
    const { h, asked } = handlers(() => undefined, ['wrong', 'right']);
    const result = await loginWithQrCode(client, credentials, h, new AbortController().signal);
    expect(asked).toEqual([
      { hint: 'cat name', wrong: false },
      { hint: 'cat name', wrong: true },
    ]);
    expect(checks).toHaveLength(2);
    for (const check of checks) {
      expect(check.password).toBeInstanceOf(Api.InputCheckPasswordSRP);
      expect((check.password as Api.InputCheckPasswordSRP).srpId.toString()).toBe('777');
    }
    // Different passwords give different SRP proofs.
    expect(Buffer.from((checks[0].password as Api.InputCheckPasswordSRP).M1)).not.toEqual(Buffer.from((checks[1].password as Api.InputCheckPasswordSRP).M1));
    expect(result.user.username).toBe('ivan_news');
  });

  it('asks for the password when the DC it migrated to needs one', async () => {
    const client = new FakeClient([
      () => new Api.auth.LoginTokenMigrateTo({ dcId: 5, token: TOKEN_2 }),
      needPassword,
      () => passwordSrp(),
      () => new Api.auth.Authorization({ user: user() }),
    ]);
    const { h, asked } = handlers(() => undefined, ['right']);
    const result = await loginWithQrCode(client, credentials, h, new AbortController().signal);
    expect(client.switched).toEqual([5]);
    expect(asked).toHaveLength(1);
    expect(result.session).toBe('string-session-dc5');
  });

  it('surfaces FLOOD_WAIT with its seconds instead of sleeping', async () => {
    const client = new FakeClient([
      () => {
        throw new errors.FloodWaitError({ request: new Api.auth.ExportLoginToken({ apiId: 1, apiHash: 'x', exceptIds: [] }), capture: 42 });
      },
    ]);
    const failure = await loginWithQrCode(client, credentials, handlers(() => undefined).h, new AbortController().signal).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TelegramFailure);
    expect(failure).toMatchObject({ reason: 'FLOOD_WAIT', seconds: 42 });
  });

  it('stops waiting for a scan when aborted', async () => {
    const client = new FakeClient([tokenAnswer(TOKEN_1)]);
    const controller = new AbortController();
    const login = loginWithQrCode(client, credentials, handlers(() => controller.abort(new Error('expired'))).h, controller.signal);
    await expect(login).rejects.toThrow('expired');
  });
});

describe('gramjs error mapping', () => {
  const request = new Api.updates.GetState();
  it.each([
    [new errors.RPCError('AUTH_KEY_UNREGISTERED', request, 401), 'AUTH_REVOKED'],
    [new errors.RPCError('SESSION_REVOKED', request, 401), 'AUTH_REVOKED'],
    [new errors.RPCError('CHANNEL_PRIVATE', request, 400), 'CHANNEL_PRIVATE'],
    [new errors.RPCError('USERNAME_NOT_OCCUPIED', request, 400), 'USERNAME_NOT_OCCUPIED'],
    [new errors.RPCError('INVITE_HASH_EXPIRED', request, 400), 'INVITE_INVALID'],
    [new errors.RPCError('SOMETHING_NEW', request, 500), 'TRANSIENT'],
    [new Error('socket closed'), 'TRANSIENT'],
  ])('%s → %s', (error, reason) => {
    expect(toTelegramFailure(error).reason).toBe(reason);
  });
});
