/**
 * Matching tests' people: mentors and mentees with finished profiles seeded straight into the
 * database (each with a chat), a coordinator, and the job runner for reminders and expiries.
 */
import { EMPTY_PROFILE, type Profile } from '../../src/core/domain.js';
import { JobRunner } from '../../src/core/kernel/jobs/runner.js';
import { withoutMarks } from '../../src/core/kernel/rich-text.js';
import type { Outbound } from '../../src/core/messages.js';
import { createIdSource } from '../../src/ids.js';
import { createLogger } from '../../src/log.js';
import { PrismaJobQueue } from '../../src/store/job-queue.js';
import type { Chat, Harness } from '../support/harness.js';

export const PROG = 'prog';
export const DAY = 86_400_000;
/** What the mentee wrote for matching, and words of hers a mentor must never see. */
export const AMINA = {
  goal: 'Get authorisation as a nurse in Norway',
  helpWanted: 'Understand how Norwegian hospitals hire',
};

export const menteeProfile = (p: Partial<Profile> = {}): Profile => ({
  ...EMPTY_PROFILE,
  fullName: 'Amina Yusuf',
  languages: [
    { code: 'nb', level: 'A2' },
    { code: 'ar', level: 'native' },
    { code: 'en', level: 'fluent' },
  ],
  field: 'health',
  profession: 'Nurse',
  region: 'Oslo',
  availability: 'weekdayEvening',
  goals: [AMINA.goal],
  helpWanted: AMINA.helpWanted,
  ...p,
});

export const mentorProfile = (name: string, p: Partial<Profile> = {}): Profile => ({
  ...EMPTY_PROFILE,
  fullName: name,
  languages: [
    { code: 'nb', level: 'native' },
    { code: 'en', level: 'fluent' },
  ],
  field: 'health',
  profession: 'Nurse',
  yearsExperience: 10,
  region: 'Oslo',
  availability: 'flexible',
  offer: 'Help with authorisation and hospital jobs',
  capacity: 2,
  ...p,
});

export interface Seeded {
  chat: Chat;
  personId: string;
  membershipId: string;
}

/** A person with a chat and an active membership with a finished profile. */
export async function seedMember(h: Harness, orgId: string, user: string, role: 'mentor' | 'mentee' | 'coordinator', profile: Profile, locale: 'en' | 'nb' = 'en', programmeId = PROG): Promise<Seeded> {
  const personId = `p-${user}`;
  const membershipId = `m-${programmeId}-${user}`;
  const at = h.clock.now();
  await h.store.transaction(async (r) => {
    if (!(await r.people.get(orgId, personId))) {
      await r.people.create({ id: personId, organisationId: orgId, displayName: profile.fullName ?? user, locale, timeZone: 'Europe/Oslo' });
      await r.identities.create({ id: `${personId}-id`, organisationId: orgId, personId, platform: 'playground', externalUserId: user, address: null });
    }
    await r.memberships.create({
      id: membershipId, organisationId: orgId, programmeId, personId, role, status: 'active', consentedAt: at, consentVersion: '2026-12',
      profileDoneAt: role === 'coordinator' ? null : at, profile, joinedAt: at, leftAt: null,
    });
  });
  return { chat: h.chat(user, { locale }), personId, membershipId };
}

/** A programme with a coordinator (Kari, who reads English) and the code JOBB2027. */
export async function seedMatchingProgramme(h: Harness, orgId: string): Promise<Seeded> {
  await h.store.transaction((r) => r.programmes.create({ id: PROG, organisationId: orgId, name: 'Jobbstart 2027', purpose: 'Work within a year', startsOn: '2027-01-15', endsOn: '2027-12-15', meetingFrequency: 'biweekly', joinCode: 'JOBB2027', status: 'open', createdById: 'p-kari' }));
  return seedMember(h, orgId, 'kari', 'coordinator', { ...EMPTY_PROFILE, fullName: 'Kari' });
}

export function jobRunner(h: Harness): JobRunner {
  return new JobRunner({ queue: new PrismaJobQueue(h.prisma, h.clock), units: h.core.units, registry: h.core.registry, clock: h.clock, ids: createIdSource(), log: createLogger('silent') });
}

/** Everything a message shows, as one string (text, title, sections, labels, context). */
export function shown(m: Outbound): string {
  const parts = [m.title, m.text, ...(m.context ?? [])];
  for (const s of m.sections ?? []) parts.push(s.heading, s.text, ...(s.fields ?? []).flatMap((f) => [f.label, f.value]), ...(s.bullets ?? []));
  if (m.prompt?.spec.kind === 'choice') parts.push(...m.prompt.spec.options.map((o) => o.label));
  return withoutMarks(parts.filter((p) => p !== undefined).join('\n')).replaceAll('*', '');
}

/** The newest message that asks something, with its shown words. */
export async function lastAsk(chat: Chat): Promise<{ message: Outbound; id: string; labels: string[]; values: string[] }> {
  const message = (await chat.all()).filter((m) => m.prompt).at(-1);
  if (message?.prompt?.spec.kind !== 'choice') throw new Error(`${chat.user} has no choice to make`);
  const options = message.prompt.spec.options;
  return { message, id: message.prompt.id, labels: options.map((o) => o.label), values: options.map((o) => o.value) };
}

export const matchesOf = (h: Harness, menteeMembershipId: string) => h.prisma.match.findMany({ where: { menteeMembershipId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });

/** What the chat received since it last looked, without the bot's own emphasis marks. */
export const said = async (chat: Chat): Promise<string> => (await chat.text()).replaceAll('*', '');
