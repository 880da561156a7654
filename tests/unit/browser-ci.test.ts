// Under CI=true a browser suite never skips: a missing Chromium makes it fail at launch.
import { afterEach, describe, expect, it, vi } from 'vitest';

async function browserModule(env: Record<string, string>) {
  vi.resetModules();
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  return import('../e2e/browser');
}

afterEach(() => vi.unstubAllEnvs());

describe('browser suites in CI', () => {
  it('with CI=true and no Chromium, nothing is skipped and the launch fails naming the path', async () => {
    const browser = await browserModule({ CI: 'true', CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(browser.chromiumUnavailable()).toBeNull();
    await expect(browser.requireBrowser()).rejects.toThrow(/nonexistent\/chromium/);
  });

  it('outside CI a missing Chromium skips with the reason', async () => {
    const browser = await browserModule({ CI: 'false', CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(browser.chromiumUnavailable()).toMatch(/Chromium not found at \/nonexistent\/chromium/);
  });
});
