// The Telegram Login widget check, exactly as Telegram documents it: data-check-string = every
// received field except `hash`, sorted by key, `key=value` joined by "\n"; secret = SHA-256(bot
// token); `hash` = hex HMAC-SHA256(data-check-string, secret). WebCrypto only, so it runs on Workers
// and Node alike; crypto.subtle.verify compares the MAC in constant time.

export interface TelegramIdentity {
  tgId: number;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  photoUrl: string | null;
  authDate: number;
}

export type TelegramLoginCode =
  | 'TELEGRAM_HASH_MISSING'
  | 'TELEGRAM_HASH_MISMATCH'
  | 'TELEGRAM_FIELD_MISSING'
  | 'TELEGRAM_FIELD_INVALID'
  | 'TELEGRAM_AUTH_STALE'
  | 'TELEGRAM_AUTH_FROM_FUTURE';

export type TelegramLoginVerdict =
  | { ok: true; identity: TelegramIdentity; hash: string }
  | { ok: false; code: TelegramLoginCode; message: string };

export interface TelegramLoginPolicy {
  nowSeconds: number;
  /** How old `auth_date` may be. */
  maxAgeSeconds: number;
  /** How far in the future `auth_date` may be (clock skew between Telegram and us). */
  maxSkewSeconds?: number;
}

const encoder = new TextEncoder();
const HEX_HASH = /^[0-9a-f]{64}$/i;
const DECIMAL = /^[1-9][0-9]{0,19}$/;

export function dataCheckString(fields: Record<string, string>): string {
  return Object.keys(fields)
    .filter((key) => key !== 'hash')
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join('\n');
}

async function hmacKey(botToken: string): Promise<CryptoKey> {
  const secret = await crypto.subtle.digest('SHA-256', encoder.encode(botToken));
  return crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function bytesToHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Signs fields as Telegram does; used by tests and local tools, never to accept a login. */
export async function signTelegramLogin(fields: Record<string, string>, botToken: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(botToken), encoder.encode(dataCheckString(fields)));
  return bytesToHex(mac);
}

const fail = (code: TelegramLoginCode, message: string): TelegramLoginVerdict => ({ ok: false, code, message });

export async function verifyTelegramLogin(fields: Record<string, string>, botToken: string, policy: TelegramLoginPolicy): Promise<TelegramLoginVerdict> {
  const hash = fields.hash;
  if (!hash) return fail('TELEGRAM_HASH_MISSING', 'The Telegram login data carries no hash; sign in again from the Telegram button');
  const authentic =
    HEX_HASH.test(hash) &&
    (await crypto.subtle.verify('HMAC', await hmacKey(botToken), hexToBytes(hash), encoder.encode(dataCheckString(fields))));
  if (!authentic) return fail('TELEGRAM_HASH_MISMATCH', 'The Telegram login data is not signed by our bot or was changed');

  if (!fields.id) return fail('TELEGRAM_FIELD_MISSING', 'The Telegram login data has no user id');
  if (!fields.auth_date) return fail('TELEGRAM_FIELD_MISSING', 'The Telegram login data has no auth_date');
  if (!DECIMAL.test(fields.id) || !Number.isSafeInteger(Number(fields.id))) return fail('TELEGRAM_FIELD_INVALID', 'The Telegram user id is not a number');
  if (!DECIMAL.test(fields.auth_date)) return fail('TELEGRAM_FIELD_INVALID', 'auth_date is not a Unix time');

  const authDate = Number(fields.auth_date);
  const age = policy.nowSeconds - authDate;
  if (age > policy.maxAgeSeconds) return fail('TELEGRAM_AUTH_STALE', `The Telegram login is ${age} s old (more than ${policy.maxAgeSeconds} s); sign in again`);
  if (-age > (policy.maxSkewSeconds ?? 60)) return fail('TELEGRAM_AUTH_FROM_FUTURE', 'The Telegram login is dated in the future; check the server clock');

  return {
    ok: true,
    hash: hash.toLowerCase(),
    identity: {
      tgId: Number(fields.id),
      username: fields.username || null,
      firstName: fields.first_name || null,
      lastName: fields.last_name || null,
      photoUrl: fields.photo_url && /^https:\/\//.test(fields.photo_url) ? fields.photo_url : null,
      authDate,
    },
  };
}
