// Secrets unique to one test run, for tests that grep logs or outgoing reports for them.
export function seededSecrets(tag: string) {
  return {
    SECRET_KEY: `secret-key-${tag}-0123456789abcdef0123456789`,
    INTERNAL_SECRET: `internal-secret-${tag}-0123456789abcdef01234`,
    TELEGRAM_AUTH_TOKEN: `7000000004:AAbot-token-${tag}`,
    SESSION_KEY_1: Buffer.from(`session-key-${tag}-0123456789ab`.slice(0, 32)).toString('base64'),
  };
}
