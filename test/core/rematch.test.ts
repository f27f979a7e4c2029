/**
 * Rematch without blame: a mentee (or a coordinator) ends a match with a confirmation and an
 * optional reason only coordinators read; the other person is told kindly, the mentee is offered
 * new suggestions without the ended mentor, the freed place goes to the waitlist, and the Match
 * row stays as history. Leaving the programme ends the person's matches the same way and erases
 * the mentors' decline reasons about them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';
import { DAY, PROG, type Seeded, menteeProfile, mentorProfile, said, seedMatchingProgramme, seedMember } from './matching-fixtures.js';

let h: Harness;
let orgId: string;
let kari: Seeded;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  kari = await seedMatchingProgramme(h, orgId);
});
afterEach(() => h.close());

const row = (id: string, mentor: Seeded, mentee: Seeded, status: 'active' | 'declined', declineReason: string | null = null) => ({
  id, organisationId: orgId, programmeId: PROG, mentorMembershipId: mentor.membershipId, menteeMembershipId: mentee.membershipId, status, score: 0.5, origin: 'suggestion' as const,
  cohortDraftId: null, questionId: null, requestedAt: null, respondedAt: status === 'declined' ? h.clock.now() : null, declineReason, startedAt: status === 'active' ? h.clock.now() : null,
  endedAt: null, endedById: null, createdAt: h.clock.now(),
});

/** Amina has Ola (one place); Per has a free place; Sara waits for one. */
async function pair() {
  const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann', { capacity: 1 }), 'nb');
  const per = await seedMember(h, orgId, 'per', 'mentor', mentorProfile('Per Hansen', { capacity: 1, region: 'Bergen' }));
  const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
  const sara = await seedMember(h, orgId, 'sara', 'mentee', menteeProfile({ fullName: 'Sara Ali' }));
  await h.store.transaction(async (r) => {
    await r.matches.createMany([row('m1', ola, amina, 'active'), row('m2', per, sara, 'declined', 'Too busy with the harvest')]);
    await r.waitlist.put({ membershipId: sara.membershipId, organisationId: orgId, programmeId: PROG, since: new Date(h.clock.now().getTime() - DAY), reason: 'noPlaces' });
  });
  return { ola, per, amina, sara };
}

/** The mentor ids of the mentee's newest open suggestions. */
async function suggestedTo(mentee: Seeded): Promise<string[]> {
  const q = await h.prisma.openQuestion.findFirst({ where: { kind: 'matching.choose', audience: { has: mentee.personId }, status: 'open' }, orderBy: { createdAt: 'desc' } });
  return ((q?.data as { mentorIds?: string[] } | undefined)?.mentorIds ?? []).slice();
}

describe('ending a match', () => {
  it('by the mentee: confirm, a reason for coordinators only; the mentor told kindly, she gets new suggestions without him, history kept', async () => {
    const { ola, per, amina } = await pair();
    await amina.chat.say('end match');
    expect(await said(amina.chat)).toContain('End the match With Ola Nordmann (Jobbstart 2027)?');
    await amina.chat.click('yes');
    await amina.chat.submit({ reason: 'We could never find a time' });

    expect(await h.prisma.match.findUniqueOrThrow({ where: { id: 'm1' } })).toMatchObject({ status: 'ended', endedById: amina.personId, endedAt: h.clock.now() });
    const toOla = await said(ola.chat);
    expect(toOla).toContain('Koblingen din med Amina Yusuf i Jobbstart 2027 er avsluttet. Det skjer, og det sier ingenting om deg.');
    expect(toOla).not.toContain('never find a time');
    const toKari = await said(kari.chat);
    expect(toKari).toContain('The match between the mentor Ola Nordmann and the mentee Amina Yusuf in Jobbstart 2027 has ended: Amina Yusuf (mentee) ended it.');
    expect(toKari).toContain('Reason given (not shown to the other person): We could never find a time');
    expect(await suggestedTo(amina)).toEqual([per.membershipId]);
    expect(await said(amina.chat)).toContain('The match With Ola Nordmann (Jobbstart 2027) has ended');
    // The reason lives in the coordinators' notice only: the run keeps none of it.
    const run = await h.prisma.flowRun.findFirstOrThrow({ where: { flowId: 'end-match' } });
    expect(JSON.stringify(run.answers)).not.toContain('never find');
    await amina.chat.say('end match');
    expect(await said(amina.chat)).toContain('You have no active match to end');
  });

  it('by a coordinator, without a reason: both told it was the coordinator, the freed place offered to the waitlist', async () => {
    const { ola, per, amina, sara } = await pair();
    await kari.chat.say('end match');
    expect(await said(kari.chat)).toContain('End the match Ola Nordmann – Amina Yusuf (Jobbstart 2027)?');
    await kari.chat.click('yes');
    await kari.chat.submit({ reason: '' });
    expect(await said(ola.chat)).toContain('Koordinatoren din har avsluttet koblingen din med Amina Yusuf');
    expect(await said(amina.chat)).toContain('Your coordinator has ended your match with Ola Nordmann');
    expect(await suggestedTo(amina)).toEqual([per.membershipId]);
    // Sara was waiting for a place (Per declined her): Ola's is hers to choose now.
    expect(await suggestedTo(sara)).toEqual([ola.membershipId]);
    expect(await h.prisma.match.count()).toBeGreaterThanOrEqual(2);
  });

  it('said no to: the match goes on', async () => {
    const { amina } = await pair();
    await amina.chat.say('avslutt kobling');
    await amina.chat.click('no');
    expect(await said(amina.chat)).toContain('The match goes on');
    expect(await h.prisma.match.findUniqueOrThrow({ where: { id: 'm1' } })).toMatchObject({ status: 'active' });
  });
});

describe('leaving ends matches', () => {
  it('a mentor leaves: his match ends, the mentee is told without his name and offered others; the reasons he gave for declining erased', async () => {
    const { ola, per, amina, sara } = await pair();
    await h.store.transaction((r) => r.matches.createMany([row('m3', ola, sara, 'declined', 'Not my field')]));
    await ola.chat.say('forlat');
    await ola.chat.click('yes');
    expect(await h.prisma.match.findUniqueOrThrow({ where: { id: 'm1' } })).toMatchObject({ status: 'ended', endedById: ola.personId });
    const toAmina = await said(amina.chat);
    expect(toAmina).toContain('Your mentor in Jobbstart 2027 has left the programme, so your match has ended. It is not about you.');
    expect(toAmina).not.toContain('Ola');
    expect(await suggestedTo(amina)).toEqual([per.membershipId]);
    expect(await said(kari.chat)).toContain('A mentor who left Jobbstart 2027 was matched with Amina Yusuf; that match has ended.');
    expect(await h.prisma.match.findUniqueOrThrow({ where: { id: 'm3' } })).toMatchObject({ declineReason: null });
    expect(await h.prisma.match.findUniqueOrThrow({ where: { id: 'm2' } })).toMatchObject({ declineReason: 'Too busy with the harvest' });
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'membership:erased' } });
    expect(audit.data).toMatchObject({ declineReasons: 1 });
  });

  it('a mentee leaves: the mentor told kindly, his place goes to the one waiting', async () => {
    const { ola, amina, sara } = await pair();
    await amina.chat.say('leave');
    await amina.chat.click('yes');
    expect(await h.prisma.match.findUniqueOrThrow({ where: { id: 'm1' } })).toMatchObject({ status: 'ended' });
    expect(await said(ola.chat)).toContain('Menteen din i Jobbstart 2027 har gått ut av programmet, så koblingen er avsluttet.');
    expect(await suggestedTo(sara)).toEqual([ola.membershipId]);
  });
});
