/**
 * The coordinators' weekly digest on a seeded week: Monday 08:00 in their zone, each in their
 * language, with the week's figures (meetings held, ratings and their average, agreements, new
 * members, check-ins answered) and what needs them (open escalations, a stalled pair by name,
 * the waitlist, check-ins unanswered); never a participant's words; only to that programme's
 * coordinators.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_PROFILE } from '../../src/core/domain.js';
import { raiseEscalation } from '../../src/core/features/escalations/raise.js';
import { createHarness, type Harness } from '../support/harness.js';
import { openQuestionId, plan, runUntil, UNSHARED } from './checkins-fixtures.js';
import { activeMatch } from './journey-guide-fixtures.js';
import { menteeProfile, mentorProfile, PROG, seedMatchingProgramme, seedMember, shown } from './matching-fixtures.js';
import { confirmedAgreement } from './reflections-fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const at = (iso: string) => h.clock.set(new Date(iso));

async function heldMeeting(orgId: string, id: string, when: Date, ratings: number[], authors: string[]): Promise<void> {
  await h.prisma.meeting.create({ data: { id, organisationId: orgId, programmeId: PROG, matchId: 'match-1', startsAt: when, minutes: 60, mode: 'online', place: null, status: 'held', sequence: 0, proposedById: authors[0] as string, loggedById: authors[0] as string, loggedAt: when, confirmedById: authors[1] as string, confirmedAt: when, cancelledById: null, createdAt: when, updatedAt: when } });
  for (const [i, rating] of ratings.entries()) {
    await h.prisma.reflection.create({ data: { id: `${id}-r${i}`, organisationId: orgId, programmeId: PROG, matchId: 'match-1', meetingId: id, authorMembershipId: authors[i] as string, kind: 'reflection', answers: {}, rating, sharedAt: null, createdAt: when, updatedAt: when } });
  }
}

describe('the weekly digest', () => {
  it('gives each coordinator of the programme the week’s figures on Monday morning, in their language', async () => {
    at('2026-08-01T08:00:00Z');
    const orgId = await h.organisation();
    const kari = await seedMatchingProgramme(h, orgId); // English
    const nora = await seedMember(h, orgId, 'nora', 'coordinator', { ...EMPTY_PROFILE, fullName: 'Nora' }, 'nb');
    const per = await seedMember(h, orgId, 'per', 'mentor', mentorProfile('Per Hansen'));
    const sara = await seedMember(h, orgId, 'sara', 'mentee', menteeProfile({ fullName: 'Sara Ali' }));
    await activeMatch(h, orgId, 'match-2', per, sara); // never meets: stalled by 14 September
    await h.store.transaction((r) => r.programmes.create({ id: 'other', organisationId: orgId, name: 'Other programme', purpose: 'x', startsOn: '2027-01-15', endsOn: '2027-12-15', meetingFrequency: 'monthly', joinCode: 'OTHER1', status: 'open', createdById: 'p-ivar' }));
    const ivar = await seedMember(h, orgId, 'ivar', 'coordinator', { ...EMPTY_PROFILE, fullName: 'Ivar' }, 'en', 'other');

    at('2026-09-01T08:00:00Z');
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await activeMatch(h, orgId, 'match-1', ola, amina);
    await h.prisma.checkInSettings.create({ data: { programmeId: PROG, organisationId: orgId, firstDay: 1, secondDay: 28, everyMonths: 1, afterFirstMeeting: false, updatedAt: h.clock.now() } });
    await plan(h, orgId); // first check-in 2 September; seeds Kari's and Nora's digests
    at('2026-09-03T12:00:00Z');
    await heldMeeting(orgId, 'meet-old', h.clock.now(), [1], [amina.membershipId, ola.membershipId]); // before the digest's week

    await runUntil(h, new Date('2026-09-08T12:00:00Z'));
    await amina.chat.click('4', await openQuestionId(h, 'checkins.check-in', amina.personId));
    await amina.chat.submit({ comment: UNSHARED });
    await runUntil(h, new Date('2026-09-10T12:00:00Z')); // Ola's expired on the 9th
    await seedMember(h, orgId, 'lina', 'mentee', menteeProfile({ fullName: 'Lina' }));
    await h.prisma.waitlistEntry.create({ data: { membershipId: 'm-prog-lina', organisationId: orgId, programmeId: PROG, since: h.clock.now(), reason: 'noPlaces' } });
    await heldMeeting(orgId, 'meet-new', h.clock.now(), [4, 5], [amina.membershipId, ola.membershipId]);
    at('2026-09-11T12:00:00Z');
    await confirmedAgreement(h, orgId);
    await h.core.units.forOrganisation(orgId, (work) => raiseEscalation(work, { programmeId: PROG, matchId: 'match-2', membershipId: sara.membershipId, trigger: 'asked-for-help', sourceKey: 'test:help' }));

    await runUntil(h, new Date('2026-09-14T06:00:00Z')); // Monday 08:00 in Oslo
    const digestOf = async (chat: typeof kari.chat, title: string) => (await chat.all()).filter((m) => m.title === title);
    const kariGot = await digestOf(kari.chat, 'Your week in Jobbstart 2027');
    expect(kariGot).toHaveLength(2); // 7 and 14 September
    const last = kariGot.at(-1);
    if (!last) throw new Error('no digest');
    expect(last.sections?.[0]?.fields).toEqual([
      { label: 'Meetings held', value: '1' },
      { label: 'Meeting ratings', value: '2 (average 4.5)' },
      { label: 'Agreements confirmed', value: '1' },
      { label: 'New members', value: '1' },
      { label: 'Check-ins answered', value: '1' },
    ]);
    expect(last.sections?.[1]?.fields).toEqual([
      { label: 'Open escalations', value: '1' },
      { label: 'Pairs without meetings', value: '1' },
      { label: 'Waiting for a mentor', value: '1' },
      { label: 'Check-ins not answered', value: '1' },
    ]);
    expect(last.sections?.[1]?.bullets).toEqual(['Per Hansen & Sara Ali: no meeting for 43 days']);
    expect(last.text).toBe('3 things need you in Jobbstart 2027.');

    const noraGot = (await digestOf(nora.chat, 'Uken din i Jobbstart 2027')).at(-1);
    expect(noraGot?.sections?.[0]?.fields?.map((f) => `${f.label}: ${f.value}`)).toEqual(['Møter holdt: 1', 'Vurderinger av møter: 2 (snitt 4,5)', 'Avtaler bekreftet: 1', 'Nye medlemmer: 1', 'Innsjekker besvart: 1']);
    expect(noraGot?.sections?.[1]?.bullets).toEqual(['Per Hansen & Sara Ali: ikke møttes på 43 dager']);

    // Never a participant's words; nobody but the programme's coordinators gets it.
    const digests = await h.prisma.outboxMessage.findMany({ where: { OR: [{ payload: { path: ['title'], string_starts_with: 'Your week' } }, { payload: { path: ['title'], string_starts_with: 'Uken din' } }] } });
    expect(new Set(digests.map((d) => d.personId))).toEqual(new Set([kari.personId, nora.personId]));
    expect(JSON.stringify(digests.map((d) => d.payload))).not.toContain(UNSHARED);
    expect((await ivar.chat.all()).map(shown).join('\n')).not.toContain('Jobbstart');
  });
});
