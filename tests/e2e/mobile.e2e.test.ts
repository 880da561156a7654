// The app at 390 px (a phone): no page is wider than the screen and no element sticks out of it.
// Walks the QR card while it waits for a scan ("scan now" in the sandbox), Accounts with its
// badges, Subscriptions, Feed and Top.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServerWithIngest } from '../helpers/server';
import { chromiumUnavailable, requireBrowser } from './browser';

const skipReason = chromiumUnavailable();
if (skipReason) console.warn(`[e2e] mobile test skipped: ${skipReason}`);

const WIDTH = 390;

/** Visible elements whose box reaches past the viewport, described for the failure message. */
async function overflows(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`document is ${document.documentElement.scrollWidth}px wide`);
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const box = el.getBoundingClientRect();
      if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') continue;
      // Inside a scrolling strip (e.g. a segmented control) is fine: the strip itself is checked.
      let clipped = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') clipped = true;
      }
      // Far off to the left is the accessible way to hide (the skip link); only the right edge counts.
      if (!clipped && box.right > width + 0.5 && box.left > -1000) {
        out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}" ${Math.round(box.left)}…${Math.round(box.right)}`);
      }
    }
    return out;
  }, WIDTH);
}

describe.skipIf(skipReason !== null)('390 px in Chromium (sandbox Telegram)', () => {
  let server: Awaited<ReturnType<typeof startTestServerWithIngest>>;
  let browser: Browser;

  beforeAll(async () => {
    // The sandbox never scans by itself here: the QR card waits for "scan now".
    server = await startTestServerWithIngest({ SANDBOX_QR_DELAY_MS: '600000', INGEST_ENABLED: 'true', INGEST_POLL_MS: '200', INGEST_BACKFILL_MAX_POSTS: '30' });
    browser = await requireBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('QR card, Accounts, Subscriptions, Feed and Top fit a 390 px screen', { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: WIDTH, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(server.url + '/login');
    // No bot configured locally: the page says why Telegram sign-in is off and what to set.
    await expect(page.getByTestId('login-telegram-off').textContent()).resolves.toMatch(/TELEGRAM_AUTH_TOKEN.*TELEGRAM_BOT_USERNAME/);
    expect(await overflows(page), 'login').toEqual([]);
    await page.getByRole('button', { name: 'Войти как демо-пользователь' }).click();
    await page.waitForURL(/\/connect$/);
    await page.getByRole('img', { name: 'QR-код для входа в Telegram' }).waitFor();
    await page.getByRole('button', { name: 'Отсканировать сейчас (песочница)' }).waitFor();
    expect(await overflows(page), 'QR card').toEqual([]);

    await page.getByRole('button', { name: 'Отсканировать сейчас (песочница)' }).click();
    await page.getByText('Аккаунт подключён').waitFor();
    expect(await overflows(page), 'connected').toEqual([]);

    await page.goto(server.url + '/subscriptions');
    await page.locator('#channel-input').fill('rian_ru');
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.locator('.subscription-title strong', { hasText: 'РИА Новости' }).waitFor();
    // Following it again says so instead of nothing.
    await page.locator('#channel-input').fill('@rian_ru');
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await expect(page.getByTestId('already-following').textContent()).resolves.toContain('Вы уже читаете «РИА Новости»');
    expect(await overflows(page), 'subscriptions').toEqual([]);

    await page.goto(server.url + '/accounts');
    await page.locator('.account-item').first().waitFor();
    expect(await overflows(page), 'accounts').toEqual([]);
    // Free allows one account and it is connected: the button says why it is off and where to go.
    await page.getByTestId('connect-disabled').waitFor();
    expect(await page.getByTestId('connect-disabled').isDisabled()).toBe(true);
    expect(await page.locator('#accounts-full').textContent()).toContain('Тарифы');

    // Going to /connect anyway: the refusal reads in Russian; the server's English words and the
    // request id wait under "Подробности".
    await page.goto(server.url + '/connect');
    const refusal = page.locator('.error-banner[data-error-code="QUOTA_EXCEEDED"]');
    await refusal.waitFor();
    const visible = await refusal.innerText();
    expect(visible).toContain('На вашем тарифе нет места для ещё одного аккаунта');
    expect(visible).not.toMatch(/plan allows|Код запроса/);
    await refusal.locator('summary').click();
    expect(await refusal.innerText()).toMatch(/Код запроса: \S+/);
    expect(await overflows(page), 'connect refused').toEqual([]);

    // English words are longer: Accounts again in English.
    await page.evaluate(() => localStorage.setItem('tgs.locale', 'en'));
    await page.goto(server.url + '/accounts');
    await page.locator('.account-item').first().waitFor();
    expect(await overflows(page), 'accounts (en)').toEqual([]);
    await page.evaluate(() => localStorage.setItem('tgs.locale', 'ru'));

    await page.goto(server.url + '/feed');
    await page.locator('.post-card').first().waitFor({ timeout: 30_000 });
    expect(await overflows(page), 'feed').toEqual([]);

    await page.goto(server.url + '/top');
    await page.locator('[data-page="top"] .page-header, [data-page="top"] h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await overflows(page), 'top').toEqual([]);
    await context.close();
  });
});
