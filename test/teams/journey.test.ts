/**
 * The pair's journey in Microsoft Teams, over HTTP into the real CloudAdapter with the Bot
 * Connector faked on 127.0.0.1: Daniel (a mentor, English) and Amina (a mentee, Norwegian) sign
 * up and are paired on cards; then `my mentor`, the agreement on form cards (a double-clicked
 * Confirm acts once), a meeting Amina proposes and Daniel accepts with each one's meeting.ics
 * fetched through its signed Download link, a meeting logged and confirmed, the rating and the
 * reflection form, `goals`, and Amina ending the mentoring with Daniel's closing. What Amina types
 * with markdown and HTML in it reaches Daniel as the characters she typed, never as formatting.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainText } from '../../src/core/kernel/rich-text.js';
import { cardProblems } from '../support/teams/adaptive.js';
import { seedProgramme, type TeamsTestApp, texts } from '../support/teams/app.js';
import { FakeConnector } from '../support/teams/fake-connector.js';
import { startTeamsJourneyApp } from '../support/teams/journey-app.js';
import { runDueJobs } from '../support/teams/journey-jobs.js';
import { signUpInTeams } from '../support/teams/sign-up.js';
import { openCards, openUrls, runsWith, submitOn } from '../support/teams/journey-cards.js';
import { allCards, cardOf, readable, TeamsUser } from '../support/teams/teams-user.js';
import { deliverDue } from '../support/outbox-drain.js';

type Json = Record<string, unknown>;
const PROGRAMME = 'Mentorprogram høst 2026';
const KARI = { aadObjectId: 'c0c0c0c0-0000-4000-8000-00000000a001', name: 'Kari Nordmann' };
const TENANT = 'contoso-journey';
const t = (locale: string, key: string, params?: Record<string, string | number | Date>) => plainText(texts.t(locale, key, params as Record<string, string | number>));
/** A command word as a person types it (the first of its synonyms). */
const word = (locale: string, key: string) => texts.t(locale, `commands.${key}`).split('|')[0] ?? key;

/** Typed by Amina: markdown, HTML and a mention that must reach Daniel as these very characters. */
const TRICKY = '<b>Sykepleie</b> & *autorisasjon* _nå_ [klikk her](https://evil.example/login) <at>Daniel</at>';

/** Where Amina proposes to meet: typed by her, shown to Daniel, written into both calendar files. */
const PLACE = 'Kafé <i>Sentrum</i>, *2. etg*; [kart](https://evil.example)';
const ZONE = 'Europe/Oslo';
/** Waits that may sit behind Teams' per-conversation rate limit. */
const SLOW = 60_000;
const inOslo = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).toFormat('yyyy-MM-dd');

let app: TeamsTestApp;
const connector = new FakeConnector();

beforeAll(async () => {
  await connector.start();
  app = await startTeamsJourneyApp();
  await seedProgramme(app, TENANT, KARI);
});

afterAll(async () => {
  await app?.stop();
  await connector.stop();
});

const daniel = () => new TeamsUser(app.url, connector, { aadObjectId: 'd0d0d0d0-0000-4000-8000-00000000a002', name: 'Daniel Berg', locale: 'en-US', tenant: TENANT });
const amina = () => new TeamsUser(app.url, connector, { aadObjectId: 'a0a0a0a0-0000-4000-8000-00000000a003', name: 'Amina Yusuf', locale: 'nb-NO', tenant: TENANT });

/** How many of a person's messages contain `text` (to show something was said once). */
const count = (user: TeamsUser, text: string) => user.texts().filter((x) => x.includes(plainText(text))).length;

// Teams' per-conversation rate limit (a 30-second window) holds messages back when a whole
// journey happens in seconds, as it would in production: the waits and tests allow for it.
describe('the pair’s journey in Microsoft Teams', { timeout: 180_000 }, () => {
  it('signs Daniel up as a mentor (English) and Amina as a mentee (Norwegian); Daniel accepts her', async () => {
    await signUpInTeams(connector, daniel(), 'en', 'mentor', PROGRAMME, {
      field: 'health',
      profession: 'Nurse',
      languages: ['en', 'ar'],
      levels: { nb: t('en', 'levels.C1'), en: t('en', 'levels.native'), ar: t('en', 'levels.fluent') },
      offer: 'Help with authorisation',
      capacity: 1,
    });
    const mentee = amina();
    await signUpInTeams(connector, mentee, 'nb', 'mentee', PROGRAMME, { field: 'health', profession: 'Sykepleier', languages: ['en', 'ar'], goal: 'Autorisasjon som sykepleier', helpWanted: 'Søknaden' });
    await mentee.waitForText(t('nb', 'matching.chooseText', { count: 1 }), SLOW);
    expect((await mentee.click(t('nb', 'matching.askMentor', { name: 'Daniel Berg' }))).status).toBe(200);
    const mentor = daniel();
    await mentor.waitForText(t('en', 'matching.requestTextNamed', { name: 'Amina Yusuf' }), SLOW);
    expect((await mentor.click(t('en', 'matching.accept'))).status).toBe(200);
    await mentor.waitForText(t('en', 'matching.acceptedMentor', { name: 'Amina Yusuf' }), SLOW);
    await mentee.waitForText(t('nb', 'matching.acceptedMentee', { name: 'Daniel Berg' }), SLOW);
    expect(await app.prisma.match.count({ where: { status: 'active' } })).toBe(1);
  });

  it('`min mentor` shows Amina her mentor in Norwegian; `my mentee` shows Daniel his mentee in English', async () => {
    const mentee = amina();
    await mentee.say(word('nb', 'myPair'));
    await mentee.waitForText(t('nb', 'journey.viewTitleMentee', { programme: PROGRAMME }), SLOW);
    const menteeView = mentee.texts().at(-1) ?? '';
    expect(menteeView).toContain('Daniel Berg');
    expect(menteeView).toContain('Help with authorisation');
    expect(menteeView).toContain(t('nb', 'journey.agendaGoalsMentee'));
    const mentor = daniel();
    await mentor.say('my mentee');
    await mentor.waitForText(t('en', 'journey.viewTitleMentor', { count: 1, programme: PROGRAMME }), SLOW);
    const mentorView = mentor.texts().at(-1) ?? '';
    expect(mentorView).toContain('Amina Yusuf');
    expect(mentorView).toContain('Autorisasjon som sykepleier');
    expect(mentorView).toContain(t('en', 'journey.agendaGoalsMentor'));
  });

  it('the agreement on form cards: both parts and the frame; Amina’s typed markup reaches Daniel as characters; a double-clicked Confirm acts once', async () => {
    const mentee = amina();
    const mentor = daniel();
    const nb = (key: string) => t('nb', `agreement.${key}`);
    const en = (key: string) => t('en', `agreement.${key}`);
    await mentee.say(word('nb', 'agreement'));
    await mentee.waitForText(nb('partAsk'), SLOW);
    expect((await mentee.submit({ [nb('f_help')]: TRICKY, [nb('f_hopes')]: 'En fast jobb', [nb('f_goals')]: 'Autorisasjon\nNorsk B2' })).status).toBe(200);
    await mentee.waitForText(nb('frameAsk'), SLOW);
    const frame = {
      [nb('f_confidentiality')]: nb('confBetween'),
      [nb('f_frequency')]: t('nb', 'frequency.biweekly'),
      [nb('f_initiator')]: nb('init_mentee'),
      [nb('f_cancelling')]: 'Minst 24 timer før',
      [nb('f_evaluation')]: 'Hvert tredje møte',
      [nb('f_summary')]: nb('summaryYes'),
    };
    expect((await mentee.submit(frame)).status).toBe(200);
    await mentee.waitForText(t('nb', 'agreement.waitingPartner', { name: 'Daniel Berg' }), SLOW);

    await mentor.say('agreement');
    await mentor.waitForText(en('partAsk'), SLOW);
    expect((await mentor.submit({ [en('f_offer')]: 'Contacts at the hospital', [en('f_hopes')]: 'Learn from Amina', [en('f_limits')]: 'No loans' })).status).toBe(200);
    await mentor.waitForText(en('frameAsk'), SLOW);
    expect((await mentor.submit({
      [en('f_confidentiality')]: en('confBetween'),
      [en('f_frequency')]: t('en', 'frequency.biweekly'),
      [en('f_initiator')]: en('init_mentee'),
      [en('f_cancelling')]: 'At least 24 hours before',
      [en('f_evaluation')]: 'Every third meeting',
      [en('f_summary')]: en('summaryYes'),
    })).status).toBe(200);
    await mentor.waitForText(t('en', 'agreement.cardTitle', { name: 'Amina Yusuf', version: 1 }), SLOW);
    await mentee.waitForText(t('nb', 'agreement.cardTitle', { name: 'Daniel Berg', version: 1 }), SLOW);

    // Daniel's card: Amina's words exactly as typed, in a TextRun (shown as is), never styled by her stars.
    const { card } = mentor.openCard();
    const runs = runsWith(card, '<b>Sykepleie</b>');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ type: 'TextRun', text: TRICKY });
    expect(runs[0]).not.toHaveProperty('weight');
    expect(runs[0]).not.toHaveProperty('italic');
    expect(JSON.stringify(card)).not.toMatch(/[\uE000\uE001]/);
    expect(readable({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] })).toContain('Autorisasjon');

    // Amina clicks Confirm twice at once (a double tap, or Teams retrying): one confirmation.
    const twice = await Promise.all([mentee.click(nb('confirm')), mentee.click(nb('confirm'))]);
    expect(twice.map((r) => r.status)).toEqual([200, 200]);
    await mentor.waitForText(t('en', 'agreement.partnerConfirmed', { name: 'Amina Yusuf', version: 1 }), SLOW);
    await deliverDue(app);
    expect(count(mentor, t('en', 'agreement.partnerConfirmed', { name: 'Amina Yusuf', version: 1 }))).toBe(1);
    expect(count(mentee, t('nb', 'agreement.confirmedWaiting', { name: 'Daniel Berg' }))).toBe(1);
    expect(await app.prisma.agreement.findMany({ select: { version: true, status: true } })).toEqual([{ version: 1, status: 'proposed' }]);

    expect((await mentor.click(en('confirm'))).status).toBe(200);
    await mentor.waitForText(t('en', 'agreement.confirmedBoth', { name: 'Amina Yusuf', version: 1 }), SLOW);
    await mentee.waitForText(t('nb', 'agreement.confirmedBoth', { name: 'Daniel Berg', version: 1 }), SLOW);
    const [agreement] = await app.prisma.agreement.findMany();
    expect(agreement).toMatchObject({ version: 1, status: 'confirmed' });
    expect(agreement?.menteeConfirmedAt).toBeInstanceOf(Date);
    expect(agreement?.mentorConfirmedAt).toBeInstanceOf(Date);
  });

  it('Amina proposes a meeting on the `møte` card; Daniel accepts; each fetches a meeting.ics with the Oslo time through the card’s link', async () => {
    const mentee = amina();
    const mentor = daniel();
    const date = inOslo(10);
    const nb = (key: string) => t('nb', `meetings.${key}`);
    await mentee.say(word('nb', 'planMeeting'));
    await mentee.waitForText(nb('formTitle'), SLOW);
    expect((await mentee.submit({ [nb('f_date')]: date, [nb('f_time')]: '10:00', [nb('f_minutes')]: nb('min60'), [nb('f_mode')]: nb('mode_in-person'), [nb('f_place')]: PLACE })).status).toBe(200);
    const startsAt = DateTime.fromISO(`${date}T10:00`, { zone: ZONE }).toJSDate();
    const params = { at: startsAt, minutes: 60, mode: 'in-person' };
    await mentee.waitForText(t('nb', 'meetings.proposedSent', { name: 'Daniel Berg', ...params }), SLOW);
    await mentor.waitForText(t('en', 'meetings.proposal', { name: 'Amina Yusuf', ...params }), SLOW);

    // The place Amina typed is on Daniel's card as the characters she typed.
    const proposal = mentor.openCard().card;
    expect(runsWith(proposal, 'Sentrum')).toEqual([expect.objectContaining({ type: 'TextRun', text: PLACE })]);
    expect(runsWith(proposal, 'Sentrum')[0]).not.toHaveProperty('weight');
    expect((proposal.actions as Json[]).map((a) => a.title)).toEqual([t('en', 'meetings.accept'), t('en', 'meetings.otherTime'), t('en', 'meetings.cancelMeeting')]);
    expect((await mentor.click(t('en', 'meetings.accept'))).status).toBe(200);
    await mentor.waitForText(t('en', 'meetings.invitation', { name: 'Amina Yusuf', ...params }), SLOW);
    await mentee.waitForText(t('nb', 'meetings.invitation', { name: 'Daniel Berg', ...params }), SLOW);
    expect(await app.prisma.meeting.findMany({ select: { status: true, startsAt: true, place: true } })).toEqual([{ status: 'planned', startsAt, place: PLACE }]);

    const day = date.replaceAll('-', '');
    for (const [user, partner] of [[mentor, 'Amina Yusuf'], [mentee, 'Daniel Berg']] as const) {
      const invitation = user.messages().map((m) => cardOf(m.activity)).filter((c): c is Json => c !== null && JSON.stringify(c).includes('meeting.ics')).at(-1);
      expect(invitation, `${user.person.name}'s invitation card`).toBeDefined();
      const [link, ...more] = openUrls(invitation as Json);
      expect(more).toEqual([]);
      expect(link?.startsWith(`${app.url}/files/download?`)).toBe(true);
      const res = await fetch(String(link));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
      expect(res.headers.get('content-disposition')).toContain('meeting.ics');
      const ics = await res.text();
      expect(ics).toContain(`DTSTART;TZID=Europe/Oslo:${day}T100000`);
      expect(ics).toContain(`DTEND;TZID=Europe/Oslo:${day}T110000`);
      expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo');
      expect(ics).toContain(`SUMMARY:${plainText(texts.t(user.person.locale.slice(0, 2), 'meetings.icsSummary', { name: partner }))}`);
      expect(ics).toContain('LOCATION:Kafé <i>Sentrum</i>\\, *2. etg*\\; [kart](https://evil.example)');
      // The link is the permission: altered, it gives nothing.
      const forged = new URL(String(link));
      forged.searchParams.set('f', 'someone-elses-file');
      expect((await fetch(forged)).status).toBe(403);
    }
  });

  it('Daniel logs a meeting that happened, Amina confirms; both rate it, Amina’s reflection form and her summary reach Daniel as typed', async () => {
    const mentee = amina();
    const mentor = daniel();
    const en = (key: string) => t('en', `meetings.${key}`);
    const date = inOslo(-1);
    await mentor.say(word('en', 'logMeeting'));
    await mentor.waitForText(en('logFormTitle'), SLOW);
    expect((await mentor.submit({ [en('f_date')]: date, [en('f_time')]: '10:00', [en('f_minutes')]: en('min60'), [en('f_mode')]: en('mode_online') })).status).toBe(200);
    await mentor.waitForText(t('en', 'meetings.loggedWaiting', { name: 'Amina Yusuf' }), SLOW);
    const startsAt = DateTime.fromISO(`${date}T10:00`, { zone: ZONE }).toJSDate();
    await mentee.waitForText(t('nb', 'meetings.confirmAsk', { name: 'Daniel Berg', at: startsAt, minutes: 60, mode: 'online' }), SLOW);
    expect((await mentee.click(t('nb', 'meetings.confirmHeld'))).status).toBe(200);
    await mentee.waitForText(t('nb', 'meetings.heldBoth', { name: 'Daniel Berg', at: startsAt }), SLOW);
    await mentor.waitForText(t('en', 'meetings.heldBoth', { name: 'Amina Yusuf', at: startsAt }), SLOW);
    const held = await app.prisma.meeting.findFirstOrThrow({ where: { startsAt } });
    expect(held).toMatchObject({ status: 'held', minutes: 60, mode: 'online' });

    // The reflection job the log scheduled, run on ticks as the scheduler would until Amina is asked.
    const rateAsk = plainText(t('nb', 'reflections.rateAsk', { date: startsAt }));
    const asked = async () => {
      await runDueJobs(app);
      return mentee.texts().some((x) => x.includes(rateAsk));
    };
    await expect.poll(asked, { timeout: SLOW, interval: 1000 }).toBe(true);
    await mentor.waitForText(t('en', 'reflections.rateAsk', { date: startsAt }), SLOW);
    expect((mentee.openCard().card.actions as Json[]).map((a) => a.title)).toEqual(['1', '2', '3', '4', '5']);
    expect((await mentee.click('4')).status).toBe(200);
    await mentee.waitForText(t('nb', 'reflections.reflectionTitle'), SLOW);
    const r = (key: string) => t('nb', `reflections.${key}`);
    expect((await mentee.submit({ [r('f_useful')]: 'Nyttig-OKAPI om CV', [r('f_focus')]: 'Intervju', [r('f_workOn')]: 'Søke to jobber' })).status).toBe(200);
    await mentee.waitForText(r('saved_reflection'), SLOW);
    await mentee.waitForText(t('nb', 'reflections.summaryAsk', { name: 'Daniel Berg' }), SLOW);
    expect((await mentee.submit({ [r('f_summary')]: TRICKY })).status).toBe(200);
    await mentee.waitForText(t('nb', 'reflections.summarySent', { name: 'Daniel Berg' }), SLOW);
    await mentor.waitForText(t('en', 'reflections.summaryFrom', { name: 'Amina Yusuf' }), SLOW);
    const summary = mentor.messages().map((m) => m.activity).filter((a) => readable(a).includes(t('en', 'reflections.summaryFrom', { name: 'Amina Yusuf' }))).at(-1) as Json;
    const summaryCard = cardOf(summary);
    expect(summaryCard).not.toBeNull();
    expect(runsWith(summaryCard as Json, '<b>Sykepleie</b>')).toEqual([expect.objectContaining({ type: 'TextRun', text: TRICKY })]);
    expect(runsWith(summaryCard as Json, '<b>Sykepleie</b>')[0]).not.toHaveProperty('weight');
    expect(String(summary.summary ?? '')).not.toMatch(/<b>|[\uE000\uE001]/u);
    // Her reflection itself stays hers: Daniel never reads it.
    expect(mentor.texts().join('\n')).not.toContain('OKAPI');

    const reflections = await app.prisma.reflection.findMany({ where: { meetingId: held.id, kind: 'reflection' } });
    expect(reflections).toHaveLength(1);
    expect(reflections[0]).toMatchObject({ rating: 4 });
    // Daniel rates too, by typing the number as the card says he can.
    await mentor.say('5');
    await mentor.waitForText(t('en', 'reflections.rated', { rating: 5 }), SLOW);
    expect((await app.prisma.reflection.findMany({ where: { meetingId: held.id }, orderBy: { rating: 'asc' } })).map((x) => x.rating)).toEqual([4, 5]);
  });

  it('`mål` and `goals` show both the agreed goals', async () => {
    const mentee = amina();
    const mentor = daniel();
    await mentee.say(word('nb', 'goals'));
    await mentee.waitForText(t('nb', 'goals.title', { name: 'Daniel Berg' }), SLOW);
    await mentor.say(word('en', 'goals'));
    await mentor.waitForText(t('en', 'goals.title', { name: 'Amina Yusuf' }), SLOW);
    for (const [user, locale] of [[mentee, 'nb'], [mentor, 'en']] as const) {
      const view = user.texts().filter((x) => x.includes(t(locale, 'goals.privacy'))).at(-1) ?? '';
      expect(view).toContain('Autorisasjon');
      expect(view).toContain('Norsk B2');
    }
  });

  it('Amina ends the mentoring with a reason; Daniel gets his closing (never her note) and the planned meeting is called off', async () => {
    const mentee = amina();
    const mentor = daniel();
    const c = (key: string) => t('nb', `closure.${key}`);
    await mentee.say(word('nb', 'endMentoring'));
    await mentee.waitForText(t('nb', 'closure.endConfirm', { pair: 'Daniel Berg' }).split('Daniel Berg')[0] ?? '', SLOW);
    expect((await mentee.click(c('endYes'))).status).toBe(200);
    await mentee.waitForText(c('reasonAsk'), SLOW);
    expect((await mentee.submit({ [c('reasonLabel')]: c('reason_moved'), [c('noteLabel')]: 'NOTE-PANGOLIN flyttet til Bergen' })).status).toBe(200);
    // The closing is a burst (reflection, goal look, survey, the called-off meeting, a new match
    // offer) after a whole journey in seconds: Teams' per-conversation limit holds some back for
    // up to half a minute, as it would in production.
    await mentee.waitForText(c('endDone'), SLOW);
    expect(await app.prisma.match.findMany({ select: { status: true } })).toEqual([{ status: 'ended' }]);

    await mentor.waitForText(t('en', 'closure.reflectionHeading', { programme: PROGRAMME }), SLOW);
    await mentor.waitForText(t('en', 'closure.surveyHeading', { programme: PROGRAMME }), SLOW);
    const en = (key: string) => t('en', `closure.${key}`);
    expect((await submitOn(mentor, t('en', 'closure.reflectionHeading', { programme: PROGRAMME }), { [en('mentorLearned')]: 'Patience', [en('mentorDifferently')]: 'Meet more often' })).status).toBe(200);
    await mentor.waitForText(en('reflectionSaved'), SLOW);
    expect(await app.prisma.closureAnswer.count({ where: { kind: 'reflection' } })).toBe(1);
    // The note was for the coordinators.
    expect(mentor.texts().join('\n')).not.toContain('PANGOLIN');

    // The meeting still ahead is called off, with a file that takes it out of the calendar.
    await mentor.waitForText(t('en', 'meetings.calledOffPairEnded', { name: 'Amina Yusuf', at: DateTime.fromISO(`${inOslo(10)}T10:00`, { zone: ZONE }).toJSDate() }), SLOW);
    const cancel = mentor.messages().map((m) => cardOf(m.activity)).filter((x): x is Json => x !== null && readable({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: x }] }).includes('Amina Yusuf') && JSON.stringify(x).includes('meeting.ics')).at(-1);
    const ics = await (await fetch(String(openUrls(cancel as Json)[0]))).text();
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('STATUS:CANCELLED');
    expect(openCards(mentor).length).toBeGreaterThan(0);
  });

  it('sent only cards that pass the Adaptive Card checks', () => {
    const cards = allCards(connector.calls);
    expect(cards.length).toBeGreaterThan(20);
    expect(cards.flatMap((card) => cardProblems(card))).toEqual([]);
  });
});
