// Shared Chromium launcher for browser tests: one place for the binary path and flags.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Why browser tests can't run here, or null. Sync, so it can feed `describe.skipIf`. Under CI=true
 * it is always null: CI never skips a browser suite, so a missing Chromium fails it at launch.
 */
export function chromiumUnavailable(): string | null {
  if (process.env.CI === 'true') return null;
  return existsSync(CHROMIUM_PATH)
    ? null
    : `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`;
}

export type LaunchResult = { browser: Browser; reason: null } | { browser: null; reason: string };

/** Launches headless Chromium with a fresh profile; { browser: null, reason } when it's missing. */
export async function launchBrowser(): Promise<LaunchResult> {
  const reason = chromiumUnavailable();
  if (reason) return { browser: null, reason };
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return { browser, reason: null };
}

/** For a suite already skipped when Chromium is missing: launch it or fail with the reason. */
export async function requireBrowser(): Promise<Browser> {
  const launched = await launchBrowser();
  if (!launched.browser) throw new Error(launched.reason);
  return launched.browser;
}

/** Polls an API read in the page's session until `ready` holds (ingest runs in the background). */
export async function waitForApi<T>(page: Page, path: string, ready: (body: T) => boolean, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await page.request.get(new URL(path, page.url()).toString());
    const body = (await response.json()) as T;
    if (response.ok() && ready(body)) return body;
    if (Date.now() > deadline) throw new Error(`${path} never became ready: ${JSON.stringify(body).slice(0, 500)}`);
    await page.waitForTimeout(250);
  }
}
