/**
 * Escalations in the playground, in headless Chromium on the real app (startMentorBridge,
 * embedded PGlite, core, outbox, stream): Amina (mentee, Norwegian) and Fatima (mentor, who
 * switches to English) become a pair; Amina writes `snakk med en koordinator` and fills the short
 * form; Kari, the demo's coordinator, gets the card in Norwegian with Amina's words as she typed
 * them, takes it with "Jeg ringer" and resolves it with a note (an empty note refused beside the
 * field). Then, on a phone, Kari in English gets Fatima's `talk to a coordinator` and takes it;
 * `escalations` lists it without anyone's words.
 * Screenshots go to test-output/shots/ to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, say, skipBrowser, skipReason } from './browser.js';
import { become, dump, expectNoSideways, formTitled } from './journey-page.js';
import { botMessage, playgroundInChromium, shownText } from './playground-app.js';
import { OUT } from './support.js';

if (skipBrowser) console.warn(`e2e browser tests skipped: ${skipReason}`);

const SHOTS = join(import.meta.dirname, '../../test-output/shots');
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/escalations-${name}.png` });
const PROGRAMME = 'Mentorprogram høst 2026';
/** Typed by Amina for the coordinator: words with markup that must stay characters. */
const AMINA = 'Jeg vil slutte, jeg kaster bort tiden min. <b>Hjelp</b> *nå*';
const FATIMA = 'Amina has missed two meetings; could you call her?';

describe.skipIf(skipBrowser)('escalations in the playground, in Chromium', () => {
  const running = playgroundInChromium();

  it('a mentee and a mentor ask for a coordinator; Kari takes both cards, resolves one with a note, and takes the other on a phone', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { url, browser } = running();
    const { page, problems } = await openPage(browser, `${url}/`, { locale: 'nb-NO' });
    let phone: Awaited<ReturnType<typeof openPage>> | null = null;
    try {
      // The pair: Amina asks Fatima, Fatima accepts and switches to English.
      await become(page, 'amina', 'Amina');
      await say(page, 'mentorer');
      await page.getByRole('button', { name: 'Spør Fatima Ali' }).click();
      await botMessage(page, 'Jeg har spurt Fatima Ali').waitFor();
      await become(page, 'fatima', 'Fatima');
      await page.getByRole('button', { name: 'Godta' }).click();
      await botMessage(page, 'Du er nå mentor for Amina Yusuf').waitFor();
      await say(page, 'språk');
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await botMessage(page, 'From now on').waitFor();

      // Amina asks for a coordinator in Norwegian, with a short form.
      await become(page, 'amina', 'Amina');
      await say(page, 'snakk med en koordinator');
      const ask = formTitled(page, 'Snakk med en koordinator');
      await ask.waitFor();
      expect(await shownText(botMessage(page, 'Hva gjelder det?'))).toContain(`En koordinator i ${PROGRAMME} leser det du skriver her.`);
      await ask.getByLabel('Hva det gjelder (valgfritt)').fill(AMINA);
      await ask.scrollIntoViewIfNeeded();
      await shot(page, 'mentee-form-nb');
      await ask.getByRole('button', { name: 'Send' }).click();
      const told = botMessage(page, `Takk. En koordinator i ${PROGRAMME} tar kontakt med deg snart.`);
      await told.waitFor();
      await told.scrollIntoViewIfNeeded();
      await shot(page, 'mentee-told-nb');

      // Kari's card, in Norwegian: the trigger, the pair, Amina's words as she typed them.
      await become(page, 'kari', 'Kari');
      const card = botMessage(page, 'Trenger en koordinator');
      await card.waitFor();
      const cardText = await shownText(card);
      expect(cardText).toContain('En deltaker ba om å snakke med en koordinator.');
      expect(cardText).toContain('Amina Yusuf (mentee)');
      expect(cardText).toContain('Fatima Ali (mentor) og Amina Yusuf (mentee)');
      expect(cardText).toContain(AMINA);
      // Her words are text, never markup: no bold made of her <b>.
      expect(await card.locator('b, strong').filter({ hasText: 'Hjelp' }).count()).toBe(0);
      expect(await card.getByRole('button').allInnerTexts()).toEqual(['Bekreft', 'Jeg ringer', 'Ny kobling', 'Løs med et notat']);
      await card.scrollIntoViewIfNeeded();
      await shot(page, 'coordinator-card-nb');
      await card.getByRole('button', { name: 'Jeg ringer' }).click();
      await botMessage(page, 'Du har tatt den og ringer.').waitFor();
      // Her copy of the card says it is answered and has no buttons left.
      await botMessage(page, /En deltaker ba om å snakke med en koordinator\.[\s\S]*✓ Besvart/).waitFor();
      await expect.poll(() => page.getByRole('button', { name: 'Jeg ringer' }).count()).toBe(0);
      const followUp = botMessage(page, 'Du tok denne eskaleringen.');
      await followUp.waitFor();
      expect(await followUp.getByRole('button').allInnerTexts()).toEqual(['Løs med et notat', 'Ny kobling']);
      await followUp.scrollIntoViewIfNeeded();
      await shot(page, 'coordinator-taken-nb');

      // She resolves it: an empty note is refused beside the field, then a note.
      await followUp.getByRole('button', { name: 'Løs med et notat' }).click();
      const resolve = formTitled(page, 'Løs eskaleringen');
      await resolve.waitFor();
      await resolve.getByRole('button', { name: 'Løs', exact: true }).click();
      await expect.poll(() => resolve.locator('.field.invalid').textContent()).toContain('Skriv et kort notat før du løser den.');
      await resolve.scrollIntoViewIfNeeded();
      await shot(page, 'coordinator-resolve-refused-nb');
      expect(await botMessage(page, 'Løst. Takk.').count()).toBe(0);
      await resolve.getByLabel(/^Hva ble gjort/).fill('Ringte Amina; de møtes igjen neste uke.');
      await resolve.getByRole('button', { name: 'Løs', exact: true }).click();
      const resolved = botMessage(page, 'Løst. Takk.');
      await resolved.waitFor();
      await resolved.scrollIntoViewIfNeeded();
      await shot(page, 'coordinator-resolved-nb');

      // Kari on a phone, in English.
      phone = await openPage(browser, `${url}/`, { width: 390, height: 844 });
      await become(phone.page, 'kari', 'Kari');
      await say(phone.page, 'språk');
      await phone.page.getByRole('button', { name: 'English', exact: true }).click();
      await botMessage(phone.page, 'From now on').waitFor();

      // Fatima asks in English: a new escalation (Amina's is resolved).
      await become(page, 'fatima', 'Fatima');
      await say(page, 'talk to a coordinator');
      const fatimaAsk = formTitled(page, 'Talk to a coordinator');
      await fatimaAsk.waitFor();
      await fatimaAsk.getByLabel('What it is about (optional)').fill(FATIMA);
      await fatimaAsk.scrollIntoViewIfNeeded();
      await shot(page, 'mentor-form-en');
      await fatimaAsk.getByRole('button', { name: 'Send' }).click();
      const fatimaTold = botMessage(page, `Thank you. A coordinator of ${PROGRAMME} will be in touch with you soon.`);
      await fatimaTold.waitFor();
      await fatimaTold.scrollIntoViewIfNeeded();
      await shot(page, 'mentor-told-en');

      const enCard = botMessage(phone.page, 'Needs a coordinator');
      await enCard.waitFor();
      const enText = await shownText(enCard);
      expect(enText).toContain('A participant asked to talk to a coordinator.');
      expect(enText).toContain('Fatima Ali (mentor)');
      expect(enText).toContain('Fatima Ali (mentor) and Amina Yusuf (mentee)');
      expect(enText).toContain(FATIMA);
      expect(enText).not.toContain(AMINA);
      expect(await enCard.getByRole('button').allInnerTexts()).toEqual(['Acknowledge', 'I will call', 'Rematch', 'Resolve with a note']);
      await expectNoSideways(phone.page);
      await enCard.scrollIntoViewIfNeeded();
      await shot(phone.page, 'coordinator-card-phone-en');
      await enCard.getByRole('button', { name: 'Acknowledge' }).click();
      await botMessage(phone.page, 'You have taken it. When it is dealt with').waitFor();
      await botMessage(phone.page, 'You took this escalation.').waitFor();
      await expectNoSideways(phone.page);
      await shot(phone.page, 'coordinator-taken-phone-en');

      // `escalations`: the one open, taken by Kari, and no one's words.
      await say(phone.page, 'escalations');
      const list = botMessage(phone.page, 'not resolved yet');
      await list.waitFor();
      const listText = await shownText(list);
      expect(listText).toContain('1 escalation is not resolved yet.');
      expect(listText).toContain('Taken by Kari Nordmann.');
      expect(listText).not.toContain('slutte');
      expect(listText).not.toContain('missed two meetings');
      await expectNoSideways(phone.page);
      await list.scrollIntoViewIfNeeded();
      await shot(phone.page, 'coordinator-list-phone-en');
      expect(phone.problems).toEqual([]);
    } catch (error) {
      mkdirSync(OUT, { recursive: true });
      writeFileSync(join(OUT, 'e2e-escalations-failure.txt'), `${await dump(page)}\n=== phone ===\n${phone ? await dump(phone.page) : ''}`);
      await shot(page, 'failure');
      if (phone) await shot(phone.page, 'failure-phone');
      throw error;
    }
    expect(problems).toEqual([]);
    await phone?.page.close();
    await page.close();
  }, 300_000);
});
