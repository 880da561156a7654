// The sandbox gateway plays Telegram's QR flow: rotating tokens, scan (timer or button), 2FA.
import { describe, expect, it } from 'vitest';
import { TelegramFailure, type QrLoginHandlers } from '../../ingest-container/gateway/port';
import { SANDBOX_USER, SandboxGateway } from '../../ingest-container/gateway/sandbox';
import { createSandboxChannels } from '../../ingest-container/gateway/sandbox/channels';
import { testConfig } from '../helpers/context';

const channels = createSandboxChannels(testConfig());

function recorder(passwords: string[] = []) {
  const qrs: string[] = [];
  const asked: { hint: string | null; wrong: boolean }[] = [];
  const handlers: QrLoginHandlers = {
    onQrCode: (url) => qrs.push(url),
    onPasswordNeeded: async (hint, wrong) => {
      asked.push({ hint, wrong });
      return passwords.shift() ?? 'give-up';
    },
  };
  return { qrs, asked, handlers };
}

describe('sandbox gateway QR login', () => {
  it('shows a tg://login URL, rotates it when it expires, and authorizes after the delay', async () => {
    const gateway = new SandboxGateway({ qrDelayMs: 120, tokenTtlMs: 50, channels });
    const { qrs, handlers } = recorder();
    const result = await gateway.loginWithQr(handlers, new AbortController().signal);
    expect(result.user).toEqual(SANDBOX_USER);
    expect(qrs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(qrs).size).toBe(qrs.length);
    for (const url of qrs) expect(url).toMatch(/^tg:\/\/login\?token=[A-Za-z0-9_-]+$/);
    const session = await gateway.connect(result.session);
    expect(await session.getMe()).toEqual(SANDBOX_USER);
  });

  it('scans at once with the button, and only the QR currently shown', async () => {
    const gateway = new SandboxGateway({ qrDelayMs: 60_000, channels });
    const { qrs, handlers } = recorder();
    const login = gateway.loginWithQr(handlers, new AbortController().signal);
    expect(gateway.scan('tg://login?token=not-shown')).toBe(false);
    expect(gateway.scan(qrs[0])).toBe(true);
    await expect(login).resolves.toMatchObject({ user: SANDBOX_USER });
    expect(gateway.scan(qrs[0])).toBe(false);
  });

  it('asks for the 2FA password again after a wrong one', async () => {
    const gateway = new SandboxGateway({ qrDelayMs: 0, password: 'right', channels });
    const { asked, handlers } = recorder(['wrong', 'right']);
    await expect(gateway.loginWithQr(handlers, new AbortController().signal)).resolves.toMatchObject({ user: SANDBOX_USER });
    expect(asked).toEqual([
      { hint: 'sandbox', wrong: false },
      { hint: 'sandbox', wrong: true },
    ]);
  });

  it('stops when aborted, with the abort reason', async () => {
    const gateway = new SandboxGateway({ qrDelayMs: 60_000, channels });
    const controller = new AbortController();
    const login = gateway.loginWithQr(recorder().handlers, controller.signal);
    controller.abort(new Error('expired'));
    await expect(login).rejects.toThrow('expired');
  });

  it('refuses a logged-out or foreign session as AUTH_REVOKED', async () => {
    const gateway = new SandboxGateway({ qrDelayMs: 0, channels });
    const { session } = await gateway.loginWithQr(recorder().handlers, new AbortController().signal);
    const connected = await gateway.connect(session);
    await connected.logOut();
    await expect(gateway.connect(session)).rejects.toMatchObject({ reason: 'AUTH_REVOKED' });
    await expect(gateway.connect('1BVtsOK-gramjs-session')).rejects.toBeInstanceOf(TelegramFailure);
  });
});
