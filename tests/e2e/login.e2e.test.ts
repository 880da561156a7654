// In a real browser against the real server (local mode, no bot): sign in as the demo user, see the
// app, change settings that persist, sign out — and the old session is dead.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer } from '../helpers/server';
import { chromiumUnavailable, requireBrowser } from './browser';

const skipReason = chromiumUnavailable();
if (skipReason) console.warn(`[e2e] login tests skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('login in Chromium', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  const pageErrors: Error[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await requireBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the demo user signs in locally and sees the app', async () => {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e));
    await page.goto(`${server.url}/settings`);
    await page.waitForURL(/\/login\?next=/);
    const demo = page.getByRole('button', { name: 'Войти как демо-пользователь' });
    await demo.waitFor();
    await expect(page.getByTestId('demo-login').textContent()).resolves.toContain('Локальный режим');
    await demo.click();
    // Back where the guest was going, inside the signed-in app.
    await page.waitForURL(/\/settings$/);
    await page.locator('[data-page="settings"]').waitFor();
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'tgs_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('tgs_session');
    expect(pageErrors).toEqual([]);
  });

  test('settings are saved on the server and survive a reload', async () => {
    const page = context.pages()[0];
    const form = page.getByTestId('settings-form');
    await form.waitFor();
    await form.locator('select[name="tone"]').selectOption('analytical');
    // The time zone comes from a searchable list with offsets, the browser's zone offered first.
    await form.locator('input[name="timeZoneSearch"]').fill('novosibirsk');
    await form.locator('[data-zone="Asia/Novosibirsk"]').click();
    await expect(form.locator('[data-zone="Asia/Novosibirsk"]').textContent()).resolves.toContain('UTC+07:00');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('status').filter({ hasText: 'Сохранено' }).waitFor();
    await page.reload();
    await page.getByTestId('settings-form').waitFor();
    await expect(page.locator('select[name="tone"]').inputValue()).resolves.toBe('analytical');
    await expect(page.getByTestId('time-zone-current').textContent()).resolves.toContain('Asia/Novosibirsk (UTC+07:00)');

    // A zone the server does not know is refused (the list cannot offer one), and nothing changes.
    const refused = await page.evaluate(() =>
      fetch('/v1/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timeZone: 'Mars/Olympus' }) }).then((r) => r.status),
    );
    expect(refused).toBe(400);
    const me = await page.evaluate(() => fetch('/v1/me').then((r) => r.json()));
    expect(me.settings.timeZone).toBe('Asia/Novosibirsk');
  });

  test('signing out ends the session for good', async () => {
    const page = context.pages()[0];
    const before = (await context.cookies()).find((c) => c.name === 'tgs_session')!.value;
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.waitForURL(/\/login/);
    const reuse = await fetch(`${server.url}/v1/me`, { headers: { cookie: `tgs_session=${before}` } });
    expect(reuse.status).toBe(401);
    expect(((await reuse.json()) as { error: { code: string } }).error.code).toBe('SESSION_REVOKED');
  });

  test('a rejected Telegram login comes back to the login page with a readable reason', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/login?error=TELEGRAM_AUTH_STALE`);
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('Данные входа устарели');
  });
});
