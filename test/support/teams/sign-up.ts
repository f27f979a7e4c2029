/**
 * A whole sign-up in Teams as a person does it: `join DEMO2026` typed, then every card answered
 * by its labels in the person's language. Answers can be changed per test (a mentor whose
 * Norwegian is their mother tongue, a mentee in health care…).
 */
import { expect } from 'vitest';
import { texts } from './app.js';
import type { FakeConnector } from './fake-connector.js';
import type { Posted, TeamsUser } from './teams-user.js';

export interface SignUpAnswers {
  region?: string;
  /** Level labels by language code; `nb` is always asked. */
  levels?: Record<string, string>;
  /** Language codes ticked besides Norwegian. */
  languages?: string[];
  field?: string;
  profession?: string;
  goal?: string;
  helpWanted?: string;
  offer?: string;
  capacity?: number;
}

/** Runs an answer and waits for the next open card (a different one) to arrive. */
export async function nextCard(connector: FakeConnector, user: TeamsUser, action: () => Promise<Posted>): Promise<Posted> {
  const before = user.openCard().activityId;
  const res = await action();
  expect(res.status).toBe(200);
  await connector.waitFor(() => {
    try {
      return user.openCard().activityId !== before;
    } catch {
      return false; // the answered card lost its buttons; the next question is still on its way
    }
  });
  return res;
}

/** Joins with the join code and answers every card, in `locale`, as a mentee or a mentor. */
export async function signUpInTeams(connector: FakeConnector, user: TeamsUser, locale: string, role: 'mentee' | 'mentor', programme: string, a: SignUpAnswers = {}): Promise<Posted> {
  const t = (key: string, params?: Record<string, string>) => texts.t(locale, key, params);
  const next = (action: () => Promise<Posted>) => nextCard(connector, user, action);
  const joinWord = t('commands.join').split('|')[0];
  await user.say(`<at>Mentor Bridge</at> ${joinWord} DEMO2026`);
  await user.waitForText(t('join.roleQuestion', { programme }));
  const clicked = await next(() => user.click(t(role === 'mentee' ? 'join.asMentee' : 'join.asMentor')));
  await next(() => user.click(t('join.consentYes')));
  await next(() => user.submit({ [t('profile.fullName')]: user.person.name, [t('profile.region')]: a.region ?? 'Stavanger', [t('profile.availability')]: t('availability.weekend') }));
  const languages = a.languages ?? ['en', 'ti'];
  await next(() => user.submit({ [t('profile.languagesLabel')]: languages.map((code) => t(`languages.${code}`)) }));
  const levels = a.levels ?? { nb: t('levels.A2'), en: t('levels.fluent'), ti: t('levels.native') };
  await next(() => user.submit(Object.fromEntries(['nb', ...languages].map((code) => [t(`languages.${code}`), levels[code] ?? t('levels.fluent')]))));
  await next(() => user.submit({ [t('profile.field')]: t(`fields.${a.field ?? 'engineering'}`), [t('profile.profession')]: a.profession ?? 'Civil engineer', [t('profile.yearsExperience')]: 7 }));
  const last =
    role === 'mentee'
      ? { [t('profile.goal1')]: a.goal ?? 'Get my degree recognised', [t('profile.goal2')]: 'Find a job', [t('profile.helpWanted')]: a.helpWanted ?? 'Practising interviews.' }
      : { [t('profile.offer')]: a.offer ?? 'CV reviews and interview practice.', [t('profile.capacity')]: a.capacity ?? 2 };
  expect((await user.submit(last)).status).toBe(200);
  await user.waitForText(t(role === 'mentee' ? 'join.doneMentee' : 'join.doneMentor', { programme }));
  return clicked;
}
