/** Programmes run by a coordinator who can type (a chat), with members seeded straight into the database. */
import { EMPTY_PROFILE, type Role } from '../../src/core/domain.js';
import type { Harness } from '../support/harness.js';

export const CODE = 'JOBB2027';
/** Words a member wrote in their profile: a coordinator's view must never show them. */
export const PRIVATE = { goal: 'Secret goal about my asylum case', helpWanted: 'Private worry about my debts' };

/** A person with a chat identity (`user`), in `locale`. */
export async function seedPerson(h: Harness, orgId: string, user: string, name: string, locale: 'en' | 'nb'): Promise<string> {
  const id = `p-${user}`;
  await h.store.transaction(async (r) => {
    await r.people.create({ id, organisationId: orgId, displayName: name, locale, timeZone: 'Europe/Oslo' });
    await r.identities.create({ id: `${id}-id`, organisationId: orgId, personId: id, platform: 'playground', externalUserId: user, address: null });
  });
  return id;
}

/** A programme coordinated by `coordinatorId`. */
export async function seedProgramme(h: Harness, orgId: string, coordinatorId: string, opts: { id?: string; name?: string; code?: string; status?: 'open' | 'paused' | 'closed' } = {}): Promise<string> {
  const id = opts.id ?? 'prog';
  await h.store.transaction(async (r) => {
    await r.programmes.create({ id, organisationId: orgId, name: opts.name ?? 'Jobbstart 2027', purpose: 'Relevant work within a year', startsOn: '2027-01-15', endsOn: '2027-12-15', meetingFrequency: 'biweekly', joinCode: opts.code ?? CODE, status: opts.status ?? 'open', createdById: coordinatorId });
  });
  await addMember(h, orgId, id, coordinatorId, 'coordinator', { name: null });
  return id;
}

/** Makes `personId` a member of the programme (profile done unless `profileDone` is false). */
export async function addMember(h: Harness, orgId: string, programmeId: string, personId: string, role: Role, opts: { name?: string | null; profileDone?: boolean; status?: 'active' | 'left' } = {}): Promise<string> {
  const id = `m-${programmeId}-${personId}`;
  const at = h.clock.now();
  const personal = role === 'coordinator' ? {} : { goals: [PRIVATE.goal], helpWanted: PRIVATE.helpWanted };
  await h.store.transaction((r) =>
    r.memberships.create({
      id, organisationId: orgId, programmeId, personId, role, status: opts.status ?? 'active',
      consentedAt: at, consentVersion: role === 'coordinator' ? null : '2026-12',
      profileDoneAt: opts.profileDone === false || role === 'coordinator' ? null : at,
      profile: { ...EMPTY_PROFILE, fullName: opts.name === undefined ? null : opts.name, ...personal },
      joinedAt: at, leftAt: opts.status === 'left' ? at : null,
    }),
  );
  return id;
}

/** Forty mentors and forty-two mentees (people without chats); the last two of each have no finished profile. */
export async function seedFortyPairs(h: Harness, orgId: string, programmeId: string): Promise<void> {
  await h.store.transaction(async (r) => {
    for (const [role, count] of [['mentor', 40], ['mentee', 42]] as const) {
      for (let i = 1; i <= count; i += 1) {
        const personId = `${role}-${i}`;
        await r.people.create({ id: personId, organisationId: orgId, displayName: `${role} ${i}`, locale: 'nb', timeZone: 'Europe/Oslo' });
        const done = i <= count - 2;
        await r.memberships.create({
          id: `m-${personId}`, organisationId: orgId, programmeId, personId, role, status: 'active', consentedAt: h.clock.now(), consentVersion: '2026-12',
          profileDoneAt: done ? h.clock.now() : null,
          profile: { ...EMPTY_PROFILE, fullName: `${role === 'mentor' ? 'Mentor' : 'Mentee'} ${String(i).padStart(2, '0')}`, goals: [PRIVATE.goal], helpWanted: PRIVATE.helpWanted },
          joinedAt: h.clock.now(), leftAt: null,
        });
      }
    }
  });
}
