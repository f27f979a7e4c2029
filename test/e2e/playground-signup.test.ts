/**
 * The whole playground as a user meets it: the real app (startMentorBridge, embedded PGlite on a
 * throwaway data folder, real core, outbox and stream) in headless Chromium. Sara signs up as a
 * mentee by clicking and filling what the page shows; Amina asks for help in Norwegian; Kari
 * creates a programme. Saves test-output/e2e-signup-*.png to look at.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../src/core/features/membership/join.js';
import { openDatabase } from '../../src/store/database.js';
import { openPage, say, skipBrowser, skipReason } from './browser.js';
import { botMessage, playgroundInChromium, shownText } from './playground-app.js';
import { history, OUT, textOf } from './support.js';

if (skipBrowser) console.warn(`e2e browser tests skipped: ${skipReason}`);

const shot = (page: Page, name: string) => page.screenshot({ path: join(OUT, `e2e-signup-${name}.png`) });

/** The bot message that carries the open form titled `title`. */
function formTitled(page: Page, title: string): Locator {
  return page.locator('form.prompt.form').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
}



describe.skipIf(skipBrowser)('playground end to end in Chromium', () => {
  const running = playgroundInChromium();

  it('lets Sara sign up as a mentee by clicking and filling what the page shows', async () => {
    const { url, browser } = running();
    const { page, problems } = await openPage(browser, `${url}/`);

    // The picker, grouped by role, with Sara under "New here".
    const sara = page.locator('#person optgroup[label="New here"] option[value="sara"]');
    await sara.waitFor({ state: 'attached' });
    expect(await sara.textContent()).toBe('Sara (new)');
    await expect.poll(() => page.locator('#person optgroup').evaluateAll((groups) => groups.map((g) => (g as HTMLOptGroupElement).label))).toEqual(['Coordinator', 'Mentors', 'Mentees', 'New here']);
    await expect.poll(() => page.getByText('Pick who you are').isVisible()).toBe(true);
    expect(await page.getByLabel('Message').isDisabled()).toBe(true);
    await shot(page, 'start');

    // Picking Sara opens the stream and greets her in English.
    await page.selectOption('#person', { label: 'Sara (new)' });
    await page.getByText('Hello, Sara! I am Mentor Bridge.').waitFor();
    await page.getByRole('status').filter({ hasText: 'Connected as Sara' }).waitFor();
    await botMessage(page, 'You are not in a programme yet.').waitFor();

    await say(page, 'join DEMO2026');
    await page.locator('li.msg.me').filter({ hasText: 'join DEMO2026' }).waitFor();
    await botMessage(page, 'Welcome to Mentorprogram høst 2026!').waitFor();
    expect(await botMessage(page, 'Welcome to').locator('strong').textContent()).toBe('Mentorprogram høst 2026');

    // Role: a button; the question is then replaced by its answer.
    await page.getByRole('button', { name: 'Mentee: I want a mentor', exact: true }).click();
    await botMessage(page, /as a mentee \(you get a mentor\).*✓ Mentee: I want a mentor/s).waitFor();
    expect(await page.getByRole('button', { name: 'Mentor: I want to help', exact: true }).count()).toBe(0);

    // Privacy: the notice is readable, and agreeing is a button.
    await botMessage(page, 'Privacy in Mentorprogram høst 2026').waitFor();
    expect(await shownText(botMessage(page, 'Privacy in'))).toContain('write leave at any time');
    await page.getByRole('button', { name: 'I agree' }).click();
    await botMessage(page, /Do you agree\?\s*✓ I agree/).waitFor();

    // About you.
    const about = formTitled(page, 'About you');
    await about.waitFor();
    await botMessage(page, 'Let us make your profile.').waitFor();
    await about.getByLabel('Full name').fill('Sara Haile');
    await about.getByLabel('Town or region').fill('Stavanger');
    expect(await about.getByText('Your town or county, for example Oslo, Akershus, Vestland, Trøndelag or Nordland').isVisible()).toBe(true);
    await about.getByLabel('When can you usually meet?').selectOption({ label: 'Weekends' });
    await shot(page, 'mid-form');
    await about.getByRole('button', { name: 'Save' }).click();
    await botMessage(page, /First, a little about you\.\s*✓/).waitFor();

    // Languages besides Norwegian: a form of checkboxes, and Save.
    const languages = formTitled(page, 'Your languages');
    await languages.waitFor();
    await languages.getByLabel('English', { exact: true }).check();
    // A long list has a search box: "tigr" leaves Tigrinya, and English stays because it is ticked.
    const search = languages.getByRole('searchbox', { name: 'Search the list' });
    await search.fill('tigr');
    await search.press('Enter');
    const shown = async () => (await languages.locator('label.check:visible').allInnerTexts()).map((s) => s.trim());
    await expect.poll(shown).toEqual(['English', 'Tigrinya']);
    await search.fill('zzzz');
    await languages.getByText('No match: try another spelling, or choose Other').waitFor();
    await search.fill('');
    expect((await shown()).length).toBeGreaterThan(10);
    await languages.getByLabel('Tigrinya', { exact: true }).check();
    await languages.getByRole('button', { name: 'Save' }).click();
    await botMessage(page, /besides Norwegian.*✓ Languages: English, Tigrinya/s).waitFor();

    // How well: Norwegian always (in the CEFR steps of Norwegian courses), then each language chosen.
    const levels = formTitled(page, 'Your languages');
    await levels.waitFor();
    expect(await levels.locator('label').allInnerTexts()).toEqual(['Norwegian *', 'English *', 'Tigrinya *']);
    await levels.getByLabel('Norwegian').selectOption({ label: 'A2 – elementary' });
    await levels.getByLabel('English').selectOption({ label: 'Fluent' });
    await levels.getByLabel('Tigrinya').selectOption({ label: 'Mother tongue' });
    await shot(page, 'mid-levels');
    await levels.getByRole('button', { name: 'Save' }).click();

    // Work and education.
    const work = formTitled(page, 'Work and education');
    await work.waitFor();
    await botMessage(page, 'Tell me about your work and education').waitFor();
    await work.getByLabel('Field').selectOption({ label: 'Engineering' });
    await work.getByLabel('Profession or job title').fill('Civil engineer');
    await work.getByLabel('Education').fill('MSc in civil engineering, Asmara');
    await work.getByLabel('Years of work experience').fill('7');
    await work.getByRole('button', { name: 'Save' }).click();

    // Goals.
    const goals = formTitled(page, 'Your goals');
    await goals.waitFor();
    await goals.getByLabel('Goal 1').fill('Get my engineering degree recognised in Norway');
    await goals.getByLabel('Goal 2 (optional)').fill('Find a job in a consulting firm');
    await goals.getByLabel('What would you like help with?').fill('Understanding how hiring works here.\nPractising interviews.');
    await goals.getByRole('button', { name: 'Save' }).click();

    // Done: one message says so, and no sign-up question is left open: the one thing to answer
    // now is her choice of mentor (matching comes as soon as her profile is done).
    await botMessage(page, 'You are now a mentee in Mentorprogram høst 2026').waitFor();
    expect(await page.locator('li.msg.bot').filter({ hasText: 'You are now a mentee' }).count()).toBe(1);
    const suggestions = botMessage(page, 'who could suit you');
    await suggestions.waitFor();
    expect(await page.locator('form.prompt').count()).toBe(0);
    expect(await page.locator('.choices').count()).toBe(1);
    expect(await suggestions.locator('.choices').count()).toBe(1);
    expect(await page.locator('.error:not(:empty)').count()).toBe(0);
    await shot(page, 'done');

    // Her profile, as she told it.
    await say(page, 'profile');
    const profile = botMessage(page, 'Mentorprogram høst 2026 — mentee');
    await profile.waitFor();
    const text = await shownText(profile.locator('.text'));
    for (const line of [
      'Name: Sara Haile',
      'Languages: Norwegian (A2 – elementary), English (Fluent), Tigrinya (Mother tongue)',
      'Field: Engineering',
      'Profession: Civil engineer',
      'Education: MSc in civil engineering, Asmara',
      'Years of experience: 7',
      'Region: Stavanger',
      'Can meet: Weekends',
      'Goals:',
      '1. Get my engineering degree recognised in Norway',
      '2. Find a job in a consulting firm',
      'Wants help with: Understanding how hiring works here.',
    ]) {
      expect(text).toContain(line);
    }
    await shot(page, 'profile');

    // After a reload she is a mentee under her full name, and the conversation is still there.
    await page.reload();
    await page.locator('#person optgroup[label="Mentees"] option[value="sara"]').waitFor({ state: 'attached' });
    expect(await page.locator('#person option[value="sara"]').textContent()).toBe('Sara Haile');
    await botMessage(page, 'You are now a mentee').waitFor();

    // The coordinator was told, in her own language.
    const kari = await history(url, 'kari');
    expect(kari.map(textOf)).toContain('Sara Haile har blitt med i Mentorprogram høst 2026 som mentee.');

    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('answers Amina in Norwegian when she writes "hjelp"', async () => {
    const { url, browser } = running();
    const { page, problems } = await openPage(browser, `${url}/`, { locale: 'nb-NO' });
    await page.locator('#person option[value="amina"]').waitFor({ state: 'attached' });
    await page.selectOption('#person', { label: 'Amina Yusuf' });
    await page.getByText('Hei, Amina Yusuf! Jeg er Mentor Bridge.').waitFor();
    // The page speaks Amina's language too, its own labels included.
    await page.getByRole('status').filter({ hasText: 'Tilkoblet som Amina Yusuf' }).waitFor();
    const greetings = await page.locator('li.msg.bot').filter({ hasText: 'Dette kan du gjøre nå' }).count();

    await say(page, 'hjelp');
    await expect.poll(() => page.locator('li.msg.bot').filter({ hasText: 'Dette kan du gjøre nå' }).count()).toBe(greetings + 1);
    const help = page.locator('li.msg.bot').filter({ hasText: 'Dette kan du gjøre nå' }).last();
    expect(await help.getAttribute('lang')).toBe('nb');
    const text = await shownText(help);
    expect(text).toContain('Mentorprogram høst 2026 — mentee. Profilen din er ferdig.');
    expect(text).toContain('Kommandoer');
    expect(text).toContain('bli med KODE — bli med i et program med koden');
    expect(text).toContain('profil — se profilen din');
    expect(text).toContain('hjelp — denne listen');
    expect(text).not.toMatch(/\b(join|profile|help|Commands)\b/);
    expect(await page.getByText('Det forsto jeg ikke').count()).toBe(0);
    await shot(page, 'amina-hjelp');

    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('lets Kari create a programme with "nytt program" and shows its join code', async () => {
    const { url, browser } = running();
    const { page, problems } = await openPage(browser, `${url}/`, { locale: 'nb-NO' });
    await page.locator('#person option[value="kari"]').waitFor({ state: 'attached' });
    await page.selectOption('#person', { label: 'Kari Nordmann' });
    await page.getByText('Hei, Kari Nordmann!').waitFor();

    await say(page, 'nytt program');
    const form = formTitled(page, 'Nytt program');
    await form.waitFor();
    await botMessage(page, 'Nå lager vi et program.').waitFor();
    await form.getByLabel('Navn').fill('Mentorprogram vår 2027');
    await form.getByLabel('Formål').fill('Hjelpe nyankomne ingeniører inn i relevant arbeid.');
    await form.getByLabel('Startdato').fill('2027-01-11');
    await form.getByLabel('Sluttdato').fill('2027-06-18');
    await form.getByLabel('Hvor ofte skal mentor og mentee møtes?').selectOption({ label: 'Én gang i måneden' });
    await form.getByRole('button', { name: 'Opprett program' }).click();

    const created = botMessage(page, 'Påmeldingskoden er');
    await created.waitFor();
    const text = await shownText(created);
    expect(text).toContain('Mentorprogram vår 2027 er opprettet og varer fra 11. januar 2027 til 18. juni 2027.');
    const code = /Påmeldingskoden er ([A-Z0-9]+)\./.exec(text)?.[1];
    expect(code).toMatch(/^[A-Z0-9]{4,16}$/);
    expect(code).not.toBe('DEMO2026');
    expect(text).toContain(`De skriver bli med ${code} til meg.`);
    expect(await created.locator('strong').allInnerTexts()).toEqual(['Mentorprogram vår 2027', code, `bli med ${code}`]);
    expect(await page.locator('form.prompt').count()).toBe(0);
    await shot(page, 'kari-programme');

    // The new code works: Sara can be told to join it.
    await say(page, 'hjelp');
    await expect.poll(() => page.locator('li.msg.bot').filter({ hasText: `Påmeldingskode: ${code}` }).count()).toBe(1);

    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it("stores Sara's membership with her answers", async () => {
    const { dataDir, stopApp } = running();
    await stopApp();
    const db = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      const identity = await db.prisma.channelIdentity.findFirstOrThrow({ where: { platform: 'playground', externalUserId: 'sara' } });
      const person = await db.prisma.person.findUniqueOrThrow({ where: { id: identity.personId } });
      expect(person).toMatchObject({ displayName: 'Sara Haile', locale: 'en' });
      const memberships = await db.prisma.membership.findMany({ where: { personId: person.id } });
      expect(memberships).toHaveLength(1);
      const programme = await db.prisma.programme.findUniqueOrThrow({ where: { id: memberships[0]?.programmeId } });
      expect(programme.joinCode).toBe('DEMO2026');
      expect(memberships[0]).toMatchObject({
        role: 'mentee',
        status: 'active',
        consentVersion: PRIVACY_NOTICE_VERSION,
        fullName: 'Sara Haile',
        region: 'Stavanger',
        availability: 'weekend',
        languages: [
          { code: 'nb', level: 'A2' },
          { code: 'en', level: 'fluent' },
          { code: 'ti', level: 'native' },
        ],
        field: 'engineering',
        profession: 'Civil engineer',
        education: 'MSc in civil engineering, Asmara',
        yearsExperience: 7,
        goals: ['Get my engineering degree recognised in Norway', 'Find a job in a consulting firm'],
        helpWanted: 'Understanding how hiring works here.\nPractising interviews.',
        offer: null,
        capacity: null,
      });
      expect(memberships[0]?.consentedAt).toBeInstanceOf(Date);
      expect(memberships[0]?.profileDoneAt).toBeInstanceOf(Date);
      const runs = await db.prisma.flowRun.findMany({ where: { personId: person.id } });
      expect(runs.map((r) => [r.flowId, r.status])).toEqual([['join', 'completed']]);
      const audit = await db.prisma.auditEvent.findMany({ where: { actorPersonId: person.id } });
      expect(audit.map((a) => a.action)).toEqual(['membership:joined']);
    } finally {
      await db.close();
    }
  });
});
