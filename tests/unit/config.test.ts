import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../core/config';

const key = btoa('k'.repeat(32));

describe('configuration', () => {
  it('has a safe local default for everything', () => {
    const config = parseConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.DATA_DIR).toBe('./data');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.SESSION_KEYS).toHaveLength(1);
    expect(config.DEMO_LOGIN).toBe(true);
  });

  it('names the malformed variable', () => {
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => parseConfig({ SESSION_KEY_1: 'short' })).toThrow(/SESSION_KEY_1: must be 32 bytes/);
    expect(() => parseConfig({ FRONTEND_ORIGINS: 'not a url' })).toThrow(/FRONTEND_ORIGINS/);
  });

  it('requires the secrets in production and never enables the demo login there', () => {
    try {
      parseConfig({ APP_ENV: 'production' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of ['SECRET_KEY', 'SESSION_KEY_1', 'INTERNAL_SECRET', 'PUBLIC_URL']) expect(message).toContain(name);
    }
    const config = parseConfig({
      APP_ENV: 'production',
      SECRET_KEY: 's'.repeat(40),
      INTERNAL_SECRET: 'i'.repeat(40),
      SESSION_KEY_1: key,
      PUBLIC_URL: 'https://studio.example.com',
      TELEGRAM_AUTH_TOKEN: '123:abc',
      DEMO_LOGIN: 'true',
    });
    expect(config.DEMO_LOGIN).toBe(false);
  });

  it('orders session keys by version', () => {
    const config = parseConfig({ SESSION_KEY_2: btoa('b'.repeat(32)), SESSION_KEY_1: key });
    expect(config.SESSION_KEYS.map((k) => k.version)).toEqual([1, 2]);
  });
});
