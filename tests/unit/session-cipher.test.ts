import { describe, expect, it } from 'vitest';
import { createSessionCipher, SessionCipherError } from '../../core/crypto/session-cipher';

const key = (fill: number) => btoa(String.fromCharCode(...new Uint8Array(32).fill(fill)));
const SESSION = '1BVtsOK8Bu3ZlG3pL2sample-string-session==';

describe('session cipher (AES-256-GCM)', () => {
  it('round-trips a session under the highest key version, with a fresh IV each time', async () => {
    const cipher = createSessionCipher([{ version: 1, key: key(1) }, { version: 2, key: key(2) }]);
    const a = await cipher.encrypt(SESSION);
    const b = await cipher.encrypt(SESSION);
    expect(a.kver).toBe(2);
    expect(a.cipher).toMatch(/^v2:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(a.cipher).not.toContain(SESSION);
    expect(a.cipher).not.toBe(b.cipher);
    expect(a.cipher.split(':')[1]).not.toBe(b.cipher.split(':')[1]);
    expect(await cipher.decrypt(a.cipher)).toBe(SESSION);
  });

  it('decrypts what an older key encrypted after a new key is added (rotation)', async () => {
    const old = createSessionCipher([{ version: 1, key: key(1) }]);
    const stored = await old.encrypt(SESSION);
    const rotated = createSessionCipher([{ version: 1, key: key(1) }, { version: 2, key: key(2) }]);
    expect(rotated.versionOf(stored.cipher)).toBe(1);
    expect(await rotated.decrypt(stored.cipher)).toBe(SESSION);
    const again = await rotated.encrypt(await rotated.decrypt(stored.cipher));
    expect(again.kver).toBe(2);
    expect(await rotated.decrypt(again.cipher)).toBe(SESSION);
  });

  it('detects a tampered ciphertext, IV or key version', async () => {
    const cipher = createSessionCipher([{ version: 1, key: key(1) }, { version: 2, key: key(2) }]);
    const { cipher: text } = await cipher.encrypt(SESSION);
    const [v, iv, data] = text.split(':');
    const bytes = Uint8Array.from(atob(data), (ch) => ch.charCodeAt(0));
    bytes[3] ^= 0x01;
    const flipped = `${v}:${iv}:${btoa(String.fromCharCode(...bytes))}`;
    await expect(cipher.decrypt(flipped)).rejects.toMatchObject({ reason: 'TAMPERED' });
    const otherIv = btoa(String.fromCharCode(...new Uint8Array(12).fill(7)));
    await expect(cipher.decrypt(`${v}:${otherIv}:${data}`)).rejects.toMatchObject({ reason: 'TAMPERED' });
    // Relabelling v2 as v1 must not decrypt: the version is bound into the tag.
    await expect(cipher.decrypt(`v1:${iv}:${data}`)).rejects.toMatchObject({ reason: 'TAMPERED' });
    await expect(cipher.decrypt('not-a-cipher')).rejects.toMatchObject({ reason: 'MALFORMED' });
  });

  it('names the missing key when a version is unknown', async () => {
    const future = createSessionCipher([{ version: 3, key: key(3) }]);
    const { cipher: text } = await future.encrypt(SESSION);
    const current = createSessionCipher([{ version: 1, key: key(1) }]);
    const failure = await current.decrypt(text).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SessionCipherError);
    expect(failure).toMatchObject({ reason: 'UNKNOWN_KEY_VERSION' });
    expect((failure as Error).message).toContain('SESSION_KEY_3');
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => createSessionCipher([{ version: 1, key: btoa('short') }])).toThrow(/32 bytes/);
    expect(() => createSessionCipher([])).toThrow();
  });
});
