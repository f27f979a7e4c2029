/**
 * Whole sign-ups in Teams, over HTTP into the real CloudAdapter (authentication off, as in
 * Microsoft's local tools) with the Bot Connector faked on 127.0.0.1: typed commands, button
 * clicks and form cards as `adaptiveCard/action` invokes, answered cards updated in place, a
 * double-submitted card acting once, and a proactive message to a coordinator who never wrote to
 * the bot (a personal chat created for them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainText } from '../../src/core/kernel/rich-text.js';
import { cardProblems } from '../support/teams/adaptive.js';
import { seedProgramme, startTeamsTestApp, type TeamsTestApp, texts } from '../support/teams/app.js';
import { FakeConnector } from '../support/teams/fake-connector.js';
import { signUpInTeams } from '../support/teams/sign-up.js';
import { allCards, BOT_ID, readable, TeamsUser, TENANT } from '../support/teams/teams-user.js';
import { deliverDue } from '../support/outbox-drain.js';

const PROGRAMME = 'Mentorprogram høst 2026';
const KARI = { aadObjectId: 'c0c0c0c0-0000-4000-8000-000000000001', name: 'Kari Nordmann' };

let app: TeamsTestApp;
const connector = new FakeConnector();
let coordinatorId = '';

beforeAll(async () => {
  await connector.start();
  app = await startTeamsTestApp();
  coordinatorId = (await seedProgramme(app, TENANT, KARI)).coordinatorId;
});

afterAll(async () => {
  await app?.stop();
  await connector.stop();
});

function invokeMessage(locale: string): unknown {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: texts.t(locale, 'teams.received') };
}

/** The whole sign-up; its first click (the role) is answered with the "received" message Teams shows. */
async function signUp(user: TeamsUser, locale: string, role: 'mentee' | 'mentor'): Promise<void> {
  const clicked = await signUpInTeams(connector, user, locale, role, PROGRAMME);
  expect(clicked.body).toEqual(invokeMessage(locale));
}

describe('signing up in Microsoft Teams', () => {
  it('lets Sara sign up as a mentee in English: a typed command, buttons and form cards', async () => {
    const sara = new TeamsUser(app.url, connector, { aadObjectId: '6b1c2f9e-3a5d-4c47-9b2e-1f0a7d5c3e21', name: 'Sara Haile', locale: 'en-US' });
    await signUp(sara, 'en', 'mentee');

    // Each answered question was updated in place (PUT) and has no buttons left.
    const updates = connector.calls.filter((c) => c.kind === 'update' && c.conversationId === sara.conversationId);
    expect(updates).toHaveLength(7);
    expect(sara.texts()).toContain(`${plainText(texts.t('en', 'join.roleQuestion', { programme: PROGRAMME }))}\n✓ ${texts.t('en', 'join.asMentee')}`);
    expect(() => sara.openCard()).toThrow(/no open card/);

    await sara.say('profile');
    await sara.waitForText(`${PROGRAMME} — mentee`);
    const profile = sara.texts().find((t) => t.includes(`${PROGRAMME} — mentee`));
    for (const line of ['Sara Haile', 'Civil engineer', 'Stavanger', 'Tigrinya (Mother tongue)', 'Get my degree recognised']) expect(profile).toContain(line);
  });

  it('lets Amir sign up as a mentor in Norwegian', async () => {
    const amir = new TeamsUser(app.url, connector, { aadObjectId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Amir Haddad', locale: 'nb-NO' });
    await signUp(amir, 'nb', 'mentor');
    const chat = amir.texts().join('\n');
    expect(chat).toContain(`✓ ${texts.t('nb', 'join.consentYes')}`);
    expect(chat).toContain(`✓ ${texts.t('nb', 'join.asMentor')}`);
    expect(chat).not.toContain(texts.t('en', 'join.consentYes'));
    // The card's own words (a required field's error message) are in Norwegian too.
    const sent = JSON.stringify(allCards(connector.calls.filter((c) => c.kind === 'reply' && c.conversationId === amir.conversationId)));
    expect(sent).toContain(texts.t('nb', 'teams.required'));
    expect(sent).not.toContain(texts.t('en', 'teams.required'));
  });

  it('tells the coordinator, who never wrote to the bot, by opening a personal chat with her', async () => {
    const created = connector.calls.filter((c) => c.kind === 'createConversation');
    expect(created).toHaveLength(1); // the second notice reuses the chat the first one opened
    expect(created[0]?.body).toMatchObject({ isGroup: false, bot: { id: BOT_ID }, members: [{ id: KARI.aadObjectId }], tenantId: TENANT, channelData: { tenant: { id: TENANT } } });
    const chat = created[0]?.conversationId;
    const notices = connector.activities().filter((c) => c.conversationId === chat);
    const expected = (name: string, role: string) => texts.t('nb', 'join.coordinatorNotice', { name, role: texts.t('nb', `roles.${role}`), programme: PROGRAMME });
    expect(notices.map((n) => readable(n.body))).toEqual([plainText(expected('Sara Haile', 'mentee')), plainText(expected('Amir Haddad', 'mentor'))]);
    const identity = await app.prisma.channelIdentity.findFirst({ where: { personId: coordinatorId, platform: 'teams' } });
    expect(identity?.address).toMatchObject({ conversation: { id: chat }, serviceUrl: connector.url, bot: { id: BOT_ID } });
  });

  it('acts once on a card submitted twice at the same moment', async () => {
    const lena = new TeamsUser(app.url, connector, { aadObjectId: '11111111-2222-4333-8444-555555555555', name: 'Lena Berg', locale: 'en-US' });
    await lena.say('join DEMO2026');
    await lena.waitForText(texts.t('en', 'join.roleQuestion', { programme: PROGRAMME }));
    const roleCard = lena.openCard().activityId;
    const both = await Promise.all([lena.click(texts.t('en', 'join.asMentee')), lena.click(texts.t('en', 'join.asMentee'))]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    await lena.waitForText('Privacy in');
    // The tenant's pacing may hold the second click's answer back a few milliseconds: wait for it.
    await expect.poll(async () => {
      await app.dispatcher.kick();
      return lena.texts().join('\n');
    }, { timeout: 10_000 }).toContain(plainText(texts.t('en', 'engine.staleAnswer')));
    expect(connector.calls.filter((c) => c.kind === 'update' && c.activityId === roleCard)).toHaveLength(1);
    expect(lena.texts().filter((t) => t.includes('Privacy in'))).toHaveLength(1);
  });

  it('ignores a redelivered invoke (same activity id) and answers it like the first', async () => {
    const lena = new TeamsUser(app.url, connector, { aadObjectId: '11111111-2222-4333-8444-555555555555', name: 'Lena Berg', locale: 'en-US' });
    const first = await lena.click(texts.t('en', 'join.consentYes'), 'f:redelivered-1');
    await lena.waitForText(texts.t('en', 'profile.aboutTitle'));
    await deliverDue(app);
    const count = connector.calls.length;
    const again = await lena.post({ ...lena.activity('invoke-action-execute'), id: 'f:redelivered-1', value: { action: { type: 'Action.Execute', verb: 'mb.answer', data: { mbPrompt: 'whatever', mbKind: 'choice', mbValue: 'yes' } } } });
    await deliverDue(app);
    expect(first.status).toBe(200);
    expect(again).toEqual({ status: 200, body: invokeMessage('en') });
    expect(connector.calls.length).toBe(count);
  });

  it('sent only cards that Microsoft’s adaptivecards library parses without problems', () => {
    const cards = allCards(connector.calls);
    expect(cards.length).toBeGreaterThan(20);
    expect(cards.flatMap((card) => cardProblems(card))).toEqual([]);
  });
});
