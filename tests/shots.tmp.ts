import { chromium } from 'playwright-core';
import { startTestServerWithIngest } from './helpers/server';
import { CHROMIUM_ARGS } from './e2e/browser';

const server = await startTestServerWithIngest({ SANDBOX_QR_DELAY_MS: '300', INGEST_ENABLED: 'true', INGEST_POLL_MS: '200', INGEST_BACKFILL_MAX_POSTS: '200' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await page.goto(server.url + '/');
await page.getByRole('button', { name: 'Войти как демо-пользователь' }).click();
await page.getByText('Аккаунт подключён').waitFor();
for (const ch of ['rian_ru', '@mash', 't.me/bbbreaking', 'tass_agency']) {
  const r = await page.request.post(server.url + '/v1/channels/subscribe', { data: { channel: ch }, headers: { origin: server.url } });
  console.log(ch, r.status(), (await r.text()).slice(0, 100));
}
await page.waitForTimeout(15000);
await page.goto(server.url + '/top');
await page.locator('article[data-topic-id]').first().waitFor();
await page.screenshot({ path: '/tmp/shots/top.png' });
const card = page.locator('article[data-topic-id]').first();
await card.getByTestId('make-exclusive').click();
await page.screenshot({ path: '/tmp/shots/top-panel.png' });
await card.getByTestId('make-exclusive-start').click();
await page.waitForTimeout(300);
await page.screenshot({ path: '/tmp/shots/top-progress.png' });
await card.getByTestId('open-package').waitFor({ timeout: 30000 });
await page.screenshot({ path: '/tmp/shots/top-done.png' });
await card.getByTestId('open-package').click();
await page.getByTestId('package-preview').first().waitFor();
await page.waitForTimeout(1500);
await page.screenshot({ path: '/tmp/shots/package.png', fullPage: true });
await page.setViewportSize({ width: 390, height: 800 });
await page.waitForTimeout(500);
await page.screenshot({ path: '/tmp/shots/package-390.png', fullPage: true });
await page.goto(server.url + '/packages');
await page.getByTestId('package-row').first().waitFor();
await page.screenshot({ path: '/tmp/shots/packages-390.png' });
await browser.close();
await server.close();
process.exit(0);
