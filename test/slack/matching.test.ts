/**
 * Matching in Slack, on the real app (startMentorBridge, the real Bolt app, PGlite, outbox)
 * against the fake Web API: a coordinator creates a programme, a mentor and a mentee sign up in
 * their DMs, the mentee gets her suggestions as Block Kit cards with reasons the moment her
 * profile is done, asks the mentor with a signed button click, and the mentor accepts in his
 * own DM (opened by the bot). A second click on Accept changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutMarks } from '../../src/core/kernel/rich-text.js';
import { texts } from '../support/harness.js';
import { answerUntilDone, fillModal } from '../support/slack/answers.js';
import { type SlackTestApp, startSlackApp } from '../support/slack/app.js';
import { DEFAULT_TEAM } from '../support/slack/fake-web-api.js';
import { SlackPerson } from '../support/slack/person.js';

const TEAM = DEFAULT_TEAM.team_id;
const nb = (key: string, params?: Record<string, string | number>) => withoutMarks(texts.t('nb', key, params));
const en = (key: string, params?: Record<string, string | number>) => withoutMarks(texts.t('en', key, params));

describe('matching in Slack', () => {
  let app: SlackTestApp;
  let code = '';
  const person = (user: string, name: string) => new SlackPerson(app.slack, app.fake, user, `D${user.slice(1)}`, TEAM, name);

  beforeAll(async () => {
    app = await startSlackApp();
    app.fake.setUser('U0KARI0001', { is_admin: true });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('lets Kari create the programme', async () => {
    const kari = person('U0KARI0001', 'kari');
    await kari.say('nytt program');
    const modal = await kari.openForm(await kari.question());
    const res = await kari.submit(modal, fillModal(modal, { name: 'Vår 2027', purpose: 'Nye kolleger får en god start.', startsOn: '2027-03-01', endsOn: '2027-09-01' }));
    expect(res.text).toBe('');
    const created = await kari.waitForText('Påmeldingskoden er');
    code = /\*([A-Z0-9]{4,16})\*\./.exec(created.text)?.[1] ?? '';
    expect(code).not.toBe('');
  });

  it('signs up Ola as a mentor in English with good Norwegian', async () => {
    const ola = person('U0OLA00001', 'ola');
    await ola.say('language');
    await ola.click(await ola.question(), 'en');
    await ola.say(`join ${code}`);
    await answerUntilDone(ola, {
      prefer: ['mentor', 'yes'],
      fields: { fullName: 'Ola Hansen', region: 'Bergen', nb: en('levels.native'), field: en('fields.health'), profession: 'Sykepleier', offer: 'Help with authorisation as a nurse', capacity: '1' },
      done: 'You are now a mentor in',
    });
  });

  it('shows Sara three-card suggestions with reasons as soon as her profile is done, and she asks Ola', async () => {
    const sara = person('U0SARA0001', 'sara');
    await sara.say(`bli med ${code}`);
    await answerUntilDone(sara, {
      prefer: ['mentee', 'yes'],
      fields: { fullName: 'Sara Haile', region: 'Bergen', nb: nb('levels.A2'), field: nb('fields.health'), profession: 'Sykepleier', goal1: 'Autorisasjon som sykepleier', helpWanted: 'Søknaden om autorisasjon' },
      done: 'Nå er du mentee i',
    });
    const card = await sara.waitForText(nb('matching.chooseText', { count: 1 }));
    // A section per mentor: the name as a heading, the fields and the reasons in her language.
    expect(card.text).toContain('Ola Hansen');
    expect(card.text).toContain('Help with authorisation as a nurse');
    expect(card.text).toContain(`${nb('matching.reasonField', { field: 'x' }).replace(/x$/, '')}${nb('fields.health')}`);
    expect(card.text).toContain(nb('matching.reasonPractiseNative'));
    expect(card.text).toContain(nb('matching.reasonRegion', { region: 'Bergen' }));
    const choose = await sara.question();
    expect(choose.actions.elements?.map((e) => e.text?.text)).toEqual([nb('matching.askMentor', { name: 'Ola Hansen' }), nb('matching.showOthers')]);
    expect((await sara.click(choose, nb('matching.askMentor', { name: 'Ola Hansen' }))).status).toBe(200);
    await sara.waitForText('Ola Hansen');
  });

  it('asks Ola in his own DM, in English, with what Sara shared; Accept pairs them once', async () => {
    const ola = person('U0OLA00001', 'ola');
    const request = await ola.waitForText(en('matching.requestTextNamed', { name: 'Sara Haile' }));
    expect(request.text).toContain('Autorisasjon som sykepleier');
    const q = await ola.question();
    const clickTs = '1765000000.000100';
    expect((await ola.click(q, 'accept', clickTs)).status).toBe(200);
    await ola.waitForText(en('matching.acceptedMentor', { name: 'Sara Haile' }));
    const sara = person('U0SARA0001', 'sara');
    await sara.waitForText(nb('matching.acceptedMentee', { name: 'Ola Hansen' }));
    await person('U0KARI0001', 'kari').waitForText(nb('matching.acceptedCoordinator', { programme: 'Vår 2027', mentor: 'Ola Hansen', mentee: 'Sara Haile' }));

    // Then each is introduced to the other, after the news (journey/intro.ts).
    await sara.waitForText(nb('journey.introTitleMentee', { name: 'Ola Hansen' }));
    await ola.waitForText(en('journey.introTitleMentor', { name: 'Sara Haile' }));

    // The same click again (a double click): nothing new is sent to anyone.
    const posts = () => app.fake.callsOf('chat.postMessage').length;
    const before = posts();
    expect((await ola.click(q, 'accept', '1765000000.000200')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    const after = app.fake.callsOf('chat.postMessage').slice(before);
    // At most a note to Ola that he already answered; Sara and Kari hear nothing more.
    expect(after.every((c) => c.args.channel === ola.channel)).toBe(true);
    expect(sara.allText().split(nb('matching.acceptedMentee', { name: 'Ola Hansen' })).length - 1).toBe(1);
  });
});
