/**
 * Direct assignment from chat: the coordinator picks a mentee (longest waiting first), sees the
 * mentors ranked with reasons and free places, confirms; both people are told in their own
 * language, the other coordinators too, her suggestions end and she leaves the waitlist. A mentor
 * whose last place went meanwhile is explained and nothing changes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Outbound } from '../../src/core/messages.js';
import { type Harness, createHarness } from '../support/harness.js';
import { DAY, PROG, type Seeded, lastAsk, matchesOf, menteeProfile, mentorProfile, said, seedMatchingProgramme, seedMember, shown } from './matching-fixtures.js';

let h: Harness;
let orgId: string;
let kari: Seeded;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  kari = await seedMatchingProgramme(h, orgId);
});
afterEach(() => h.close());

async function people() {
  const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann', { capacity: 1 }), 'nb');
  const per = await seedMember(h, orgId, 'per', 'mentor', mentorProfile('Per Hansen', { capacity: 1, field: 'it', profession: 'Developer', region: 'Bergen' }));
  const sara = await seedMember(h, orgId, 'sara', 'mentee', menteeProfile({ fullName: 'Sara Ali' }));
  const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
  await h.store.transaction((r) => r.waitlist.put({ membershipId: amina.membershipId, organisationId: orgId, programmeId: PROG, since: new Date(h.clock.now().getTime() - 2 * DAY), reason: 'noPlaces' }));
  return { ola, per, sara, amina };
}

describe('assign', () => {
  it('mentee, ranked mentors with reasons and places, confirm: both told in their language, coordinators too, waitlist and suggestions over', async () => {
    const { ola, per, amina } = await people();
    const liv = await seedMember(h, orgId, 'liv', 'coordinator', { ...menteeProfile(), fullName: 'Liv' }, 'nb');
    // Amina has suggestions open: the assignment ends them.
    await amina.chat.say('mentors');
    const card = await lastAsk(amina.chat);

    await kari.chat.say('assign');
    const mentees = await lastAsk(kari.chat);
    expect(mentees.labels).toEqual(['Amina Yusuf (waiting 2 days)', 'Sara Ali']);
    await kari.chat.click(amina.membershipId);
    const ranked = (await kari.chat.all()).filter((m) => m.sections?.length).at(-1) as Outbound;
    expect(ranked.sections?.map((s) => s.heading)).toEqual(['Ola Nordmann', 'Per Hansen']);
    expect(ranked.sections?.[0]?.text).toBe('1 free place');
    expect(shown(ranked)).toContain('Same field: Health and care');
    const mentors = await lastAsk(kari.chat);
    expect(mentors.labels).toEqual(['Ola Nordmann (1 free)', 'Per Hansen (1 free)']);
    await kari.chat.click(ola.membershipId);
    expect(await said(kari.chat)).toContain('Pair Amina Yusuf with Ola Nordmann (1 free)?');
    await kari.chat.click('yes');

    const rows = await matchesOf(h, amina.membershipId);
    expect(rows.filter((m) => m.status === 'active')).toMatchObject([{ mentorMembershipId: ola.membershipId, origin: 'direct' }]);
    expect(rows.filter((m) => m.status === 'suggested')).toHaveLength(0);
    expect(await h.prisma.openQuestion.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({ status: 'withdrawn' });
    expect(await h.prisma.waitlistEntry.count()).toBe(0);
    expect(await said(kari.chat)).toContain('Done: Ola Nordmann is now the mentor of Amina Yusuf');

    const toAmina = (await amina.chat.replies()).map(shown).join('\n');
    expect(toAmina).toContain('Good news: your mentor in Jobbstart 2027 is Ola Nordmann');
    expect(toAmina).toContain('Why you two');
    expect(toAmina).toContain('You both speak English');
    const toOla = (await ola.chat.replies()).map(shown).join('\n');
    expect(toOla).toContain('Du er nå mentor for Amina Yusuf i Jobbstart 2027');
    expect(toOla).toContain('Dere snakker begge engelsk');
    expect(await said(liv.chat)).toContain('Kari koblet Amina Yusuf med mentoren Ola Nordmann');
    expect(await per.chat.all()).toHaveLength(0);
  });

  it('a mentor whose last place went meanwhile: explained, nothing changes', async () => {
    const { ola, sara, amina } = await people();
    await kari.chat.say('assign');
    await kari.chat.click(sara.membershipId);
    await kari.chat.click(ola.membershipId);
    // Meanwhile Ola's one place goes to Amina.
    await h.store.transaction((r) =>
      r.matches.createMany([{ id: 'meanwhile', organisationId: orgId, programmeId: PROG, mentorMembershipId: ola.membershipId, menteeMembershipId: amina.membershipId, status: 'active', score: 0.5, origin: 'suggestion', cohortDraftId: null, questionId: null, requestedAt: null, respondedAt: null, declineReason: null, startedAt: h.clock.now(), endedAt: null, endedById: null, createdAt: h.clock.now() }]),
    );
    await kari.chat.replies();
    await kari.chat.click('yes');
    expect(await said(kari.chat)).toContain('Ola Nordmann has no free place any more (room for 1, all taken, or not taking mentees just now), so Sara Ali was not paired');
    expect((await matchesOf(h, sara.membershipId)).map((m) => m.status)).toEqual(['withdrawn']);
    expect(await sara.chat.all()).toHaveLength(0);
    expect(await h.prisma.match.count({ where: { mentorMembershipId: ola.membershipId, status: 'active' } })).toBe(1);
  });

  it('a mentee kept apart from a mentor meanwhile is not paired with them', async () => {
    const { ola, sara } = await people();
    await kari.chat.say('assign');
    await kari.chat.click(sara.membershipId);
    await kari.chat.click(ola.membershipId);
    await h.store.transaction((r) => r.doNotMatch.add(orgId, PROG, sara.membershipId, ola.membershipId, kari.personId, h.clock.now()));
    await kari.chat.replies();
    await kari.chat.click('yes');
    expect(await said(kari.chat)).toContain('cannot be paired: One of them asked not to be matched with the other');
    expect(await h.prisma.match.count({ where: { status: 'active' } })).toBe(0);
  });
});
