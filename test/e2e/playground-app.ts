/**
 * The playground end to end: the real app (startMentorBridge on a throwaway data folder, embedded
 * PGlite) and headless Chromium, started once per file, and how a test reads the chat as a
 * person does (the last bot message with some words; its text with its line breaks).
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { RunningBot } from '../../src/main.js';
import { launchChromium } from './browser.js';
import { makeDataDir, OUT, removeDataDir, startApp } from './support.js';

export interface RunningPlayground {
  url: string;
  browser: Browser;
  /** The app's data folder (its database is in `pglite/` below it). */
  dataDir: string;
  /** Stops the app before the file ends (to read its database); the browser stays. */
  stopApp(): Promise<void>;
}

/** Starts the app and the browser before the file's tests and stops them after; call inside a describe. */
export function playgroundInChromium(): () => RunningPlayground {
  let dataDir: string | undefined;
  let app: RunningBot | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    dataDir = await makeDataDir();
    app = await startApp(dataDir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await removeDataDir(dataDir);
  });
  return () => {
    const running = app;
    if (!running || !browser || !dataDir) throw new Error('the app or the browser did not start');
    const stopApp = async () => {
      app = undefined;
      await running.stop();
    };
    return { url: running.url, browser, dataDir, stopApp };
  };
}

/** The last bot message containing `text`. */
export function botMessage(page: Page, text: string | RegExp): Locator {
  return page.locator('li.msg.bot').filter({ hasText: text }).last();
}

/** What the user reads: Playwright's rendered text, with the message's line breaks. */
export function shownText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator, not a DOM node; textContent would drop the <br> line breaks
  return locator.innerText();
}
