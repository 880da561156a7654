// Issue 11 in Chromium against the real server with ingest on the sandbox: a rule created in
// Settings fires by itself after a ranking refresh (the Node server's timer), its package appears
// in Packages, a local receiver gets a signed package.ready, and the Usage page charts the run.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { startTestServerWithIngest } from '../helpers/server';
import { chromiumUnavailable, requireBrowser, waitForApi } from './browser';

const skipReason = chromiumUnavailable();
if (skipReason) console.warn(`[e2e] rules/usage test skipped: ${skipReason}`);

const CHANNELS = ['rian_ru', '@mash', 't.me/bbbreaking'];

describe.skipIf(skipReason !== null)('rules, webhooks and usage in Chromium (sandbox Telegram)', () => {
  let server: Awaited<ReturnType<typeof startTestServerWithIngest>>;
  let browser: Browser;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    server = await startTestServerWithIngest({ SANDBOX_QR_DELAY_MS: '300', INGEST_ENABLED: 'true', INGEST_POLL_MS: '200', INGEST_BACKFILL_MAX_POSTS: '200', RULES_EVALUATE_SECONDS: '1' });
    browser = await requireBrowser();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await server?.close();
  });

  test('a rule made in Settings fires on the sandbox; package in Packages; signed webhook; Usage chart', { timeout: 240_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (e) => pageErrors.push(e));
    const post = (path: string, data: unknown) => page.request.post(new URL(path, server.url).toString(), { data, headers: { origin: server.url } });

    await page.goto(server.url + '/');
    await page.waitForURL(/\/login/);
    await page.getByRole('button', { name: 'Войти как демо-пользователь' }).click();
    await page.waitForURL(/\/connect$/);
    await page.getByText('Аккаунт подключён').waitFor();
    for (const channel of CHANNELS) expect((await post('/v1/channels/subscribe', { channel })).status()).toBeLessThan(300);
    await waitForApi<{ items: { topic?: { channels: unknown[] } }[] }>(page, '/v1/top?window=24h&by=topic&limit=30', (b) => b.items.some((i) => (i.topic?.channels.length ?? 0) >= 2), 90_000);

    // The webhook endpoint: made in Settings, its secret shown once.
    await page.goto(server.url + '/settings#webhooks');
    await page.locator('[data-testid=hook-form] input[name=url]').fill(receiver.url);
    await page.locator('[data-testid=hook-form] button[type=submit]').click();
    receiver.secret = ((await page.getByTestId('hook-secret').locator('.secret-box').textContent()) ?? '').trim();
    expect(receiver.secret).toMatch(/^whsec_/);

    // The rule: topics of at least two of my channels (a busy CI machine may not have a three-channel one yet), Telegram only.
    const form = page.getByTestId('rule-form');
    await form.locator('input[name=name]').fill('Два канала');
    await form.locator('input[name=minScore]').fill('0');
    await form.locator('input[name=minChannels]').fill('2');
    await form.locator('button[type=submit]').click();
    await page.getByTestId('rule-item').filter({ hasText: 'Два канала' }).waitFor();

    // The Node server's timer evaluates it after the next ranking refresh; the run makes a package.
    const log = await waitForApi<{ items: { packageId: string | null; topicTitle: string }[] }>(page, '/v1/rules/log', (b) => b.items.some((f) => f.packageId !== null), 90_000);
    const packageId = log.items.find((f) => f.packageId)?.packageId as string;
    await page.reload();
    await page.getByTestId('rules-log').getByRole('link', { name: 'Открыть пакет' }).first().waitFor();

    await page.getByRole('link', { name: 'Пакеты' }).first().click();
    await page.locator(`[data-package-id="${packageId}"]`).waitFor();

    await expect.poll(() => receiver.processed().filter((r) => JSON.parse(r.body).type === 'package.ready').length, { timeout: 15_000 }).toBeGreaterThan(0);
    const event = receiver.processed().map((r) => JSON.parse(r.body) as { type: string; data: { packageId: string } }).find((e) => e.data.packageId === packageId);
    expect(event?.type).toBe('package.ready');

    await page.goto(server.url + '/usage');
    const chart = page.getByTestId('usage-chart');
    await chart.waitFor();
    expect(await chart.locator('rect.usage-bar').count()).toBeGreaterThanOrEqual(28);
    // Days as Russian writes them: day first ("02.11" is 2 November, not 11 February).
    const firstDay = (await chart.locator('rect.usage-bar').first().getAttribute('data-day'))!;
    const [, month, day] = firstDay.split('-');
    expect(await chart.locator('g:has(rect.usage-bar) text.usage-axis').first().textContent()).toBe(`${day}.${month}`);
    expect(await chart.locator('path.usage-line').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+)+$/);
    await page.getByTestId('usage-by-purpose').locator('li').first().waitFor();
    expect(await page.getByTestId('quota-generations').textContent()).toMatch(/[1-9]\d* \/ 20/);
    if (process.env.E2E_SHOTS) {
      await page.screenshot({ path: `${process.env.E2E_SHOTS}/usage.png`, fullPage: true });
      await page.goto(server.url + '/settings#rules');
      await page.getByTestId('rules-log').waitFor();
      await page.screenshot({ path: `${process.env.E2E_SHOTS}/settings.png`, fullPage: true });
    }
    expect(pageErrors).toEqual([]);
  });
});
