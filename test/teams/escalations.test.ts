/**
 * Escalations in Microsoft Teams, over HTTP into the real CloudAdapter with the Bot Connector
 * faked on 127.0.0.1 (the journey test's app, test/support/teams/journey-app.ts): Daniel (mentor,
 * English) and Amina (mentee, Norwegian) sign up and are paired on cards; a meeting Daniel logs
 * and Amina confirms is rated 1 by her → Kari, the programme's coordinator (Norwegian), gets an
 * Adaptive Card with the actions and Amina is told in Norwegian; Kari's double click on "Jeg
 * ringer" (two Action.Execute invokes at once) takes it once; the note form refuses an empty note
 * and a note resolves it. Daniel's `talk to a coordinator` reaches Kari with his words as the
 * characters he typed. Every card the bot sent passes Microsoft's Adaptive Cards library.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainText } from '../../src/core/kernel/rich-text.js';
import { cardProblems } from '../support/teams/adaptive.js';
import { seedProgramme, type TeamsTestApp, texts } from '../support/teams/app.js';
import { FakeConnector } from '../support/teams/fake-connector.js';
import { startTeamsJourneyApp } from '../support/teams/journey-app.js';
import { openCards, runsWith, submitOn } from '../support/teams/journey-cards.js';
import { runDueJobs } from '../support/teams/journey-jobs.js';
import { signUpInTeams } from '../support/teams/sign-up.js';
import { allCards, TeamsUser } from '../support/teams/teams-user.js';
import { deliverDue } from '../support/outbox-drain.js';

type Json = Record<string, unknown>;
const PROGRAMME = 'Mentorprogram høst 2026';
const TENANT = 'contoso-escalations';
const KARI = { aadObjectId: 'c0c0c0c0-0000-4000-8000-00000000e001', name: 'Kari Nordmann' };
const t = (locale: string, key: string, params?: Record<string, string | number | Date>) => plainText(texts.t(locale, key, params as Record<string, string | number>));
const word = (locale: string, key: string) => texts.t(locale, `commands.${key}`).split('|')[0] ?? key;
/** Typed by Daniel: markup and a mention that must reach Kari as these very characters. */
const TRICKY = 'I want to quit <b>now</b> & *really* <at>Kari</at>';
/** Waits that may sit behind Teams' per-conversation rate limit. */
const SLOW = 60_000;

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

const kari = () => new TeamsUser(app.url, connector, { ...KARI, locale: 'nb-NO', tenant: TENANT });
const daniel = () => new TeamsUser(app.url, connector, { aadObjectId: 'd0d0d0d0-0000-4000-8000-00000000e002', name: 'Daniel Berg', locale: 'en-US', tenant: TENANT });
const amina = () => new TeamsUser(app.url, connector, { aadObjectId: 'a0a0a0a0-0000-4000-8000-00000000e003', name: 'Amina Yusuf', locale: 'nb-NO', tenant: TENANT });
const count = (user: TeamsUser, text: string) => user.texts().filter((x) => x.includes(plainText(text))).length;

/** The open card of `user` whose words include `words`. */
function cardWith(user: TeamsUser, words: string): { activityId: string; card: Json; text: string } {
  const found = openCards(user).filter((c) => c.text.includes(plainText(words))).at(-1);
  if (!found) throw new Error(`${user.person.name} has no open card with "${words}"`);
  return found;
}

/** Presses the Action.Execute titled `title` on the open card with `words` (not just the newest). */
function press(user: TeamsUser, words: string, title: string): ReturnType<TeamsUser['post']> {
  const { activityId, card } = cardWith(user, words);
  const action = (card.actions as Json[]).find((a) => a.title === title);
  if (!action) throw new Error(`no action "${title}" on the card with "${words}"`);
  const base = user.activity('invoke-action-execute', { replyToId: activityId });
  return user.post({ ...base, value: { action: { type: 'Action.Execute', title: action.title, verb: action.verb, data: action.data ?? {} }, trigger: 'manual' } });
}

describe('escalations in Microsoft Teams', { timeout: 240_000 }, () => {
  it('pairs Daniel (mentor, English) and Amina (mentee, Norwegian); Kari has written to the bot, so she can be reached', async () => {
    const coordinator = kari();
    await coordinator.say(word('nb', 'help'));
    await connector.waitFor(() => coordinator.messages().length > 0, SLOW);
    await signUpInTeams(connector, daniel(), 'en', 'mentor', PROGRAMME, { field: 'health', profession: 'Nurse', languages: ['en'], levels: { nb: t('en', 'levels.C1'), en: t('en', 'levels.native') }, offer: 'Help with authorisation', capacity: 1 });
    const mentee = amina();
    await signUpInTeams(connector, mentee, 'nb', 'mentee', PROGRAMME, { field: 'health', profession: 'Sykepleier', languages: ['en'], goal: 'Autorisasjon', helpWanted: 'Søknaden' });
    await mentee.waitForText(t('nb', 'matching.chooseText', { count: 1 }), SLOW);
    expect((await mentee.click(t('nb', 'matching.askMentor', { name: 'Daniel Berg' }))).status).toBe(200);
    const mentor = daniel();
    await mentor.waitForText(t('en', 'matching.requestTextNamed', { name: 'Amina Yusuf' }), SLOW);
    expect((await mentor.click(t('en', 'matching.accept'))).status).toBe(200);
    await mentee.waitForText(t('nb', 'matching.acceptedMentee', { name: 'Daniel Berg' }), SLOW);
  });

  it('a meeting rated 1 by Amina: Kari’s card with the pair and the actions, Amina told in Norwegian', async () => {
    const mentee = amina();
    const mentor = daniel();
    const date = DateTime.now().setZone('Europe/Oslo').minus({ days: 1 }).toFormat('yyyy-MM-dd');
    const en = (key: string) => t('en', `meetings.${key}`);
    await mentor.say(word('en', 'logMeeting'));
    await mentor.waitForText(en('logFormTitle'), SLOW);
    expect((await mentor.submit({ [en('f_date')]: date, [en('f_time')]: '10:00', [en('f_minutes')]: en('min60'), [en('f_mode')]: en('mode_online') })).status).toBe(200);
    const startsAt = DateTime.fromISO(`${date}T10:00`, { zone: 'Europe/Oslo' }).toJSDate();
    await mentee.waitForText(t('nb', 'meetings.confirmAsk', { name: 'Daniel Berg', at: startsAt, minutes: 60, mode: 'online' }), SLOW);
    expect((await mentee.click(t('nb', 'meetings.confirmHeld'))).status).toBe(200);
    const rateAsk = t('nb', 'reflections.rateAsk', { date: startsAt });
    await expect.poll(async () => {
      await runDueJobs(app);
      return mentee.texts().some((x) => x.includes(rateAsk));
    }, { timeout: SLOW, interval: 1000 }).toBe(true);
    expect((await press(mentee, rateAsk, '1')).status).toBe(200);

    const coordinator = kari();
    await coordinator.waitForText(t('nb', 'escalations.cardTitle'), SLOW);
    const { card, text } = cardWith(coordinator, t('nb', 'escalations.cardTitle'));
    expect(text).toContain(t('nb', 'escalations.triggerLowRating'));
    expect(text).toContain('Daniel Berg');
    expect(text).toContain('Amina Yusuf');
    expect((card.actions as Json[]).map((a) => [a.type, a.title])).toEqual(
      ['ack', 'call', 'rematch', 'resolve'].map((k) => ['Action.Execute', t('nb', `escalations.${k}`)]),
    );
    await mentee.waitForText(t('nb', 'escalations.told', { programme: PROGRAMME }), SLOW);
    expect(await app.prisma.escalation.findMany({ select: { trigger: true, status: true } })).toEqual([{ trigger: 'low-rating', status: 'open' }]);
  });

  it('Kari double-clicks "Jeg ringer": taken once; the note form refuses an empty note, then a note resolves it', async () => {
    const coordinator = kari();
    const title = t('nb', 'escalations.cardTitle');
    const twice = await Promise.all([press(coordinator, title, t('nb', 'escalations.call')), press(coordinator, title, t('nb', 'escalations.call'))]);
    expect(twice.map((r) => r.status)).toEqual([200, 200]);
    await coordinator.waitForText(t('nb', 'escalations.takenCall'), SLOW);
    await coordinator.waitForText(t('nb', 'escalations.followUpText'), SLOW);
    await deliverDue(app);
    expect(count(coordinator, t('nb', 'escalations.takenCall'))).toBe(1);
    expect(await app.prisma.auditEvent.count({ where: { action: 'escalation:taken' } })).toBe(1);
    expect(await app.prisma.escalation.findMany({ select: { status: true } })).toEqual([{ status: 'taken' }]);

    expect((await press(coordinator, t('nb', 'escalations.followUpText'), t('nb', 'escalations.resolve'))).status).toBe(200);
    await coordinator.waitForText(t('nb', 'escalations.resolveAsk'), SLOW);
    // Teams checks an empty note on the card itself, in the feature's own words.
    const resolveCard = openCards(coordinator).find((c) => c.text.includes(t('nb', 'escalations.resolveAsk')));
    expect(JSON.stringify(resolveCard?.card)).toContain(JSON.stringify({ errorMessage: t('nb', 'escalations.noteRequired') }).slice(1, -1));
    const noteLabel = t('nb', 'escalations.noteLabel');
    const empty = await submitOn(coordinator, t('nb', 'escalations.resolveAsk'), { [noteLabel]: '' });
    expect(empty.status).toBe(200);
    expect(JSON.stringify(empty.body)).toContain(t('nb', 'escalations.noteRequired'));
    expect(await app.prisma.escalation.findMany({ select: { status: true } })).toEqual([{ status: 'taken' }]);
    // The form is still open, to be filled in.
    const done = await submitOn(coordinator, t('nb', 'escalations.resolveAsk'), { [noteLabel]: 'Ringte Amina; de møtes igjen neste uke.' });
    expect(JSON.stringify(done.body)).not.toContain(t('nb', 'escalations.noteRequired'));
    await coordinator.waitForText(t('nb', 'escalations.resolved'), SLOW);
    expect(await app.prisma.escalation.findMany({ select: { status: true, resolutionNote: true } })).toEqual([{ status: 'resolved', resolutionNote: 'Ringte Amina; de møtes igjen neste uke.' }]);
    expect(count(amina(), t('nb', 'escalations.told', { programme: PROGRAMME }))).toBe(1);
  });

  it('Daniel’s `talk to a coordinator` reaches Kari with his words as the characters he typed', async () => {
    const mentor = daniel();
    await mentor.say(word('en', 'talkToCoordinator'));
    await mentor.waitForText(t('en', 'escalations.helpAsk', { programme: PROGRAMME }), SLOW);
    expect((await mentor.submit({ [t('en', 'escalations.helpLabel')]: TRICKY })).status).toBe(200);
    await mentor.waitForText(t('en', 'escalations.told', { programme: PROGRAMME }), SLOW);
    const coordinator = kari();
    await coordinator.waitForText(t('nb', 'escalations.triggerAskedForHelp'), SLOW);
    const { card } = cardWith(coordinator, t('nb', 'escalations.triggerAskedForHelp'));
    const runs = runsWith(card, '<b>now</b>');
    expect(runs).toEqual([expect.objectContaining({ type: 'TextRun', text: TRICKY })]);
    expect(runs[0]).not.toHaveProperty('weight');
    expect(JSON.stringify(card)).not.toMatch(/[\uE000\uE001]/);
  });

  it('sent only cards that pass the Adaptive Card checks', () => {
    const cards = allCards(connector.calls);
    expect(cards.length).toBeGreaterThan(10);
    expect(cards.flatMap((card) => cardProblems(card))).toEqual([]);
  });
});
