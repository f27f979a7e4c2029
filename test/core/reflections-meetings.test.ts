/**
 * Reflections read the pair's meetings (the meetings feature's rows): `reflect` is about the
 * last held meeting and names its date, `prepare` about the next planned one; a job for a
 * cancelled meeting asks nothing, and the offer to prepare lasts until the meeting starts. A
 * reflection left at its form is taken up again days later by `reflect`, rating kept.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';
import { card, seedPair } from './journey-guide-fixtures.js';
import { DAY, PROG, said } from './matching-fixtures.js';
import { lastForm, MENTEE_REFLECTION, MENTOR_REFLECTION, reflections, runJob } from './reflections-fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

/** A meeting of match-1 `days` from now (negative: in the past). */
async function meeting(orgId: string, id: string, status: 'planned' | 'held' | 'cancelled', days: number, proposedById: string) {
  const now = h.clock.now();
  const startsAt = new Date(now.getTime() + days * DAY);
  await h.prisma.meeting.create({ data: { id, organisationId: orgId, programmeId: PROG, matchId: 'match-1', startsAt, minutes: 60, mode: 'online', place: null, status, sequence: 0, proposedById, createdAt: now, updatedAt: now } });
  return startsAt;
}

describe('reflections and the pair’s meetings', () => {
  it('`reflect` is about the last held meeting, by its date; days later `reflect` goes on at the form, the rating kept', async () => {
    const { orgId, amina } = await seedPair(h);
    await meeting(orgId, 'm-old', 'held', -20, amina.membershipId);
    await meeting(orgId, 'm-last', 'held', -2, amina.membershipId);
    await meeting(orgId, 'm-next', 'planned', 5, amina.membershipId);
    await amina.chat.say('reflect');
    const rating = await card(amina.chat);
    expect(rating.text).toContain('How was your meeting on August 30, 2026?');
    await amina.chat.click('4');
    expect(await lastForm(amina.chat)).toMatchObject({ title: 'After the meeting' });
    await amina.chat.say('help');
    h.clock.advance(4 * DAY);
    await amina.chat.say('reflect');
    expect(await lastForm(amina.chat)).toMatchObject({ title: 'After the meeting' });
    await amina.chat.submit(MENTEE_REFLECTION);
    expect(await reflections(h)).toMatchObject([{ meetingId: 'm-last', rating: 4, answers: MENTEE_REFLECTION }]);
  });

  it('`reflekter` with no held meeting says so (nb); the reflect job names the date', async () => {
    const { orgId, ola } = await seedPair(h, { ola: 'nb' });
    await ola.chat.say('reflekter');
    expect(await said(ola.chat)).toContain('Ingen møter med');
    await meeting(orgId, 'm-1', 'held', -1, ola.membershipId);
    await runJob(h, orgId, 'reflect', 'm-1');
    expect((await card(ola.chat)).text).toContain('Hvordan var møtet deres 31. august 2026?');
    await ola.chat.say('5');
    await ola.chat.submit(MENTOR_REFLECTION);
    expect(await reflections(h)).toMatchObject([{ meetingId: 'm-1', rating: 5 }]);
  });

  it('`prepare` is for the next planned meeting; a cancelled meeting is offered nothing; the offer lasts until the meeting starts', async () => {
    const { orgId, amina } = await seedPair(h);
    await meeting(orgId, 'm-gone', 'cancelled', 1, amina.membershipId);
    const startsAt = await meeting(orgId, 'm-soon', 'planned', 3, amina.membershipId);
    await meeting(orgId, 'm-later', 'planned', 10, amina.membershipId);
    await runJob(h, orgId, 'prepare', 'm-gone');
    expect(await h.prisma.openQuestion.count()).toBe(0);
    await runJob(h, orgId, 'prepare', 'm-soon');
    const offer = await h.prisma.openQuestion.findFirstOrThrow({ where: { kind: 'reflections.prepare-offer', audience: { has: amina.personId } } });
    expect(offer.expiresAt).toEqual(startsAt);
    expect((await card(amina.chat)).text).toContain('You meet on September 4, 2026');
    await amina.chat.say('prepare');
    await amina.chat.submit({ standsOut: 'Prepared', goalWork: '', wentWell: '', difficult: '' });
    expect(await reflections(h)).toMatchObject([{ kind: 'preparation', meetingId: 'm-soon' }]);
  });
});
