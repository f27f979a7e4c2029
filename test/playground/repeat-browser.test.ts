/**
 * The playground is ours end to end, so it is exactly once there too: a bot that died after
 * handing a message to the page and before marking it sent hands it again after its lease (the
 * outbox, at least once), and the page shows it once, by its outbox id, whether the repeat comes
 * live on the same stream or after the page reconnected and read its history. Real headless
 * Chromium (skipped locally without it, as browser.test.ts), real server, stream and sender.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Playground, startPlayground } from './support.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = !existsSync(CHROMIUM) && !process.env.CI;

describe('playground page: a message delivered twice is shown once', () => {
  let pg: Playground;
  let browser: Browser;

  beforeAll(async () => {
    if (skip) return;
    pg = await startPlayground();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await pg?.close();
  });

  async function openAs(person: string): Promise<Page> {
    const page = await browser.newPage({ locale: 'nb-NO' });
    await page.goto(pg.url);
    await page.locator(`#person option[value="${person}"]`).waitFor({ state: 'attached' });
    await page.selectOption('#person', person);
    return page;
  }

  const shown = (page: Page, text: string) => page.locator('.msg.bot', { hasText: text }).count();

  it.skipIf(skip)('drops a live repeat of the same outbox message, and one after the page reconnected', async () => {
    const page = await openAs('amina');
    await pg.outbox.deliver('p-amina', { text: 'Ukens påminnelse: foreslå et møte.' });
    await expect.poll(() => shown(page, 'Ukens påminnelse')).toBe(1);
    const [entry] = pg.outbox.history('p-amina');
    if (!entry) throw new Error('no message');

    // The restarted bot delivers it again (same outbox id), live on the open stream.
    await pg.sender.send(entry, null);
    await pg.outbox.deliver('p-amina', { text: 'Neste melding.' });
    await expect.poll(() => shown(page, 'Neste melding')).toBe(1);
    expect(await shown(page, 'Ukens påminnelse')).toBe(1);

    // After a reload the history shows it; a repeat arriving then is dropped as well.
    await page.reload();
    await page.selectOption('#person', 'amina');
    await expect.poll(() => shown(page, 'Neste melding')).toBe(1);
    await pg.sender.send(entry, null);
    await pg.outbox.deliver('p-amina', { text: 'Tredje melding.' });
    await expect.poll(() => shown(page, 'Tredje melding')).toBe(1);
    expect(await shown(page, 'Ukens påminnelse')).toBe(1);
    await page.close();
  });
});
