// Encrypts MTProto StringSessions at rest: AES-256-GCM (WebCrypto), a fresh 96-bit IV per
// encryption, the key version stored in the text (`v<kver>:<iv>:<ciphertext>`) and bound into
// the tag as associated data, so swapping the version or any byte fails to decrypt.
import { base64ToBytes, bytesToBase64 } from './base64';

export interface SessionKey {
  version: number;
  /** 32 random bytes, base64. */
  key: string;
}

export type SessionCipherFailure = 'MALFORMED' | 'UNKNOWN_KEY_VERSION' | 'TAMPERED';

export class SessionCipherError extends Error {
  constructor(
    readonly reason: SessionCipherFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SessionCipherError';
  }
}

export interface EncryptedSession {
  cipher: string;
  kver: number;
}

export interface SessionCipher {
  /** The version new encryptions use (the highest configured). */
  readonly currentVersion: number;
  encrypt(plaintext: string): Promise<EncryptedSession>;
  decrypt(cipher: string): Promise<string>;
  /** The key version a stored cipher text names, without decrypting it. */
  versionOf(cipher: string): number;
}

const FORMAT = /^v(\d+):([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;
const IV_BYTES = 12;

const associatedData = (version: number) => new TextEncoder().encode(`tg-studio/session/v${version}`);

function parse(cipher: string): { version: number; iv: Uint8Array<ArrayBuffer>; data: Uint8Array<ArrayBuffer> } {
  const match = FORMAT.exec(cipher);
  if (!match) throw new SessionCipherError('MALFORMED', 'The stored session is not in the v<kver>:<iv>:<ciphertext> format');
  try {
    const iv = base64ToBytes(match[2]);
    const data = base64ToBytes(match[3]);
    if (iv.length !== IV_BYTES) throw new Error('bad iv length');
    return { version: Number(match[1]), iv, data };
  } catch {
    throw new SessionCipherError('MALFORMED', 'The stored session has a malformed IV or ciphertext');
  }
}

export function createSessionCipher(keys: readonly SessionKey[]): SessionCipher {
  if (keys.length === 0) throw new Error('createSessionCipher: at least one session key is required');
  const byVersion = new Map<number, Promise<CryptoKey>>();
  for (const { version, key } of keys) {
    const raw = base64ToBytes(key);
    if (raw.length !== 32) throw new Error(`SESSION_KEY_${version} must be 32 bytes`);
    byVersion.set(version, crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']));
  }
  const currentVersion = Math.max(...keys.map((k) => k.version));

  return {
    currentVersion,
    async encrypt(plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const key = await byVersion.get(currentVersion)!;
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: associatedData(currentVersion) },
        key,
        new TextEncoder().encode(plaintext),
      );
      return { cipher: `v${currentVersion}:${bytesToBase64(iv)}:${bytesToBase64(new Uint8Array(sealed))}`, kver: currentVersion };
    },
    async decrypt(cipher) {
      const { version, iv, data } = parse(cipher);
      const key = byVersion.get(version);
      if (!key) {
        throw new SessionCipherError(
          'UNKNOWN_KEY_VERSION',
          `The session was encrypted with key version ${version}, but SESSION_KEY_${version} is not configured`,
        );
      }
      try {
        const opened = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: associatedData(version) }, await key, data);
        return new TextDecoder().decode(opened);
      } catch {
        throw new SessionCipherError('TAMPERED', `The session failed authentication under key version ${version} (tampered or wrong key)`);
      }
    },
    versionOf(cipher) {
      return parse(cipher).version;
    },
  };
}
