/**
 * Ending early: the mentee's `end mentoring` / `avslutt mentorskapet` (confirmation, a reason and
 * a line for coordinators) records the reason, tells the coordinator, and the mentor gets his
 * closing; the coordinator's `outcomes` counts right and shows no private text and no name.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { form } from './closure-fixtures.js';
import { card, seedPair, type Pair } from './journey-guide-fixtures.js';
import { said } from './matching-fixtures.js';

let h: Harness;
let p: Pair;

beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function endAsMentee(words: string, reason: string, note: string): Promise<void> {
  await p.amina.chat.say(words);
  expect((await card(p.amina.chat)).values).toEqual(['yes', 'no']);
  await p.amina.chat.click('yes');
  await p.amina.chat.submit({ reason, note });
}

describe('ending early', () => {
  it('the mentee ends it (nb): reason recorded, coordinator told with the line, mentor gets his closing (en)', async () => {
    p = await seedPair(h, { amina: 'nb' });
    await Promise.all([p.kari.chat.replies(), p.ola.chat.replies()]);
    await endAsMentee('avslutt mentorskapet', 'moved', 'Flytter til Bergen');
    expect(await said(p.amina.chat)).toContain('Mentorskapet er avsluttet');
    const closure = await h.prisma.closure.findUniqueOrThrow({ where: { matchId: 'match-1' } });
    expect([closure.outcome, closure.reasonCode, closure.endedBy, closure.note]).toEqual(['ended-early', 'moved', 'mentee', 'Flytter til Bergen']);
    expect((await h.prisma.match.findUniqueOrThrow({ where: { id: 'match-1' } })).status).toBe('ended');
    const kari = await said(p.kari.chat);
    expect(kari).toContain('Reason: Moved or new job');
    expect(kari).toContain('Flytter til Bergen');
    // Ola learns it ended, never her line; he gets his closing.
    const ola = await said(p.ola.chat);
    expect(ola).not.toContain('Bergen');
    expect((await form(p.ola.chat, 'Closing reflection')).fields).toEqual(['learned', 'differently']);
    await form(p.ola.chat, 'Exit survey');
    await form(p.amina.chat, 'Avsluttende refleksjon');
  });

  it('a planned meeting still to come is called off: jobs gone, and Ola gets a cancelling calendar file', async () => {
    p = await seedPair(h, { amina: 'nb' });
    const startsAt = new Date(h.clock.now().getTime() + 5 * 86_400_000);
    await h.prisma.meeting.create({
      data: { id: 'meet-1', organisationId: p.orgId, programmeId: 'prog', matchId: 'match-1', startsAt, minutes: 60, mode: 'online', place: null, status: 'planned', sequence: 0, proposedById: p.amina.membershipId, createdAt: h.clock.now(), updatedAt: h.clock.now() },
    });
    await h.prisma.scheduledJob.create({
      data: { id: 'job-remind', organisationId: p.orgId, kind: 'meetings.remind', uniqueKey: 'remind-meeting:meet-1', dueAt: new Date(startsAt.getTime() - 86_400_000), payload: { matchId: 'match-1', meetingId: 'meet-1' } },
    });
    await endAsMentee('avslutt mentorskapet', 'moved', '');
    expect(await h.prisma.meeting.findUniqueOrThrow({ where: { id: 'meet-1' } })).toMatchObject({ status: 'cancelled', sequence: 1 });
    expect(await h.prisma.scheduledJob.count({ where: { uniqueKey: 'remind-meeting:meet-1', status: 'pending' } })).toBe(0);
    const calledOff = (await p.ola.chat.all()).find((m) => m.text.includes('so the meeting on') && m.file);
    expect(calledOff?.file?.name).toBe('meeting.ics');
    const stored = await h.prisma.storedFile.findUniqueOrThrow({ where: { id: calledOff?.file?.fileId as string } });
    const ics = Buffer.from(stored.bytes).toString('utf8');
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('SEQUENCE:1');
  });

  it('saying no keeps the pair', async () => {
    p = await seedPair(h);
    await p.amina.chat.say('end mentoring');
    await p.amina.chat.click('no');
    expect((await h.prisma.match.findUniqueOrThrow({ where: { id: 'match-1' } })).status).toBe('active');
    expect(await h.prisma.closure.count()).toBe(0);
  });
});

describe('outcomes for coordinators', () => {
  it('counts endings, the survey and job outcomes, without a reflection or a name', async () => {
    p = await seedPair(h);
    await p.kari.chat.say('outcome tracking on');
    expect(await said(p.kari.chat)).toContain('Jobbstart 2027 now tracks job outcomes');
    await endAsMentee('end mentoring', 'no-time', '');
    await p.amina.chat.submit({ achieved: 'SECRET-REFLECTION', takeWith: '', next: '' }, (await form(p.amina.chat, 'Closing reflection')).id);
    await p.ola.chat.submit({ learned: 'MENTOR-SECRET', differently: '' }, (await form(p.ola.chat, 'Closing reflection')).id);
    await p.amina.chat.submit({ overall: '4', recommend: 'yes', valuable: 'The interview practice', stayInTouch: 'no' }, (await form(p.amina.chat, 'Exit survey')).id);
    await p.ola.chat.submit({ overall: '2', recommend: 'unsure', change: 'More meetings', stayInTouch: 'no' }, (await form(p.ola.chat, 'Exit survey')).id);
    const outcomes = await form(p.amina.chat, 'Job and education');
    await p.amina.chat.submit({ happened: ['interview', 'job'], interviews: '3' }, outcomes.id);
    await p.amina.chat.submit({ happened: ['interview'], interviews: '9' }, outcomes.id);
    expect(await h.prisma.closureAnswer.count({ where: { kind: 'outcomes' } })).toBe(1);

    await p.kari.chat.replies();
    await p.kari.chat.say('outcomes');
    const [view] = await p.kari.chat.replies();
    const shown = JSON.stringify(view);
    expect(shown).toContain('Completed: 0. Ended early: 1.');
    expect(shown).toContain('No time: 1');
    expect(shown).toContain('Overall: 3 of 5. Would recommend: yes 1, no 0, not sure 1.');
    expect(shown).toContain('Most valuable: The interview practice');
    expect(shown).toContain('Job interview: 1 (in total 3)');
    expect(shown).toContain('I got a job: 1');
    for (const hidden of ['SECRET-REFLECTION', 'MENTOR-SECRET', 'Amina', 'Ola']) expect(shown).not.toContain(hidden);
    // The questions keep no copy of what was written.
    expect(JSON.stringify(await h.prisma.openQuestion.findMany())).not.toContain('SECRET');
    // A participant may not see the view.
    await p.amina.chat.say('outcomes');
    expect(await said(p.amina.chat)).toContain('Only a programme');
  });
});
