/**
 * Matching as its people meet it in the playground: the real app (startMentorBridge, embedded
 * PGlite, core, outbox, stream) in headless Chromium with the demo programme. Amina asks for
 * mentors in Norwegian and reads three cards with reasons; she asks Fatima, who accepts in her
 * own chat; Kari, the coordinator, sees the new pair and the waitlist; Yonas reads his cards in
 * English on a phone-sized screen. Saves test-output/e2e-matching-*.png to look at.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, say, skipBrowser, skipReason } from './browser.js';
import { botMessage, playgroundInChromium, shownText } from './playground-app.js';
import { OUT } from './support.js';

if (skipBrowser) console.warn(`e2e browser tests skipped: ${skipReason}`);

const shot = (page: Page, name: string) => page.screenshot({ path: join(OUT, `e2e-matching-${name}.png`), fullPage: false });



async function become(page: Page, user: string, connectedAs: string): Promise<void> {
  await page.locator(`#person option[value="${user}"]`).waitFor({ state: 'attached' });
  await page.selectOption('#person', user);
  await page.getByRole('status').filter({ hasText: connectedAs }).waitFor();
}

describe.skipIf(skipBrowser)('matching in the playground, in Chromium', () => {
  const running = playgroundInChromium();

  it('Amina chooses Fatima from three cards with reasons; Fatima accepts; Kari sees the pair', async () => {
    const { url, browser } = running();
    const { page, problems } = await openPage(browser, `${url}/`, { locale: 'nb-NO' });
    await become(page, 'amina', 'Amina');

    await say(page, 'mentorer');
    const cards = botMessage(page, 'som kan passe for deg');
    await cards.waitFor();
    const text = await shownText(cards);
    // Three mentors, each with field, languages, what they offer, and why — never a number.
    for (const name of ['Fatima Ali', 'Ingrid Berg', 'Ola Hansen']) expect(text).toContain(name);
    expect(text).toContain('Samme fagfelt: Helse og omsorg');
    expect(text).toContain('Veien til norsk autorisasjon');
    expect(text).not.toMatch(/\b0[.,]\d/);
    // Fatima fits her best (health, nurse): her card comes first.
    expect(text.indexOf('Fatima Ali')).toBeLessThan(text.indexOf('Ingrid Berg'));
    await shot(page, 'amina-cards-nb');

    await page.getByRole('button', { name: 'Spør Fatima Ali' }).click();
    await botMessage(page, 'Jeg har spurt Fatima Ali').waitFor();
    // The card is answered: its buttons are gone, so it cannot ask a second mentor.
    await expect.poll(() => page.getByRole('button', { name: 'Spør Fatima Ali' }).count()).toBe(0);

    await become(page, 'fatima', 'Fatima');
    const request = botMessage(page, 'ønsker deg som mentor');
    await request.waitFor();
    const asked = await shownText(request);
    expect(asked).toContain('Amina Yusuf');
    expect(asked).toContain('Få norsk autorisasjon som sykepleier');
    await shot(page, 'fatima-request-nb');
    await page.getByRole('button', { name: 'Godta' }).click();
    await botMessage(page, 'Du er nå mentor for Amina Yusuf').waitFor();

    await become(page, 'amina', 'Amina');
    await botMessage(page, 'Fatima Ali har sagt ja').waitFor();
    // Then she is introduced to her mentor: the card, the first meeting's agenda, the rules.
    const intro = botMessage(page, 'Møt mentoren din: Fatima Ali');
    await intro.waitFor();
    await intro.scrollIntoViewIfNeeded();
    await shot(page, 'amina-intro-nb');

    await become(page, 'kari', 'Kari');
    await botMessage(page, 'Nytt par i Mentorprogram høst 2026').waitFor();
    await say(page, 'koblinger');
    const view = botMessage(page, 'Fatima Ali');
    await view.waitFor();
    await expect.poll(async () => shownText(page.locator('li.msg.bot').last())).toContain('Amina Yusuf');
    await shot(page, 'kari-matches-nb');
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('Yonas reads his suggestions in English on a phone-sized screen', async () => {
    const { url, browser } = running();
    const { page, problems } = await openPage(browser, `${url}/`, { width: 390, height: 844 });
    await become(page, 'yonas', 'Yonas');
    await say(page, 'mentors');
    const cards = botMessage(page, 'who could suit you');
    await cards.waitFor();
    const text = await shownText(cards);
    expect(text).toContain('Ola Hansen');
    expect(text).toContain('Both in Bergen');
    // Nothing wider than the screen: the cards wrap instead of scrolling sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await cards.scrollIntoViewIfNeeded();
    await shot(page, 'yonas-cards-phone-en');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('Kari makes a cohort draft for those still without a mentor, approves it now, and Yonas is told', async () => {
    const { url, browser } = running();
    const { page, problems } = await openPage(browser, `${url}/`, { locale: 'nb-NO' });
    await become(page, 'kari', 'Kari');
    await say(page, 'kull');
    await page.getByRole('button', { name: 'Lag et utkast' }).click();
    const draft = botMessage(page, 'Kullutkast for Mentorprogram høst 2026');
    await draft.waitFor();
    const text = await shownText(draft);
    // Yonas (IT, Bergen) goes to Ola (IT, Bergen), with the reasons; nobody has been told yet.
    expect(text).toContain('Yonas Tesfay → Ola Hansen');
    expect(text).toContain('Begge i Bergen');
    expect(text).toContain('Ingen har fått vite noe ennå');
    await shot(page, 'kari-cohort-draft-nb');
    await page.getByRole('button', { name: 'Godkjenn' }).click();
    await page.getByRole('button', { name: 'Nå', exact: true }).click();
    await botMessage(page, 'Kullet i Mentorprogram høst 2026 er avslørt').waitFor();

    await become(page, 'yonas', 'Yonas');
    const told = botMessage(page, 'your mentor in Mentorprogram høst 2026 is Ola Hansen');
    await told.waitFor();
    expect(await shownText(told)).toContain('Both in Bergen');
    await shot(page, 'yonas-paired-en');
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('Amina takes the first training module in Norwegian on a phone', async () => {
    const { url, browser } = running();
    const { page, problems } = await openPage(browser, `${url}/`, { width: 390, height: 844, locale: 'nb-NO' });
    await become(page, 'amina', 'Amina');
    await say(page, 'opplæring');
    await page.getByRole('button', { name: 'Hva mentoring er' }).click();
    await botMessage(page, 'Mentoring er en relasjon der den ene hjelper den andre').waitFor();
    await shot(page, 'amina-training-phone-nb');
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Neste' }).last().click();
    await page.getByRole('button', { name: 'Ferdig' }).click();
    await botMessage(page, 'Hva håper du å lære').waitFor();
    await say(page, 'Å forstå norsk arbeidsliv bedre.');
    await shot(page, 'amina-training-done-phone-nb');
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});
