/**
 * What the journey test (playground-journey.test.ts) does on the page as a person would: pick
 * who you are, find an open form, move the demo clock with its header buttons, read the demo time,
 * and check a calendar file and a phone-sized layout. The chat as text, to read when a step fails.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export const DAY_MS = 86_400_000;

/** Picks `user` in the header, as playground-matching does, and waits until their chat and clock are theirs. */
export async function become(page: Page, user: string, connectedAs: string): Promise<void> {
  await page.locator(`#person option[value="${user}"]`).waitFor({ state: 'attached' });
  await page.selectOption('#person', user);
  await page.getByRole('status').filter({ hasText: connectedAs }).waitFor();
  // The history is replayed before the composer opens.
  await expect.poll(() => page.locator('#text').isEnabled()).toBe(true);
  // The clock's controls follow the picker within a second, in the person's language.
  const language = await page.locator('html').getAttribute('lang');
  await expect.poll(() => page.locator('section.clock .clock-title').textContent()).toBe(language === 'nb' ? 'Demotid' : 'Demo time');
}

/** The open form titled `title`. */
export function formTitled(page: Page, title: string): Locator {
  return page.locator('form.prompt.form').filter({ has: page.getByRole('heading', { name: title, exact: true }) }).last();
}

/** Moves the demo clock with its header button and waits until the jobs due on the way have run. */
export async function moveClock(page: Page, label: string): Promise<void> {
  // Found by its step, not its words: the labels are read again from the server as the clock
  // moves, and in one CI run they came back in English on a Norwegian page, so a wait for the
  // '+1 uke' button never ended (noted in the closing note; the page's language is checked in become()).
  const by = /dag|day/.test(label) ? 'day' : /uke|week/.test(label) ? 'week' : 'month';
  const button = page.locator(`section.clock button[data-by="${by}"]`);
  await button.click();
  await expect.poll(() => button.isEnabled(), { timeout: 90_000 }).toBe(true);
  await expect.poll(() => page.locator('section.clock .clock-status').textContent()).toBe('');
}

/** The demo time as the page shows it, read from the server. */
export async function demoNow(page: Page): Promise<Date> {
  const res = await page.request.get(new URL('/playground/clock', page.url()).href);
  return new Date(((await res.json()) as { now: string }).now);
}

/** A date in Oslo as YYYY-MM-DD. */
export const osloDate = (at: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/** The message's calendar file: offered as a download, and starting at 18:00 Oslo time on `day`. */
export async function expectCalendarFile(page: Page, message: Locator, day: string): Promise<void> {
  const link = message.locator('a.file');
  expect(await link.getAttribute('download')).toBe('meeting.ics');
  const href = await link.getAttribute('href');
  expect(href).toBeTruthy();
  const res = await page.request.get(new URL(href ?? '', page.url()).href);
  expect(res.status()).toBe(200);
  const ics = (await res.body()).toString('utf8');
  expect(ics).toContain(`DTSTART;TZID=Europe/Oslo:${day.replaceAll('-', '')}T180000`);
  expect(ics).toContain(`DTEND;TZID=Europe/Oslo:${day.replaceAll('-', '')}T190000`);
}

/** Nothing wider than the screen: a phone never scrolls sideways. */
export async function expectNoSideways(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

export /** Every message's text, numbered: written out when a step fails. */
async function dump(page: Page): Promise<string> {
  return (await page.locator('li.msg').allInnerTexts()).map((t, i) => `#${i}: ${t}`).join('\n---\n');
}

