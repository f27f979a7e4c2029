/**
 * The whole-cohort assignment from chat: a draft with reasons and its waitlist, edited (a pair to
 * the waitlist, a waiting mentee to a freed place), approved for a kick-off evening typed in the
 * coordinator's time zone. Nobody hears anything before that minute; at it, every pair is told in
 * their own language in one unit of work. A second approval, a stale click or the job running
 * again changes nothing; a pair whose mentor filled up meanwhile goes back to looking, and the
 * coordinators are told.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveDraft, revealCohort } from '../../src/core/features/matching/cohort-reveal.js';
import type { Outbound } from '../../src/core/messages.js';
import { type Harness, createHarness } from '../support/harness.js';
import { PROG, type Seeded, jobRunner, lastAsk, menteeProfile, mentorProfile, said, seedMatchingProgramme, seedMember, shown } from './matching-fixtures.js';

let h: Harness;
let orgId: string;
let kari: Seeded;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  kari = await seedMatchingProgramme(h, orgId);
});
afterEach(() => h.close());

/** Three places (Ola 2, Per 1) for four mentees: one waits. */
async function cohort() {
  const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann', { capacity: 2 }), 'nb');
  const per = await seedMember(h, orgId, 'per', 'mentor', mentorProfile('Per Hansen', { capacity: 1, field: 'it', profession: 'Developer' }));
  const mentees = {
    amina: await seedMember(h, orgId, 'amina', 'mentee', menteeProfile()),
    sara: await seedMember(h, orgId, 'sara', 'mentee', menteeProfile({ fullName: 'Sara Ali', field: 'it', profession: 'Developer' }), 'nb'),
    tesfay: await seedMember(h, orgId, 'tesfay', 'mentee', menteeProfile({ fullName: 'Tesfay Kidane' })),
    yusuf: await seedMember(h, orgId, 'yusuf', 'mentee', menteeProfile({ fullName: 'Yusuf Omar', field: 'engineering', profession: 'Welder', region: 'Tromsø', availability: 'weekend', goals: ['Certificates'] })),
  };
  return { ola, per, mentees, everyone: [ola, per, ...Object.values(mentees)] };
}

const drafts = () => h.prisma.match.findMany({ where: { status: 'draft' }, orderBy: { menteeMembershipId: 'asc' } });
const lastWith = async (s: Seeded, title: string) => (await s.chat.all()).filter((m) => m.title === title).at(-1) as Outbound;

describe('cohort', () => {
  it('draft → edit → approve for 19:30 on the kick-off evening: nobody told before, every pair at that minute, in their language; twice changes nothing', async () => {
    const { ola, per, mentees, everyone } = await cohort();
    const { amina, sara, yusuf } = mentees;
    const liv = await seedMember(h, orgId, 'liv', 'coordinator', { ...menteeProfile(), fullName: 'Liv' }, 'nb');
    await kari.chat.say('cohort');
    expect(await said(kari.chat)).toContain('Shall I pair the 4 mentees without a mentor with the 2 mentors who have free places?');
    await kari.chat.click('create');

    const view = await lastWith(kari, 'Cohort draft for Jobbstart 2027');
    expect(view.text).toBe('3 pairs, 1 on the waitlist, 0 free places left. Nobody has been told yet.');
    expect(view.sections?.[1]?.bullets?.map((b) => shown({ text: b }))).toEqual(['Yusuf Omar: all places are taken']);
    expect(shown(view)).toMatch(/Sara Ali → Per Hansen: Same field: IT/);
    expect((await drafts()).map((m) => [m.menteeMembershipId, m.mentorMembershipId, m.origin])).toEqual([
      [amina.membershipId, ola.membershipId, 'cohort'],
      [sara.membershipId, per.membershipId, 'cohort'],
      [mentees.tesfay.membershipId, ola.membershipId, 'cohort'],
    ]);
    for (const s of everyone) expect(await s.chat.all()).toHaveLength(0);

    // Tesfay to the waitlist, then Yusuf into the place that frees.
    await kari.chat.click('edit');
    expect((await lastAsk(kari.chat)).labels).toEqual(['Amina Yusuf → Ola Nordmann', 'Sara Ali → Per Hansen', 'Tesfay Kidane → Ola Nordmann', 'Yusuf Omar (waitlist)']);
    await kari.chat.click(mentees.tesfay.membershipId);
    expect((await lastAsk(kari.chat)).labels).toEqual(['To the waitlist']);
    await kari.chat.click('waitlist');
    await kari.chat.click('edit');
    await kari.chat.click(yusuf.membershipId);
    expect((await lastAsk(kari.chat)).labels).toEqual(['Ola Nordmann (1 free)']);
    await kari.chat.click(ola.membershipId);
    expect((await drafts()).map((m) => m.menteeMembershipId)).toEqual([amina.membershipId, sara.membershipId, yusuf.membershipId].sort());
    expect(shown(await lastWith(kari, 'Cohort draft for Jobbstart 2027'))).toContain('Tesfay Kidane: ');

    await kari.chat.click('approve');
    const approvePrompt = await kari.chat.lastPromptId();
    await kari.chat.click('later');
    await kari.chat.submit({ date: '2026-09-01', time: '7.30' }); // 07:30 in Oslo this morning: gone
    expect(await said(kari.chat)).toContain('That moment has passed');
    await kari.chat.submit({ date: '2026-09-03', time: '25:00' });
    expect(await said(kari.chat)).toContain('Write the time as hours and minutes');
    expect(await h.prisma.cohortDraft.count({ where: { status: 'approved' } })).toBe(0);
    await kari.chat.submit({ date: '2026-09-03', time: '19:30' });
    expect(await said(kari.chat)).toContain('Every pair in Jobbstart 2027 will be told on Thursday, September 3, 2026 at 7:30 PM');
    const draft = await h.prisma.cohortDraft.findFirstOrThrow();
    expect(draft).toMatchObject({ status: 'approved', approvedById: kari.personId, revealAt: new Date('2026-09-03T17:30:00Z') });
    expect(await said(liv.chat)).toContain('parene får beskjed torsdag 3. september 2026 kl. 19:30');

    // A second approval (a stale click, another coordinator) changes nothing.
    await kari.chat.click('approve', approvePrompt);
    expect(await said(kari.chat)).toContain('already been answered');
    const again = await h.core.units.forOrganisation(orgId, (w) => approveDraft(w, draft.id, liv.personId, new Date('2026-09-01T09:00:00Z')));
    expect(again).toMatchObject({ status: 'changed', draft: { status: 'approved' } });
    expect(await h.prisma.cohortDraft.findFirstOrThrow()).toMatchObject({ approvedById: kari.personId, revealAt: new Date('2026-09-03T17:30:00Z') });
    expect(await h.prisma.scheduledJob.count({ where: { kind: 'matching.reveal-cohort' } })).toBe(1);

    const runner = jobRunner(h);
    expect(await runner.kick()).toBe(0);
    h.clock.set(new Date('2026-09-03T17:29:00Z'));
    expect(await runner.kick()).toBe(0);
    for (const s of everyone) expect(await s.chat.all()).toHaveLength(0);
    expect(await h.prisma.match.count({ where: { status: 'active' } })).toBe(0);

    h.clock.set(new Date('2026-09-03T17:30:00Z'));
    expect(await runner.kick()).toBe(1);
    expect(await h.prisma.match.count({ where: { status: 'active', origin: 'cohort' } })).toBe(3);
    expect(await said(amina.chat)).toContain('Good news: your mentor in Jobbstart 2027 is Ola Nordmann');
    expect(await said(sara.chat)).toContain('Gode nyheter: mentoren din i Jobbstart 2027 er Per Hansen');
    expect(await said(yusuf.chat)).toContain('your mentor in Jobbstart 2027 is Ola Nordmann');
    const toOla = await said(ola.chat);
    expect(toOla).toContain('Du er nå mentor for Amina Yusuf');
    expect(toOla).toContain('Du er nå mentor for Yusuf Omar');
    expect(await said(per.chat)).toContain('You are now the mentor of Sara Ali');
    // Tesfay is told honestly that she waits.
    expect(await said(mentees.tesfay.chat)).toContain("every mentor's places are taken");
    expect(await h.prisma.waitlistEntry.findMany()).toMatchObject([{ membershipId: mentees.tesfay.membershipId, reason: 'noPlaces' }]);
    const told = await h.prisma.outboxMessage.findMany({ where: { personId: { in: everyone.map((s) => s.personId) } } });
    expect(new Set(told.map((m) => m.createdAt.toISOString().slice(0, 16)))).toEqual(new Set(['2026-09-03T17:30']));
    expect(await said(kari.chat)).toContain('The cohort of Jobbstart 2027 is revealed: 3 pairs were told. 1 mentee without a pair was offered suggestions or put on the waitlist.');

    // The job again, or a reveal by hand: nothing more.
    const before = await h.prisma.outboxMessage.count();
    expect(await runner.kick()).toBe(0);
    expect(await h.core.units.forOrganisation(orgId, (w) => revealCohort(w, draft.id))).toBe(false);
    expect(await h.prisma.outboxMessage.count()).toBe(before);
  });

  it('a mentor who filled up before the reveal: the pair goes back to looking and the coordinators are told; revealed at once by a second coordinator', async () => {
    const { per, mentees } = await cohort();
    const liv = await seedMember(h, orgId, 'liv', 'coordinator', { ...menteeProfile(), fullName: 'Liv' }, 'nb');
    await kari.chat.say('cohort');
    await kari.chat.click('create');
    await kari.chat.click('approve');
    await kari.chat.click('later');
    await kari.chat.submit({ date: '2026-09-10', time: '18:00' });
    // Meanwhile Per takes a mentee of his own and has no place left.
    const nora = await seedMember(h, orgId, 'nora', 'mentee', menteeProfile({ fullName: 'Nora Said', field: 'it' }));
    await h.store.transaction((r) =>
      r.matches.createMany([{ id: 'own', organisationId: orgId, programmeId: PROG, mentorMembershipId: per.membershipId, menteeMembershipId: nora.membershipId, status: 'active', score: 0.5, origin: 'suggestion', cohortDraftId: null, questionId: null, requestedAt: null, respondedAt: null, declineReason: null, startedAt: h.clock.now(), endedAt: null, endedById: null, createdAt: h.clock.now() }]),
    );
    await liv.chat.say('kull');
    expect(shown(await lastWith(liv, 'Kullutkast for Jobbstart 2027'))).toContain('Godkjent: alle parene får beskjed torsdag 10. september 2026 kl. 18:00');
    await liv.chat.click('revealNow');
    expect(await said(liv.chat)).toContain('Mentoren til denne menteen hadde ingen plass igjen ved avsløringen, så de leter på nytt: Sara Ali');
    expect(await h.prisma.match.count({ where: { mentorMembershipId: per.membershipId, status: 'active' } })).toBe(1);
    expect(await h.prisma.match.count({ where: { status: 'active', origin: 'cohort' } })).toBe(2);
    expect(await said(mentees.sara.chat)).not.toContain('Per Hansen er');
    expect(await h.prisma.cohortDraft.findFirstOrThrow()).toMatchObject({ status: 'revealed' });
    // The job at the original time finds it revealed and does nothing. (What else came due
    // meanwhile — the coordinators' weekly digest — runs first.)
    h.clock.set(new Date('2026-09-10T15:59:00Z'));
    await jobRunner(h).kick();
    h.clock.set(new Date('2026-09-10T16:00:00Z'));
    const before = await h.prisma.outboxMessage.count();
    expect(await jobRunner(h).kick()).toBe(1);
    expect(await h.prisma.outboxMessage.count()).toBe(before);
  });

  it('approved for now: every pair told at once, no job left waiting', async () => {
    const { mentees } = await cohort();
    await kari.chat.say('cohort');
    await kari.chat.click('create');
    await kari.chat.click('approve');
    await kari.chat.click('now');
    expect(await said(kari.chat)).toContain('The pairs have been told.');
    expect(await h.prisma.cohortDraft.findFirstOrThrow()).toMatchObject({ status: 'revealed', revealedAt: h.clock.now() });
    expect(await h.prisma.match.count({ where: { status: 'active', origin: 'cohort' } })).toBe(3);
    expect(await said(mentees.amina.chat)).toContain('your mentor in Jobbstart 2027 is');
    expect(await h.prisma.scheduledJob.count({ where: { kind: 'matching.reveal-cohort' } })).toBe(0);
  });

  it('with nobody to pair, says so and offers no draft', async () => {
    await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await kari.chat.say('cohort');
    expect(await said(kari.chat)).toContain('There is nobody to pair in Jobbstart 2027 now');
    expect(await h.prisma.cohortDraft.count()).toBe(0);
    expect(await h.prisma.flowRun.count({ where: { status: 'active' } })).toBe(0);
  });

  it('discarded: its pairs withdrawn, nobody told, and its reveal job does nothing', async () => {
    const { everyone } = await cohort();
    await kari.chat.say('cohort');
    await kari.chat.click('create');
    await kari.chat.click('approve');
    await kari.chat.click('later');
    await kari.chat.submit({ date: '2026-09-02', time: '12:00' });
    await kari.chat.say('cohort');
    await kari.chat.click('discard');
    expect(await said(kari.chat)).toContain('The draft is discarded. Nobody was told anything.');
    expect(await h.prisma.match.groupBy({ by: ['status'], _count: true })).toEqual([{ status: 'withdrawn', _count: 3 }]);
    h.clock.set(new Date('2026-09-02T12:00:00Z'));
    await jobRunner(h).kick();
    for (const s of everyone) expect(await s.chat.all()).toHaveLength(0);
  });
});
