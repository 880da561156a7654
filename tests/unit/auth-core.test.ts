// Pure sign-in rules: the data-check-string, the widget check's verdicts, PKCE, and claim mapping.
import { describe, expect, it } from 'vitest';
import { authorizationUrl, identityFromClaims, pkceChallenge } from '../../core/auth/oidc';
import { dataCheckString, signTelegramLogin, verifyTelegramLogin } from '../../core/auth/telegram-login';
import { isIanaTimeZone } from '../../core/settings';

const TOKEN = '123456:ABC-known-answer';
const NOW = 1_750_000_000;

describe('Telegram Login check', () => {
  it('builds the data-check-string: all fields but hash, sorted by key, key=value joined by \\n', () => {
    expect(dataCheckString({ username: 'u', id: '42', hash: 'x', auth_date: '100', first_name: 'A' })).toBe('auth_date=100\nfirst_name=A\nid=42\nusername=u');
  });

  it('matches the MAC node:crypto computes independently (HMAC-SHA256 keyed by SHA-256 of the token)', async () => {
    const fields = { id: '42', first_name: 'Anna', auth_date: String(NOW) };
    const hash = await signTelegramLogin(fields, TOKEN);
    const { createHash, createHmac } = await import('node:crypto');
    expect(hash).toBe(createHmac('sha256', createHash('sha256').update(TOKEN).digest()).update(dataCheckString(fields)).digest('hex'));
    const verdict = await verifyTelegramLogin({ ...fields, hash }, TOKEN, { nowSeconds: NOW, maxAgeSeconds: 3600 });
    expect(verdict).toMatchObject({ ok: true, identity: { tgId: 42, firstName: 'Anna', username: null, authDate: NOW } });
  });

  it('names each failure', async () => {
    const fields = { id: '42', auth_date: String(NOW) };
    const hash = await signTelegramLogin(fields, TOKEN);
    const check = (f: Record<string, string>, now = NOW) => verifyTelegramLogin(f, TOKEN, { nowSeconds: now, maxAgeSeconds: 3600, maxSkewSeconds: 60 });
    expect(await check(fields)).toMatchObject({ ok: false, code: 'TELEGRAM_HASH_MISSING' });
    expect(await check({ ...fields, hash: hash.replace(/.$/, (c) => (c === '0' ? '1' : '0')) })).toMatchObject({ code: 'TELEGRAM_HASH_MISMATCH' });
    expect(await check({ ...fields, id: '43', hash })).toMatchObject({ code: 'TELEGRAM_HASH_MISMATCH' });
    expect(await check({ ...fields, hash }, NOW + 3601)).toMatchObject({ code: 'TELEGRAM_AUTH_STALE' });
    expect(await check({ ...fields, hash }, NOW - 61)).toMatchObject({ code: 'TELEGRAM_AUTH_FROM_FUTURE' });
    expect(await check({ ...fields, hash }, NOW - 59)).toMatchObject({ ok: true });
    const weird = { id: '4.2', auth_date: String(NOW) };
    expect(await check({ ...weird, hash: await signTelegramLogin(weird, TOKEN) })).toMatchObject({ code: 'TELEGRAM_FIELD_INVALID' });
  });

  it('drops a photo URL that is not https', async () => {
    const fields = { id: '42', auth_date: String(NOW), photo_url: 'javascript:alert(1)' };
    const verdict = await verifyTelegramLogin({ ...fields, hash: await signTelegramLogin(fields, TOKEN) }, TOKEN, { nowSeconds: NOW, maxAgeSeconds: 3600 });
    expect(verdict).toMatchObject({ ok: true, identity: { photoUrl: null } });
  });
});

describe('OIDC helpers', () => {
  it('computes the PKCE S256 challenge of RFC 7636 appendix B', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('builds the authorization URL with every parameter the flow needs', async () => {
    const url = new URL(await authorizationUrl({ authorizationEndpoint: 'https://oauth.telegram.org/auth', clientId: '7', redirectUri: 'https://app/cb', attempt: { state: 's', nonce: 'n', codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk' } }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code', client_id: '7', redirect_uri: 'https://app/cb', scope: 'openid profile', state: 's', nonce: 'n',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256',
    });
  });

  it('maps claims to a Telegram identity, refusing a token without a numeric user id', () => {
    expect(identityFromClaims({ sub: '99', id: 99, name: 'Anna Maria Petrova', preferred_username: 'anna', picture: 'https://t.me/p.jpg' }, NOW)).toEqual({
      tgId: 99, username: 'anna', firstName: 'Anna', lastName: 'Maria Petrova', photoUrl: 'https://t.me/p.jpg', authDate: NOW,
    });
    expect(identityFromClaims({ sub: '99' }, NOW)?.tgId).toBe(99);
    expect(identityFromClaims({ sub: 'abc' }, NOW)).toBeNull();
    expect(identityFromClaims({ id: -5 }, NOW)).toBeNull();
  });
});

describe('time zones', () => {
  it('accepts IANA names and refuses offsets, abbreviations and junk', () => {
    for (const zone of ['Europe/Moscow', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT-3']) expect(isIanaTimeZone(zone), zone).toBe(true);
    for (const zone of ['+03:00', 'MSK', 'Mars/Base', '', 'Europe/Moscow ', '../etc/passwd']) expect(isIanaTimeZone(zone), zone).toBe(false);
  });
});
