/**
 * The mentee chooses, the mentor answers: three suggestions with reasons in her language, her
 * choice as a request with her shared profile, accept (both and the coordinator told), decline
 * (the reason for coordinators only), a double click, a stranger, and "show me others".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';
import { AMINA, lastAsk, said, matchesOf, menteeProfile, mentorProfile, type Seeded, seedMatchingProgramme, seedMember, shown } from './matching-fixtures.js';

let h: Harness;
let orgId: string;
let kari: Seeded;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  kari = await seedMatchingProgramme(h, orgId);
});
afterEach(() => h.close());

/** Four mentors: Ola fits best (Oslo, nurse), Per and Liv well, Nora least (another field, Bergen). */
async function fourMentors() {
  return {
    ola: await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann')),
    per: await seedMember(h, orgId, 'per', 'mentor', mentorProfile('Per Hansen', { region: 'Bergen' })),
    liv: await seedMember(h, orgId, 'liv', 'mentor', mentorProfile('Liv Berg', { profession: 'Doctor', region: 'Trondheim' })),
    nora: await seedMember(h, orgId, 'nora', 'mentor', mentorProfile('Nora Dahl', { field: 'it', profession: 'Developer', region: 'Bergen', availability: 'weekend' }), 'nb'),
  };
}

describe('suggestions', () => {
  it('in English: one message, three cards with field, languages, offer and reasons, "Ask <name>" and "Show me others"', async () => {
    await fourMentors();
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await amina.chat.say('mentors');
    const replies = await amina.chat.replies();
    expect(replies).toHaveLength(1);
    const card = replies[0]!;
    expect(card.sections?.map((s) => s.heading)).toEqual(['Ola Nordmann', 'Per Hansen', 'Liv Berg']);
    const text = shown(card);
    expect(text).toContain('You both speak English');
    expect(text).toContain('Same field: Health and care');
    expect(text).toContain('Both in Oslo');
    expect(text).toContain('Help with authorisation and hospital jobs');
    expect(text).not.toMatch(/0\.\d/); // reasons, never a bare score
    const ask = await lastAsk(amina.chat);
    expect(ask.labels).toEqual(['Ask Ola Nordmann', 'Ask Per Hansen', 'Ask Liv Berg', 'Show me others']);
    const rows = await matchesOf(h, amina.membershipId);
    expect(rows.map((m) => [m.status, m.questionId])).toEqual([
      ['suggested', ask.id],
      ['suggested', ask.id],
      ['suggested', ask.id],
    ]);
    expect(await h.prisma.openQuestion.findUniqueOrThrow({ where: { id: ask.id } })).toMatchObject({ kind: 'matching.choose', audience: [amina.personId] });
  });

  it('in Norwegian: reasons and buttons in her language', async () => {
    await fourMentors();
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile(), 'nb');
    await amina.chat.say('finn mentor');
    const text = shown((await amina.chat.replies())[0]!);
    expect(text).toContain('Dere snakker begge engelsk');
    expect(text).toContain('Begge i Oslo');
    expect((await lastAsk(amina.chat)).labels).toEqual(['Spør Ola Nordmann', 'Spør Per Hansen', 'Spør Liv Berg', 'Vis meg andre']);
  });

  it('"show me others" offers the next ones, then the waitlist when she has seen everyone', async () => {
    const { nora } = await fourMentors();
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await amina.chat.say('mentors');
    const first = await lastAsk(amina.chat);
    await amina.chat.replies();
    await amina.chat.click('others', first.id);
    const second = await lastAsk(amina.chat);
    expect(second.id).not.toBe(first.id);
    expect(second.labels).toEqual(['Ask Nora Dahl', 'Show me others']);
    const rows = await matchesOf(h, amina.membershipId);
    expect(rows.filter((m) => m.status === 'passed')).toHaveLength(3);
    expect(rows.filter((m) => m.status === 'suggested').map((m) => m.mentorMembershipId)).toEqual([nora.membershipId]);
    // The first card's buttons are gone.
    expect((await amina.chat.all()).some((m) => m.replacesPromptId === first.id)).toBe(true);

    await amina.chat.replies();
    await amina.chat.click('others', second.id);
    expect(await said(amina.chat)).toContain('You have now seen every mentor who could fit you right now');
    expect(await h.prisma.waitlistEntry.findUnique({ where: { membershipId: amina.membershipId } })).toMatchObject({ reason: 'noFit' });
  });
});

describe('choosing and the mentor’s answer', () => {
  async function requested() {
    const mentors = await fourMentors();
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await amina.chat.say('mentors');
    const choice = await lastAsk(amina.chat);
    await amina.chat.click(choice.values[0]!, choice.id);
    return { ...mentors, amina };
  }

  it('choosing asks the mentor, with what she shared for matching, until the deadline', async () => {
    const { amina, ola } = await requested();
    expect(await said(amina.chat)).toContain('I have asked Ola Nordmann. Mentors have 7 days to answer');
    const request = await lastAsk(ola.chat);
    const text = shown(request.message);
    expect(text).toContain('Amina Yusuf would like you as their mentor');
    expect(text).toContain(AMINA.goal);
    expect(text).toContain(AMINA.helpWanted);
    expect(text).toContain('Health and care');
    expect(text).toContain('Please answer by September 8, 2026');
    expect(request.labels).toEqual(['Accept', 'Decline']);
    const rows = await matchesOf(h, amina.membershipId);
    expect(rows.map((m) => m.status)).toEqual(['requested', 'passed', 'passed']);
    expect(rows[0]).toMatchObject({ mentorMembershipId: ola.membershipId, questionId: request.id });
    const q = await h.prisma.openQuestion.findUniqueOrThrow({ where: { id: request.id } });
    expect(q).toMatchObject({ kind: 'matching.request', audience: [ola.personId] });
    // The question keeps ids, never her words (they would outlive her leaving).
    expect(JSON.stringify(q.data)).not.toContain('Amina');
    expect(JSON.stringify(q.data)).not.toContain(AMINA.goal);
    await amina.chat.say('mentors');
    expect(await said(amina.chat)).toContain('You already have a mentor, or are waiting for a mentor');
  });

  it('accept: mentee, mentor and the coordinator are told; a double click changes nothing', async () => {
    const { amina, ola } = await requested();
    await h.prisma.waitlistEntry.create({ data: { membershipId: amina.membershipId, organisationId: orgId, programmeId: 'prog', since: h.clock.now(), reason: 'noFit' } });
    await amina.chat.replies();
    await kari.chat.replies();
    const request = await lastAsk(ola.chat);
    await ola.chat.replies();
    await ola.chat.click('accept', request.id);
    expect(await said(ola.chat)).toContain('You are now the mentor of Amina Yusuf');
    expect(await said(amina.chat)).toContain('Ola Nordmann has accepted and is now your mentor');
    expect(await said(kari.chat)).toContain('New pair in Jobbstart 2027: Ola Nordmann is now the mentor of Amina Yusuf');
    expect((await matchesOf(h, amina.membershipId)).map((m) => m.status)).toEqual(['active', 'passed', 'passed']);
    expect(await h.prisma.waitlistEntry.count()).toBe(0);

    await ola.chat.click('accept', request.id);
    expect(await said(ola.chat)).toContain('already answered');
    await ola.chat.click('decline', request.id);
    expect((await matchesOf(h, amina.membershipId)).map((m) => m.status)).toEqual(['active', 'passed', 'passed']);
    expect(await amina.chat.replies()).toEqual([]);
    expect(await kari.chat.replies()).toEqual([]);
  });

  it('a stranger cannot answer the request, even with its id', async () => {
    const { amina, ola, per } = await requested();
    const request = await lastAsk(ola.chat);
    await per.chat.replies();
    await per.chat.click('accept', request.id);
    expect(await said(per.chat)).toContain('no longer open');
    expect((await matchesOf(h, amina.membershipId))[0]).toMatchObject({ status: 'requested' });
    expect(await h.prisma.openQuestion.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: 'open' });
  });

  it('decline: she is told kindly and offered others; the reason is stored for coordinators, never shown to her', async () => {
    const { amina, ola } = await requested();
    const reason = 'Too busy with my own exam this autumn';
    const request = await lastAsk(ola.chat);
    await amina.chat.replies();
    await ola.chat.click('decline', request.id);
    expect(await said(ola.chat)).toContain('If you like, tell the coordinators why you declined');
    await ola.chat.submit({ reason });
    expect(await said(ola.chat)).toContain('Only the coordinators will see your reason');
    const rows = await matchesOf(h, amina.membershipId);
    expect(rows[0]).toMatchObject({ status: 'declined', declineReason: reason });
    const told = await said(amina.chat);
    expect(told).toContain('Ola Nordmann cannot take you as a mentee this time');
    // New suggestions, without the mentor who said no.
    const again = await lastAsk(amina.chat);
    expect(again.labels).not.toContain('Ask Ola Nordmann');
    expect(again.labels).toHaveLength(4);
    const everything = (await amina.chat.all()).map(shown).join('\n');
    expect(everything).not.toContain(reason);
    expect(everything).not.toContain('exam');
    // The flow that asked for it keeps no words either.
    const run = await h.prisma.flowRun.findFirstOrThrow({ where: { flowId: 'matching-decline-reason' } });
    expect(JSON.stringify(run.answers)).not.toContain('exam');
  });

  it('declining while in the middle of something keeps it: the decline counts, no reason form', async () => {
    const { amina, ola } = await requested();
    const request = await lastAsk(ola.chat);
    await ola.chat.say('edit profile');
    const editing = await ola.chat.lastPromptId();
    await ola.chat.replies();
    await ola.chat.click('decline', request.id);
    expect(await said(ola.chat)).toContain('I have told the mentee kindly');
    expect((await matchesOf(h, amina.membershipId))[0]?.status).toBe('declined');
    expect(await h.prisma.flowRun.findFirstOrThrow({ where: { flowId: 'edit-profile' } })).toMatchObject({ status: 'active', promptId: editing });
    expect(await h.prisma.flowRun.count({ where: { flowId: 'matching-decline-reason' } })).toBe(0);
  });
});

describe('help', () => {
  it('lists "mentors" for a mentee without a mentor, "capacity" for a mentor, "end match" for a pair', async () => {
    const { ola } = await fourMentors();
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await amina.chat.say('help');
    const forHer = await said(amina.chat);
    expect(forHer).toContain('mentors — suggestions of mentors you can ask');
    expect(forHer).not.toContain('capacity —');
    await ola.chat.say('help');
    const forHim = await said(ola.chat);
    expect(forHim).toContain('capacity — how many mentees you can have');
    expect(forHim).not.toContain('end match —');

    // Once paired, "mentors" is no longer offered to her, and both may end the match.
    await amina.chat.say('mentors');
    const choose = await lastAsk(amina.chat);
    await amina.chat.click(choose.values[0]!, choose.id);
    const request = await lastAsk(ola.chat);
    await ola.chat.click('accept', request.id);
    await amina.chat.say('help');
    const paired = await said(amina.chat);
    expect(paired).not.toContain('mentors — suggestions');
    expect(paired).toContain('end match —');
    await ola.chat.say('help');
    expect(await said(ola.chat)).toContain('end match —');
  });
});
