/**
 * Matching in Microsoft Teams, over HTTP into the real CloudAdapter with the Bot Connector faked
 * on 127.0.0.1: a mentor and a mentee sign up with typed commands and form cards; the mentee's
 * suggestions arrive as an Adaptive Card the moment her profile is done; she asks with an
 * Action.Execute; the mentor accepts on his card; the coordinator, who never wrote to the bot,
 * hears of the new pair in a chat the bot opens. Every card passes the Adaptive Card checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainText } from '../../src/core/kernel/rich-text.js';
import { cardProblems } from '../support/teams/adaptive.js';
import { seedProgramme, startTeamsTestApp, type TeamsTestApp, texts } from '../support/teams/app.js';
import { FakeConnector } from '../support/teams/fake-connector.js';
import { signUpInTeams } from '../support/teams/sign-up.js';
import { allCards, readable, TeamsUser } from '../support/teams/teams-user.js';
import { deliverDue } from '../support/outbox-drain.js';

const PROGRAMME = 'Mentorprogram høst 2026';
const KARI = { aadObjectId: 'c0c0c0c0-0000-4000-8000-000000000002', name: 'Kari Nordmann' };
const t = (locale: string, key: string, params?: Record<string, string | number>) => plainText(texts.t(locale, key, params));

let app: TeamsTestApp;
const connector = new FakeConnector();

beforeAll(async () => {
  await connector.start();
  app = await startTeamsTestApp();
  await seedProgramme(app, 'contoso-matching', KARI);
});

afterAll(async () => {
  await app?.stop();
  await connector.stop();
});

describe('matching in Microsoft Teams', () => {
  const amir = () => new TeamsUser(app.url, connector, { aadObjectId: '0a1b2c3d-4e5f-4a6b-8c7d-000000000001', name: 'Amir Haddad', locale: 'nb-NO', tenant: 'contoso-matching' });
  const sara = () => new TeamsUser(app.url, connector, { aadObjectId: '6b1c2f9e-3a5d-4c47-9b2e-000000000002', name: 'Sara Haile', locale: 'en-US', tenant: 'contoso-matching' });

  it('signs Amir up as a mentor in Norwegian', async () => {
    await signUpInTeams(connector, amir(), 'nb', 'mentor', PROGRAMME, {
      field: 'health',
      profession: 'Sykepleier',
      languages: ['en', 'ar'],
      levels: { nb: texts.t('nb', 'levels.native'), en: texts.t('nb', 'levels.fluent'), ar: texts.t('nb', 'levels.native') },
      offer: 'Hjelp med autorisasjon og jobb på sykehus',
      capacity: 1,
    });
  });

  it('gives Sara her suggestion card as soon as she has joined, and she asks Amir', async () => {
    const user = sara();
    await signUpInTeams(connector, user, 'en', 'mentee', PROGRAMME, { field: 'health', profession: 'Nurse', languages: ['en', 'ar'], goal: 'Authorisation as a nurse', helpWanted: 'The authorisation application' });
    await user.waitForText(t('en', 'matching.chooseText', { count: 1 }));
    const { card } = user.openCard();
    const shown = readable({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] });
    expect(shown).toContain('Amir Haddad');
    expect(shown).toContain('Hjelp med autorisasjon og jobb på sykehus');
    expect(shown).toContain(t('en', 'matching.reasonLanguages', { languages: 'English and Arabic' }));
    expect(shown).toContain(t('en', 'matching.reasonPractiseNative'));
    expect((card.actions as { title: string }[]).map((a) => a.title)).toEqual([t('en', 'matching.askMentor', { name: 'Amir Haddad' }), t('en', 'matching.showOthers')]);
    expect((await user.click(t('en', 'matching.askMentor', { name: 'Amir Haddad' }))).status).toBe(200);
    await user.waitForText(t('en', 'matching.requestSent', { name: 'Amir Haddad', days: 7 }));
  });

  it('asks Amir on a card in Norwegian with what Sara shared; Godta pairs them and everyone hears once', async () => {
    const mentor = amir();
    await mentor.waitForText(t('nb', 'matching.requestTextNamed', { name: 'Sara Haile' }));
    expect(mentor.texts().join('\n')).toContain('Authorisation as a nurse');
    const both = await Promise.all([mentor.click(t('nb', 'matching.accept')), mentor.click(t('nb', 'matching.accept'))]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    await mentor.waitForText(t('nb', 'matching.acceptedMentor', { name: 'Sara Haile' }));
    const user = sara();
    await user.waitForText(t('en', 'matching.acceptedMentee', { name: 'Amir Haddad' }));
    await deliverDue(app);
    expect(user.texts().filter((x) => x.includes(t('en', 'matching.acceptedMentee', { name: 'Amir Haddad' })))).toHaveLength(1);
    const pairs = await app.prisma.match.findMany({ where: { status: 'active' } });
    expect(pairs).toHaveLength(1);

    // Kari never wrote to the bot: it opened a chat with her for the notices, this one included.
    const kariChat = connector.calls.find((c) => c.kind === 'createConversation' && JSON.stringify(c.body).includes(KARI.aadObjectId))?.conversationId;
    await connector.waitFor(() => connector.activities().some((c) => c.conversationId === kariChat && readable(c.body).includes(t('nb', 'matching.acceptedCoordinator', { programme: PROGRAMME, mentor: 'Amir Haddad', mentee: 'Sara Haile' }))));
  });

  it('sent only cards that pass the Adaptive Card checks', () => {
    const cards = allCards(connector.calls);
    expect(cards.length).toBeGreaterThan(10);
    expect(cards.flatMap((card) => cardProblems(card))).toEqual([]);
  });
});
