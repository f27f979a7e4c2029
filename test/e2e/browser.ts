/**
 * Headless Chromium for the end-to-end tests: Debian's package (scripts/ensure-chromium.sh),
 * never a downloaded browser, launched as test/playground/browser.test.ts does. Every page
 * records what a user would notice going wrong: script errors, console errors, failed requests.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM);

/** Locally a missing browser only skips; on CI it must run, so there a missing one fails. */
export const skipBrowser = missing && process.env.CI !== 'true';
export const skipReason = `${CHROMIUM} is missing (run scripts/ensure-chromium.sh as root); set CI=true to make this a failure`;

export function launchChromium(): Promise<Browser> {
  if (missing) throw new Error(`CI is set but ${CHROMIUM} is missing: run scripts/ensure-chromium.sh`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface WatchedPage {
  page: Page;
  /** Page errors, console errors and HTTP errors seen so far. */
  problems: string[];
}

export async function openPage(browser: Browser, url: string, options: { width?: number; height?: number; locale?: string } = {}): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 960, height: options.height ?? 1100 }, locale: options.locale ?? 'en-GB', timezoneId: 'Europe/Oslo' });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console: ${msg.text()}`);
  });
  await page.goto(url);
  return { page, problems };
}

/** Types into the message box and sends with Enter, as a user would. */
export async function say(page: Page, text: string): Promise<void> {
  // The box by its id: its label is in the person's language ("Message", "Melding").
  await page.locator('#text').fill(text);
  await page.keyboard.press('Enter');
}
