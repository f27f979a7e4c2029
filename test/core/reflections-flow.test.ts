/**
 * Before and after a meeting: the prepare job offers each side their own preparation questions
 * (optional, a button); the reflect job asks each to rate the meeting 1–5 (a click or the typed
 * digit) and then their own reflection questions. An answer or a rating sent twice is stored
 * once; the run keeps no words; a pair that ended is asked nothing; an abandoned reflection
 * resumes at its form days later, with other questions answered in between.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';
import { card, seedPair } from './journey-guide-fixtures.js';
import { DAY, said } from './matching-fixtures.js';
import { lastForm, MENTEE_REFLECTION, MENTOR_REFLECTION, reflections, runJob } from './reflections-fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('preparing for a meeting', () => {
  it('each side is offered their own questions, in their language; saving stores them for the author', async () => {
    const { orgId, ola, amina } = await seedPair(h, { ola: 'nb', amina: 'en' });
    await runJob(h, orgId, 'prepare', 'meet-1');
    expect((await card(amina.chat)).labels).toEqual(['Prepare now']);
    expect((await card(ola.chat)).labels).toEqual(['Forbered nå']);
    expect((await card(amina.chat)).text).toContain('This is optional');

    await amina.chat.click('prepare');
    expect(await lastForm(amina.chat)).toMatchObject({ title: 'Before the meeting', fields: ['standsOut', 'goalWork', 'wentWell', 'difficult'] });
    await ola.chat.click('prepare');
    expect(await lastForm(ola.chat)).toMatchObject({ title: 'Før møtet', fields: ['standsOut', 'goalLast'] });

    // An empty form saves nothing and says why.
    await amina.chat.submit({ standsOut: ' ', goalWork: '', wentWell: '', difficult: '' });
    expect(await said(amina.chat)).toContain('at least one question');
    expect(await reflections(h)).toEqual([]);

    await amina.chat.submit({ standsOut: 'The CV advice', goalWork: '', wentWell: 'Sent two letters', difficult: '' });
    const [row] = await reflections(h);
    expect(row).toMatchObject({ kind: 'preparation', meetingId: 'meet-1', authorMembershipId: amina.membershipId, rating: null, sharedAt: null, answers: { standsOut: 'The CV advice', wentWell: 'Sent two letters' } });
    expect(await said(amina.chat)).toContain('Only you can read it');
    expect((await card(amina.chat)).labels).toEqual(['Share', 'Keep it private']);
    expect(JSON.stringify(await h.prisma.flowRun.findMany())).not.toContain('CV advice');
  });

  it('`prepare` / `forbered` works without a job; a pair that ended is offered nothing', async () => {
    const { orgId, ola, amina } = await seedPair(h, { ola: 'nb' });
    await ola.chat.say('forbered');
    expect(await lastForm(ola.chat)).toMatchObject({ title: 'Før møtet' });
    await h.prisma.match.update({ where: { id: 'match-1' }, data: { status: 'ended' } });
    await runJob(h, orgId, 'prepare', 'meet-2');
    expect(await h.prisma.openQuestion.count({ where: { kind: 'reflections.prepare-offer' } })).toBe(0);
    await amina.chat.say('prepare');
    expect(await said(amina.chat)).toContain('once they are a pair');
  });
});

describe('help', () => {
  it('lists prepare and reflect for each of the pair in their language, not for the coordinator', async () => {
    const { ola, amina, kari } = await seedPair(h, { ola: 'nb' });
    await amina.chat.say('help');
    const hers = await said(amina.chat);
    expect(hers).toContain('prepare — prepare for your next meeting');
    expect(hers).toContain('my reflections — read your own');
    await ola.chat.say('hjelp');
    expect(await said(ola.chat)).toContain('reflekter — vurder det siste møtet');
    await kari.chat.say('help');
    expect(await said(kari.chat)).not.toContain('prepare for your next meeting');
  });
});

describe('reflecting after a meeting', () => {
  it('rate with a click, then the own questions; a second click and a second submit store nothing more', async () => {
    const { orgId, amina } = await seedPair(h);
    await runJob(h, orgId, 'reflect', 'meet-1');
    const rating = await card(amina.chat);
    expect(rating.text).toContain('How was your last meeting?');
    expect(rating.values).toEqual(['1', '2', '3', '4', '5']);
    const { id } = await h.prisma.openQuestion.findFirstOrThrow({ where: { kind: 'reflections.meeting-rating', audience: { has: amina.personId } } });
    await amina.chat.click('4', id);
    await amina.chat.click('5', id);
    expect(await said(amina.chat)).toContain('You have already answered that');
    const form = await lastForm(amina.chat);
    expect(form).toMatchObject({ title: 'After the meeting', fields: ['useful', 'focus', 'workOn'] });
    await amina.chat.submit(MENTEE_REFLECTION, form.id);
    await amina.chat.submit({ ...MENTEE_REFLECTION, useful: 'Second' }, form.id);
    const rows = await reflections(h);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'reflection', meetingId: 'meet-1', rating: 4, answers: MENTEE_REFLECTION });
    expect(JSON.stringify(await h.prisma.flowRun.findMany())).not.toContain('WOMBAT');
  });

  it('the mentor types "3" (Norwegian) and gets the mentor\'s questions; the job run again asks nobody twice', async () => {
    const { orgId, ola } = await seedPair(h, { ola: 'nb' });
    await runJob(h, orgId, 'reflect', 'meet-1');
    await h.core.units.forOrganisation(orgId, (w) => w.schedule({ kind: 'reflections.reflect', key: 'reflect:again', dueAt: w.clock.now(), payload: { matchId: 'match-1', meetingId: 'meet-1' } }));
    await runJob(h, orgId, 'reflect', 'meet-1');
    expect(await h.prisma.openQuestion.count({ where: { kind: 'reflections.meeting-rating', audience: { has: ola.personId } } })).toBe(1);
    expect((await card(ola.chat)).text).toContain('Hvordan var det siste møtet deres?');
    await ola.chat.say('3');
    expect(await said(ola.chat)).toContain('Du ga møtet 3 av 5');
    expect(await lastForm(ola.chat)).toMatchObject({ title: 'Etter møtet', fields: ['interested', 'learningPoints', 'aboutMyself'] });
    await ola.chat.submit(MENTOR_REFLECTION);
    // Once rated, a job run again (the meeting logged again) asks nothing more.
    await h.core.units.forOrganisation(orgId, (w) => w.schedule({ kind: 'reflections.reflect', key: 'reflect:third', dueAt: w.clock.now(), payload: { matchId: 'match-1', meetingId: 'meet-1' } }));
    await runJob(h, orgId, 'reflect', 'meet-1');
    expect(await h.prisma.openQuestion.count({ where: { kind: 'reflections.meeting-rating', audience: { has: ola.personId } } })).toBe(1);
    expect(await reflections(h)).toMatchObject([{ rating: 3, answers: MENTOR_REFLECTION }]);
  });

  it('a rating given in the middle of the agreement form leaves that form open; `reflect` brings the questions later', async () => {
    const { orgId, amina } = await seedPair(h);
    const held = new Date(h.clock.now().getTime() - DAY);
    await h.prisma.meeting.create({
      data: { id: 'meet-1', organisationId: orgId, programmeId: 'prog', matchId: 'match-1', startsAt: held, minutes: 60, mode: 'online', status: 'held', sequence: 0, proposedById: amina.membershipId, createdAt: held, updatedAt: held },
    });
    await amina.chat.say('agreement');
    const agreementForm = await lastForm(amina.chat);
    await runJob(h, orgId, 'reflect', 'meet-1');
    const { id } = await h.prisma.openQuestion.findFirstOrThrow({ where: { kind: 'reflections.meeting-rating', audience: { has: amina.personId } } });
    await amina.chat.click('4', id);
    expect(await said(amina.chat)).toContain('Your reflection questions wait');
    expect(await h.prisma.flowRun.findFirstOrThrow({ where: { status: 'active' } })).toMatchObject({ flowId: 'agreement' });
    await amina.chat.submit({ help: 'Finding work', hopes: 'A job', goals: 'One goal' }, agreementForm.id);
    expect(await h.prisma.agreement.count()).toBe(1);
    await amina.chat.say('reflect');
    expect(await lastForm(amina.chat)).toMatchObject({ title: 'After the meeting' });
    expect((await reflections(h))[0]).toMatchObject({ rating: 4 });
  });

  it('an abandoned reflection resumes at its form days later, another question answered in between', async () => {
    const { orgId, amina } = await seedPair(h);
    await amina.chat.say('prepare');
    await amina.chat.submit({ standsOut: 'Prep words', goalWork: '', wentWell: '', difficult: '' });
    const share = await h.prisma.openQuestion.findFirstOrThrow({ where: { kind: 'reflections.share' } });
    await runJob(h, orgId, 'reflect', 'meet-1');
    await amina.chat.click('5');
    const form = await lastForm(amina.chat);
    h.clock.advance(2 * DAY);
    await amina.chat.click('private', share.id);
    expect(await said(amina.chat)).toContain('It stays private');
    h.clock.advance(3 * DAY);
    await amina.chat.submit(MENTEE_REFLECTION, form.id);
    expect((await reflections(h)).find((r) => r.kind === 'reflection')).toMatchObject({ rating: 5, answers: MENTEE_REFLECTION });
  });
});
