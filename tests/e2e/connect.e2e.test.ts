// A new user lands on onboarding, connects the sandbox Telegram account by QR, sees it on the
// Accounts page, and removes it — in Chromium against the real server with ingest in-process.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServerWithIngest } from '../helpers/server';
import { createUser, sessionCookie } from '../helpers/users';
import { chromiumUnavailable, requireBrowser } from './browser';

const skipReason = chromiumUnavailable();
if (skipReason) console.warn(`[e2e] connect tests skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('connect a Telegram account by QR (sandbox)', () => {
  let server: Awaited<ReturnType<typeof startTestServerWithIngest>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServerWithIngest({ SANDBOX_QR_DELAY_MS: '600000', INGEST_ENABLED: 'false' });
    browser = await requireBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('onboarding → QR → scan → account on the Accounts page → remove', async () => {
    const { config, database, url } = server;
    const user = await createUser({ database });
    const [name, value] = (await sessionCookie({ config, services: { now: () => Math.floor(Date.now() / 1000) } as never }, user.id)).split('=');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name, value, url, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (e) => pageErrors.push(e));

    await page.goto(url + '/');
    await page.waitForURL(/\/connect$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Подключите Telegram-аккаунт');
    const qr = page.getByRole('img', { name: 'QR-код для входа в Telegram' });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,iVBOR/);
    await expect(page.getByText('Перейдите в Настройки → Устройства → Подключить устройство.').count()).resolves.toBe(1);
    await page.getByTestId('sandbox-badge').getByText('Песочница').waitFor();

    await page.getByRole('button', { name: 'Отсканировать сейчас (песочница)' }).click();
    await page.getByText('Аккаунт подключён').waitFor();
    await page.getByText('Подключён @sandbox_reader.', { exact: false }).waitFor();

    await page.getByRole('link', { name: 'К аккаунтам' }).click();
    await page.waitForURL(/\/accounts$/);
    const item = page.locator('.account-item');
    await item.getByText('@sandbox_reader').waitFor();
    await expect(item.getByText('Активен').count()).resolves.toBe(1);
    await expect(item.getByText('+7 *** ***-00-01').count()).resolves.toBe(1);

    // The home page now opens the feed rather than onboarding.
    await page.goto(url + '/feed');
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe('/feed');

    await page.goto(url + '/accounts');
    await page.getByRole('button', { name: 'Удалить' }).click();
    await page.getByRole('button', { name: 'Да, удалить' }).click();
    await page.getByText('Аккаунтов пока нет').waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
