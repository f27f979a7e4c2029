/**
 * The pair's year as its people meet it in the playground: the real app (startMentorBridge,
 * embedded PGlite, core, jobs, outbox, stream) in headless Chromium, with the demo clock moved
 * by its own buttons. Amina (mentee, Norwegian) asks Fatima (mentor, who switches to English);
 * they make and confirm their agreement; Amina proposes a meeting with `møte`, Fatima accepts and
 * both get the calendar file; the reminder comes the day before; the meeting is held and rated;
 * goals move; Kari reads `framdrift` (dates and counts, never their words), on a phone in English
 * too; the year ends on the programme's last day with the closing, survey and stay in touch. Screenshots go to test-output/shots/ to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, say, skipBrowser, skipReason } from './browser.js';
import { become, DAY_MS, demoNow, dump, expectCalendarFile, expectNoSideways, formTitled, moveClock, osloDate } from './journey-page.js';
import { botMessage, playgroundInChromium, shownText } from './playground-app.js';
import { OUT } from './support.js';

if (skipBrowser) console.warn(`e2e browser tests skipped: ${skipReason}`);

const SHOTS = join(import.meta.dirname, '../../test-output/shots');
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/journey-${name}.png` });

// Words only the pair wrote: the coordinator must never read them.
const PRIVATE = { help: 'autorisasjonssøknaden min', goal: 'Bestå fagprøven i norsk', reflection: 'Rollespillet av intervjuet', offer: 'Contacts at St. Olavs hospital' };

describe.skipIf(skipBrowser)("the pair's year in the playground, in Chromium", () => {
  const running = playgroundInChromium();

  it('agreement, a meeting with its calendar file and reminder, a rating, goals, the coordinator’s view and the year end', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { url, browser } = running();
    const { page, problems } = await openPage(browser, `${url}/`, { locale: 'nb-NO' });
    try {
      // The pair: Amina asks Fatima, Fatima accepts; then Fatima wants English.
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

      // The agreement: Amina's part and the frame, in Norwegian.
      await become(page, 'amina', 'Amina');
      await say(page, 'avtale');
      const part = formTitled(page, 'Din del (mentee)');
      await part.waitFor();
      await part.getByLabel('Hva ønsker du hjelp eller støtte til?').fill(`Hjelp med ${PRIVATE.help}`);
      await part.getByLabel('Hva håper du mentoringen fører til for deg?').fill('En fast jobb på sykehus');
      await part.getByLabel('Målene dine (høyst tre)').fill(`${PRIVATE.goal}\nFå autorisasjon`);
      await part.getByRole('button', { name: 'Lagre' }).click();
      const frame = formTitled(page, 'De praktiske rammene');
      await frame.waitFor();
      await frame.getByLabel(/^Taushetsplikt/).selectOption({ label: 'Alt vi sier blir mellom oss' });
      await frame.getByLabel('Hvor ofte møtes dere?').selectOption({ label: 'Annenhver uke' });
      await frame.getByLabel('Hvem tar initiativ til å møtes?').selectOption({ label: 'Menteen' });
      await frame.getByLabel('Avlyse et møte').fill('Senest 24 timer før');
      await frame.getByLabel('Hvordan vil dere evaluere møtene og relasjonen?').fill('Vi snakker om det hvert tredje møte');
      await frame.getByRole('button', { name: 'Lagre' }).click();
      await botMessage(page, 'Når Fatima Ali har svart på sin').waitFor();

      // Fatima's part, in English; the frame comes filled with Amina's answers.
      await become(page, 'fatima', 'Fatima');
      await say(page, 'agreement');
      const mentorPart = formTitled(page, 'Your part (mentor)');
      await mentorPart.waitFor();
      await mentorPart.getByLabel('What help can you give (practical help, your network)?').fill(PRIVATE.offer);
      await mentorPart.getByLabel('What do you hope the mentoring will lead to for you?').fill('To learn how newcomers see our hospitals');
      await mentorPart.getByRole('button', { name: 'Save' }).click();
      const mentorFrame = formTitled(page, 'The practical frame');
      await mentorFrame.waitFor();
      expect(await mentorFrame.getByLabel('Cancelling a meeting').inputValue()).toBe('Senest 24 timer før');
      await mentorFrame.getByRole('button', { name: 'Save' }).click();
      const fatimaCard = botMessage(page, 'Your mentoring agreement with Amina Yusuf (version 1)');
      await fatimaCard.waitFor();
      const fatimaCardText = await shownText(fatimaCard);
      expect(fatimaCardText).toContain(PRIVATE.goal);
      expect(fatimaCardText).toContain(PRIVATE.offer);
      expect(fatimaCardText).toContain('Everything we say stays between us');
      await fatimaCard.scrollIntoViewIfNeeded();
      await shot(page, 'agreement-card-en');
      await fatimaCard.getByRole('button', { name: 'Confirm' }).click();
      await botMessage(page, 'Now we wait for Amina Yusuf').waitFor();

      await become(page, 'amina', 'Amina');
      const aminaCard = botMessage(page, 'Mentoravtalen din med Fatima Ali (versjon 1)');
      await aminaCard.waitFor();
      expect(await shownText(aminaCard)).toContain('Alt vi sier blir mellom oss');
      await aminaCard.scrollIntoViewIfNeeded();
      await shot(page, 'agreement-card-nb');
      await aminaCard.getByRole('button', { name: 'Bekreft' }).click();
      await botMessage(page, 'er bekreftet av dere begge (versjon 1)').waitFor();


      // A meeting about a week ahead at 18:00 Oslo time, proposed by Amina with `møte`. The
      // demo clock starts at the real time, so the day is chosen for its reminder (18:00 the day
      // before) to fall within the sixth day moved, whatever the hour the test runs at.
      const now = await demoNow(page);
      const osloHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', hourCycle: 'h23' }).format(now));
      const day = osloDate(new Date(now.getTime() + (osloHour >= 18 ? 7 : 6) * DAY_MS));
      await say(page, 'møte');
      const plan = formTitled(page, 'Foreslå et møte');
      await plan.waitFor();
      expect(await shownText(botMessage(page, 'Når vil du møte Fatima Ali?'))).toContain('(Europe/Oslo)');
      await plan.getByLabel(/^Dato/).fill(day);
      await plan.getByLabel(/^Klokkeslett/).selectOption('18:00');
      await plan.getByLabel(/^Hvor lenge/).selectOption({ label: '1 time' });
      await plan.getByLabel(/^Fysisk eller digitalt/).selectOption({ label: 'Fysisk' });
      await plan.getByLabel(/^Sted eller lenke/).fill('Kafeen på Solsiden');
      await plan.scrollIntoViewIfNeeded();
      await shot(page, 'meeting-form-nb');
      await plan.getByRole('button', { name: 'Send forslaget' }).click();
      await botMessage(page, 'Jeg sendte forslaget ditt til Fatima Ali').waitFor();

      await become(page, 'fatima', 'Fatima');
      const proposal = botMessage(page, 'Amina Yusuf proposes a meeting');
      await proposal.waitFor();
      expect(await shownText(proposal)).toContain('at 6:00 PM, 60 minutes, in person');
      expect(await shownText(proposal)).toContain('Kafeen på Solsiden');
      await proposal.scrollIntoViewIfNeeded();
      await shot(page, 'meeting-question-en');
      await proposal.getByRole('button', { name: 'Accept' }).click();
      const invitation = botMessage(page, 'Your meeting with Amina Yusuf is planned');
      await invitation.waitFor();
      await expectCalendarFile(page, invitation, day);

      await become(page, 'amina', 'Amina');
      const planned = botMessage(page, 'Møtet ditt med Fatima Ali er planlagt');
      await planned.waitFor();
      expect(await shownText(planned)).toContain('klokka 18:00');
      // Accepted, her "proposed" card (with its own Cancel) is withdrawn, by a job within the
      // scheduler's 10 s tick: one card, one set of buttons for the meeting.
      await botMessage(page, 'Dette møtet er endret siden').waitFor({ timeout: 25_000 });
      expect(await botMessage(page, 'Jeg sendte forslaget ditt til Fatima Ali').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Avlys møtet' }).count()).toBe(1);
      await expectCalendarFile(page, planned, day);
      await planned.scrollIntoViewIfNeeded();
      await shot(page, 'meeting-planned-nb');

      // Five days on: no reminder yet. The sixth: the reminder, a day before, to both.
      for (let i = 0; i < 5; i++) await moveClock(page, '+1 dag');
      expect(await botMessage(page, 'Påminnelse: du møter Fatima Ali i morgen').count()).toBe(0);
      await moveClock(page, '+1 dag');
      const reminder = botMessage(page, 'Påminnelse: du møter Fatima Ali i morgen');
      await reminder.waitFor();
      expect(await shownText(reminder)).toContain('klokka 18:00');
      await shot(page, 'reminder-nb');

      // The day after: the meeting was held; Amina says so.
      await moveClock(page, '+1 dag');
      const happened = botMessage(page, 'Ble møtet ditt');
      await happened.waitFor();
      await happened.getByRole('button', { name: 'Det ble holdt som planlagt' }).click();
      await botMessage(page, 'Jeg har bedt Fatima Ali om å bekrefte det').waitFor();

      await become(page, 'fatima', 'Fatima');
      const confirmHeld = botMessage(page, 'Amina Yusuf says you met on');
      await confirmHeld.waitFor();
      await confirmHeld.getByRole('button', { name: 'Yes, we met' }).click();
      await botMessage(page, 'Your meeting with Amina Yusuf on December 7, 2026 is logged as held').waitFor();

      // Fatima rates it in English: five buttons, the number only for the coordinator.
      const rateEn = botMessage(page, 'How was your meeting on December 7, 2026?');
      await rateEn.waitFor();
      expect(await rateEn.getByRole('button').allInnerTexts()).toEqual(['1', '2', '3', '4', '5']);
      expect(await shownText(rateEn)).toContain('Your coordinator sees the number, never your words.');
      await rateEn.scrollIntoViewIfNeeded();
      await shot(page, 'rating-buttons-en');
      await rateEn.getByRole('button', { name: '4', exact: true }).click();
      await botMessage(page, 'Thank you. You rated the meeting 4 of 5.').waitFor();

      // Amina rates it 5 in Norwegian and writes a reflection she keeps to herself.
      await become(page, 'amina', 'Amina');
      const rateNb = botMessage(page, 'Hvordan var møtet deres 7. desember 2026?');
      await rateNb.waitFor();
      expect(await shownText(rateNb)).toContain('Koordinatoren ser tallet, aldri ordene dine.');
      await rateNb.scrollIntoViewIfNeeded();
      await shot(page, 'rating-buttons-nb');
      await rateNb.getByRole('button', { name: '5', exact: true }).click();
      await botMessage(page, 'Takk. Du ga møtet 5 av 5.').waitFor();
      const reflection = formTitled(page, 'Etter møtet');
      await reflection.waitFor();
      await reflection.getByLabel('Hva var nyttig i denne samtalen?').fill(`${PRIVATE.reflection} var til stor hjelp.`);
      await reflection.getByRole('button', { name: 'Lagre' }).click();
      await botMessage(page, 'Refleksjonen din er lagret').waitFor();
      const share = botMessage(page, 'Vil du dele refleksjonen din med Fatima Ali?');
      await share.waitFor();
      await share.getByRole('button', { name: 'Behold den privat' }).click();
      await botMessage(page, 'Den er fortsatt privat').waitFor();

      // Goals: asked after the reflection; the first is well under way.
      const goalsAsk = botMessage(page, 'Hvordan går det med målene dine?');
      await goalsAsk.getByRole('button', { name: 'Oppdater målene mine' }).click();
      const progressForm = formTitled(page, 'Framgang på målene våre');
      await progressForm.waitFor();
      await progressForm.getByLabel(/^Mål 1 /).selectOption({ label: 'godt i gang' });
      await progressForm.getByLabel('Mål 1: hva har endret seg? (valgfritt)').fill('Meldt opp til prøven i mars');
      await progressForm.getByRole('button', { name: 'Lagre' }).click();
      await botMessage(page, 'Lagret. Fatima Ali ser det også').waitFor();
      await say(page, 'mål');
      const goalsNb = botMessage(page, 'Målene dine med Fatima Ali');
      await goalsNb.waitFor();
      const goalsText = await shownText(goalsNb);
      expect(goalsText).toContain(`Mål 1: ${PRIVATE.goal}`);
      expect(goalsText).toContain('Nå: godt i gang');
      expect(goalsText).toContain('Meldt opp til prøven i mars');
      await goalsNb.scrollIntoViewIfNeeded();
      await shot(page, 'goals-nb');

      await become(page, 'fatima', 'Fatima');
      await botMessage(page, 'Amina Yusuf recorded progress on your goals').waitFor();
      await say(page, 'goals');
      const goalsEn = botMessage(page, 'Your goals with Amina Yusuf');
      await goalsEn.waitFor();
      expect(await shownText(goalsEn)).toContain('Now: well under way');
      await goalsEn.scrollIntoViewIfNeeded();
      await shot(page, 'goals-en');

      // Kari's view: dates, counts and ratings; none of the pair's words.
      await become(page, 'kari', 'Kari');
      await say(page, 'framdrift');
      const progress = botMessage(page, 'Hvordan det går med parene');
      await progress.waitFor();
      const progressText = await shownText(progress);
      expect(progressText).toContain('Fatima Ali og Amina Yusuf');
      // The pair started and confirmed the agreement on the day the test began (Oslo time).
      const started = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', day: 'numeric', month: 'short', year: 'numeric' }).format(now);
      expect(progressText).toContain(`siden ${started}`);
      expect(progressText).toContain(`avtale v1 bekreftet ${started}`);
      expect(progressText).toContain('1 møte holdt');
      expect(progressText).toContain('vurdert til 4,5 i snitt (2 vurderinger)');
      expect(progressText).toContain('refleksjoner: mentee 1, mentor 0');
      expect(progressText).toContain('mål nådd: 0 av 2');
      for (const words of Object.values(PRIVATE)) expect(progressText).not.toContain(words);
      expect(progressText).not.toContain('Meldt opp');
      await progress.scrollIntoViewIfNeeded();
      await shot(page, 'progress-nb');

      // Kari reads the same view in English on a phone.
      const phone = await openPage(browser, `${url}/`, { width: 390, height: 844 });
      await become(phone.page, 'kari', 'Kari');
      await say(phone.page, 'språk');
      await phone.page.getByRole('button', { name: 'English', exact: true }).click();
      await botMessage(phone.page, 'From now on').waitFor();
      await say(phone.page, 'progress');
      const progressEn = botMessage(phone.page, 'How the pairs are doing');
      await progressEn.waitFor();
      const progressEnText = await shownText(progressEn);
      expect(progressEnText).toContain('1 meeting held');
      expect(progressEnText).toContain('rated 4.5 on average (2 ratings)');
      for (const words of Object.values(PRIVATE)) expect(progressEnText).not.toContain(words);
      await expectNoSideways(phone.page);
      await progressEn.scrollIntoViewIfNeeded();
      await shot(phone.page, 'progress-phone-en');

      // The year ends on the programme's last day (18 December, before twelve months have
      // passed): a week before, both are told the date; at the end, their closing.
      await become(page, 'amina', 'Amina');
      await moveClock(page, '+1 uke');
      const notice = botMessage(page, 'Mentoråret ditt slutter 18. desember 2026');
      await notice.waitFor();
      expect(await botMessage(page, 'Mentoråret ditt er over').count()).toBe(0);
      await moveClock(page, '+1 uke');
      const closing = botMessage(page, 'Din avsluttende refleksjon — Mentorprogram høst 2026');
      await closing.waitFor();
      expect(await shownText(closing)).toContain('Mentoråret ditt er over. Godt jobbet!');
      expect(await shownText(closing)).toContain('Bare du kan lese dette.');
      await closing.scrollIntoViewIfNeeded();
      await shot(page, 'closing-nb');
      const closingForm = formTitled(page, 'Avsluttende refleksjon');
      await closingForm.getByLabel('Hva har jeg oppnådd?').fill('Jeg besto fagprøven');
      await closingForm.getByRole('button', { name: 'Lagre' }).click();
      await botMessage(page, 'Bare du kan lese refleksjonen din').waitFor();
      const survey = formTitled(page, 'Sluttundersøkelse');
      await survey.getByLabel(/^Hvordan var programmet alt i alt/).selectOption('5');
      await survey.getByLabel(/^Vil du anbefale programmet/).selectOption({ label: 'Ja' });
      await survey.getByLabel(/^Vil du holde kontakten/).selectOption({ label: 'Ja' });
      await survey.getByRole('button', { name: 'Send' }).click();
      await botMessage(page, 'Takk for svarene dine.').waitFor();

      // Fatima's closing in English on the phone; both said yes to staying in touch.
      await become(phone.page, 'fatima', 'Fatima');
      const closingEn = botMessage(phone.page, 'Your closing reflection — Mentorprogram høst 2026');
      await closingEn.waitFor();
      expect(await shownText(closingEn)).toContain('Your mentoring year is over. Well done!');
      expect(await shownText(closingEn)).toContain('What did I learn?');
      await expectNoSideways(phone.page);
      await closingEn.scrollIntoViewIfNeeded();
      await shot(phone.page, 'closing-phone-en');
      const surveyEn = formTitled(phone.page, 'Exit survey');
      await surveyEn.getByLabel(/^How was the programme overall/).selectOption('4');
      await surveyEn.getByLabel(/^Would you recommend/).selectOption({ label: 'Yes' });
      await surveyEn.getByLabel(/^Do you want to stay in touch/).selectOption({ label: 'Yes' });
      await surveyEn.getByRole('button', { name: 'Send' }).click();
      const both = botMessage(phone.page, 'Good news: you and Amina Yusuf both want to stay in touch');
      await both.waitFor();
      await both.scrollIntoViewIfNeeded();
      await shot(phone.page, 'stay-in-touch-phone-en');
      expect(phone.problems).toEqual([]);
      await phone.page.close();
    } catch (error) {
      // What the page showed, to read beside the error.
      mkdirSync(OUT, { recursive: true });
      writeFileSync(join(OUT, 'e2e-journey-failure.txt'), await dump(page));
      await shot(page, 'failure');
      throw error;
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 600_000);
});
