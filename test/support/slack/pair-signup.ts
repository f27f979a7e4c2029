/**
 * A pair made the way people make one in Slack (as test/slack/matching.test.ts walks it): Kari
 * (an admin) creates the programme, Ola signs up as a mentor in English, Sara as a mentee in
 * Norwegian, Sara asks Ola and he accepts. Every step is a signed event or interaction, so a
 * journey test starts from the whole path rather than from rows written into the database.
 */
import { expect } from 'vitest';
import { withoutMarks } from '../../../src/core/kernel/rich-text.js';
import { texts } from '../harness.js';
import { answerUntilDone, fillModal } from './answers.js';
import type { SlackTestApp } from './app.js';
import { DEFAULT_TEAM } from './fake-web-api.js';
import { SlackPerson } from './person.js';

export const nb = (key: string, params?: Record<string, string | number>) => withoutMarks(texts.t('nb', key, params));
export const en = (key: string, params?: Record<string, string | number>) => withoutMarks(texts.t('en', key, params));

export const PROGRAMME = 'Vår 2027';

export interface SlackPair {
  kari: SlackPerson;
  ola: SlackPerson;
  sara: SlackPerson;
}

export function slackPerson(app: SlackTestApp, user: string, name: string): SlackPerson {
  return new SlackPerson(app.slack, app.fake, user, `D${user.slice(1)}`, DEFAULT_TEAM.team_id, name);
}

/** Ola Hansen (mentor, English) and Sara Haile (mentee, Norwegian) paired in Kari's programme. */
export async function signUpPair(app: SlackTestApp): Promise<SlackPair> {
  app.fake.setUser('U0KARI0001', { is_admin: true });
  const kari = slackPerson(app, 'U0KARI0001', 'kari');
  const ola = slackPerson(app, 'U0OLA00001', 'ola');
  const sara = slackPerson(app, 'U0SARA0001', 'sara');

  await kari.say('nytt program');
  const modal = await kari.openForm(await kari.question());
  await kari.submit(modal, fillModal(modal, { name: PROGRAMME, purpose: 'Nye kolleger får en god start.', startsOn: '2027-03-01', endsOn: '2027-09-01' }));
  const created = await kari.waitForText('Påmeldingskoden er');
  const code = /\*([A-Z0-9]{4,16})\*\./.exec(created.text)?.[1] ?? '';
  expect(code).not.toBe('');

  await ola.say('language');
  await ola.click(await ola.question(), 'en');
  await ola.say(`join ${code}`);
  await answerUntilDone(ola, {
    prefer: ['mentor', 'yes'],
    fields: { fullName: 'Ola Hansen', region: 'Bergen', nb: en('levels.native'), field: en('fields.health'), profession: 'Sykepleier', offer: 'Help with authorisation as a nurse', capacity: '1' },
    done: 'You are now a mentor in',
  });

  await sara.say(`bli med ${code}`);
  await answerUntilDone(sara, {
    prefer: ['mentee', 'yes'],
    fields: { fullName: 'Sara Haile', region: 'Bergen', nb: nb('levels.A2'), field: nb('fields.health'), profession: 'Sykepleier', goal1: 'Autorisasjon som sykepleier', helpWanted: 'Søknaden om autorisasjon' },
    done: 'Nå er du mentee i',
  });
  await sara.waitForText(nb('matching.chooseText', { count: 1 }));
  await sara.click(await sara.question(), nb('matching.askMentor', { name: 'Ola Hansen' }));
  await ola.waitForText(en('matching.requestTextNamed', { name: 'Sara Haile' }));
  await ola.click(await ola.question(), 'accept');
  await sara.waitForText(nb('journey.introTitleMentee', { name: 'Ola Hansen' }));
  await ola.waitForText(en('journey.introTitleMentor', { name: 'Sara Haile' }));
  return { kari, ola, sara };
}
