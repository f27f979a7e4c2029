/**
 * The agreed end: a pair started through startMatch gets a week-before notice and, a year later,
 * is ended as completed (through the one transition), each with their closing; "stay in touch"
 * needs both; the survey sent twice is stored once. In English and Norwegian.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { answersOf, form, pairUp } from './closure-fixtures.js';
import { DAY, jobRunner, menteeProfile, mentorProfile, said, type Seeded, seedMatchingProgramme, seedMember } from './matching-fixtures.js';

let h: Harness;
let orgId: string;
let kari: Seeded;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  kari = await seedMatchingProgramme(h, orgId);
});
afterEach(() => h.close());

describe('the year-end', () => {
  it('notices a week before, then closes the pair as completed; both get the closing (en + nb)', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'), 'nb');
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await pairUp(amina, ola, 'Ola Nordmann');
    const [match] = await h.prisma.match.findMany({ where: { status: 'active' } });
    const jobs = await h.prisma.scheduledJob.findMany({ where: { kind: { startsWith: 'closure.' } }, orderBy: { dueAt: 'asc' } });
    expect(jobs.map((j) => [j.kind, j.dueAt.toISOString()])).toEqual([
      ['closure.year-end-notice', '2027-08-25T08:00:00.000Z'],
      ['closure.year-end', '2027-09-01T08:00:00.000Z'],
    ]);
    await Promise.all([amina.chat.replies(), ola.chat.replies(), kari.chat.replies()]);
    const runner = jobRunner(h);
    h.clock.advance(358 * DAY);
    await runner.kick();
    expect((await amina.chat.replies()).map((m) => m.title).join()).toContain('Your mentoring year ends on September 1, 2027');
    expect((await ola.chat.replies()).map((m) => m.title).join()).toContain('Mentoråret ditt slutter 1. september 2027');
    expect((await h.prisma.match.findUniqueOrThrow({ where: { id: match!.id } })).status).toBe('active');

    h.clock.advance(8 * DAY);
    await runner.kick();
    expect((await h.prisma.match.findUniqueOrThrow({ where: { id: match!.id } })).status).toBe('ended');
    const closure = await h.prisma.closure.findUniqueOrThrow({ where: { matchId: match!.id } });
    expect([closure.outcome, closure.endedBy]).toEqual(['completed', 'year-end']);
    expect((await form(amina.chat, 'Closing reflection')).fields).toEqual(['achieved', 'takeWith', 'next']);
    expect((await form(ola.chat, 'Avsluttende refleksjon')).fields).toEqual(['learned', 'differently']);
    await form(amina.chat, 'Exit survey');
    await form(ola.chat, 'Sluttundersøkelse');
    expect(await said(kari.chat)).toContain('Ola Nordmann and Amina Yusuf in Jobbstart 2027 have completed their mentoring year.');
  });

  it('stay in touch needs both; a survey sent twice is stored once', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'), 'nb');
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await pairUp(amina, ola, 'Ola Nordmann');
    h.clock.advance(366 * DAY);
    await jobRunner(h).kick();
    await Promise.all([amina.chat.replies(), ola.chat.replies()]);

    const mine = await form(amina.chat, 'Exit survey');
    const survey = { overall: '5', recommend: 'yes', valuable: 'Practising interviews', change: '', stayInTouch: 'yes' };
    await amina.chat.submit(survey, mine.id);
    await amina.chat.submit(survey, mine.id);
    expect(await answersOf(h, 'survey')).toHaveLength(1);
    // She said yes, he has not answered: nobody is told anything.
    expect(await said(amina.chat)).not.toContain('both want to stay in touch');
    expect(await said(ola.chat)).toBe('');

    await ola.chat.submit({ overall: '4', recommend: 'unsure', valuable: '', change: '', stayInTouch: 'yes' }, (await form(ola.chat, 'Sluttundersøkelse')).id);
    expect(await said(amina.chat)).toContain('you and Ola Nordmann both want to stay in touch');
    expect(await said(ola.chat)).toContain('du og Amina Yusuf vil begge holde kontakten');
  });

  it('a "no" tells the other nothing', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await pairUp(amina, ola, 'Ola Nordmann');
    h.clock.advance(366 * DAY);
    await jobRunner(h).kick();
    await amina.chat.submit({ overall: '5', recommend: 'yes', stayInTouch: 'yes' }, (await form(amina.chat, 'Exit survey')).id);
    await Promise.all([amina.chat.replies(), ola.chat.replies()]);
    await ola.chat.submit({ overall: '3', recommend: 'no', stayInTouch: 'no' }, (await form(ola.chat, 'Exit survey')).id);
    expect(await said(amina.chat)).toBe('');
    expect(await said(ola.chat)).not.toContain('Amina');
    expect(await answersOf(h, 'survey')).toHaveLength(2);
  });
});
