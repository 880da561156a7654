// The built web app, served by the real server, loads in Chromium and routes a guest to the login page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer } from '../helpers/server';
import { chromiumUnavailable, requireBrowser } from './browser';

const skipReason = chromiumUnavailable();
if (skipReason) console.warn(`[e2e] web app tests skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('web app in Chromium', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  const pageErrors: Error[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await requireBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openPage(path: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e));
    await page.goto(server.url + path);
    return page;
  }

  test('a guest opening the home page lands on the Russian login page', async () => {
    const page = await openPage('/');
    await page.waitForURL(/\/login/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Вход в TG Studio');
    await expect(page.getByRole('button', { name: 'Войти через Telegram' }).count()).resolves.toBe(1);
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ru');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  test('a deep link to a signed-in page keeps where the guest was going', async () => {
    const page = await openPage('/topics/42?window=7d');
    await page.waitForURL(/\/login/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/topics/42?window=7d');
    await page.context().close();
  });

  test('the English switch translates the page and survives a reload', async () => {
    const page = await openPage('/login');
    await page.locator('h1').waitFor();
    await page.getByRole('button', { name: 'EN' }).click();
    await page.locator('h1', { hasText: 'Sign in to TG Studio' }).waitFor(); // English loads on demand
    await page.reload();
    await page.locator('h1', { hasText: 'Sign in to TG Studio' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
