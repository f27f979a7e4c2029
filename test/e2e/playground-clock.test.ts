/**
 * The demo clock's labels follow the person picked, also when the answers cross: the read for
 * the person picked before arrives after the one for the person picked now (a CI run once showed
 * English labels on Amina's Norwegian page after moving between people). In headless Chromium,
 * with the earlier person's read held back by the browser.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPage, skipBrowser, skipReason } from './browser.js';
import { playgroundInChromium } from './playground-app.js';
import { OUT } from './support.js';

if (skipBrowser) console.warn(`e2e browser tests skipped: ${skipReason}`);

describe.skipIf(skipBrowser)('the demo clock in Chromium', () => {
  const running = playgroundInChromium();

  it('keeps the labels of the person picked now when the previous person’s answer comes last', async () => {
    const { url, browser } = running();
    const { page, problems } = await openPage(browser, `${url}/`, { locale: 'nb-NO' });
    let held = 0;
    await page.route(/\/playground\/clock\?user=sara$/, async (route) => {
      held += 1;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await route.continue();
    });
    await page.locator('#person option[value="sara"]').waitFor({ state: 'attached' });
    await page.selectOption('#person', 'sara'); // English
    await expect.poll(() => held).toBe(1); // her read has left, and is held
    await page.selectOption('#person', 'amina'); // Norwegian
    const title = page.locator('section.clock .clock-title');
    await expect.poll(() => title.textContent()).toBe('Demotid');
    await page.waitForTimeout(3000); // Sara's read has long arrived by now
    expect(await title.textContent()).toBe('Demotid');
    expect(await page.locator('section.clock button[data-by="week"]').textContent()).toBe('+1 uke');
    await page.screenshot({ path: join(OUT, 'e2e-clock-crossed-answers.png') });
    expect(problems).toEqual([]);
  });
});
