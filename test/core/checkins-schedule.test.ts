/**
 * The check-in cadence on the test clock: one pair's year (every contact's date, the one after the
 * first meeting once), nothing for an ended pair or a side who left, and a programme's settings
 * changing the cadence (refused values beside their field; a running pair's next contact moved).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { contactsOf, plan, runUntil } from './checkins-fixtures.js';
import { seedPair } from './journey-guide-fixtures.js';
import { pairTheRealWay } from './journey-year-fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const holdMeeting = async (j: Awaited<ReturnType<typeof pairTheRealWay>>, day: string) => {
  h.clock.set(new Date(`${day}T18:00:00Z`));
  await j.amina.chat.say('logg møte');
  await j.amina.chat.submit({ date: day, time: '17:00', minutes: '60', mode: 'online' });
  await j.ola.chat.click('confirm', (await h.prisma.openQuestion.findFirstOrThrow({ where: { kind: 'meetings.confirm-held', status: 'open' } })).id);
  expect(await h.prisma.meeting.count({ where: { status: 'held', startsAt: new Date(`${day}T15:00:00Z`) } })).toBe(1);
};

describe('a pair’s check-ins over a year', () => {
  it('asks both sides on day 7, day 28, then monthly until the year ends, and once after the first meeting', async () => {
    const j = await pairTheRealWay(h); // started 2026-09-01 08:00Z by Ola's accept (startMatch)
    await runUntil(h, new Date('2026-09-10T17:00:00Z'));
    await holdMeeting(j, '2026-09-10');
    await runUntil(h, new Date('2026-10-05T17:00:00Z'));
    await holdMeeting(j, '2026-10-05'); // a second held meeting asks nothing more
    await runUntil(h, new Date('2027-09-20T00:00:00Z'));
    const expected = [
      'first-two-weeks#1 2026-09-08T08:00:00.000Z unanswered',
      'after-first-meeting#1 2026-09-11T08:00:00.000Z unanswered',
      'first-month#1 2026-09-29T08:00:00.000Z unanswered',
      'monthly#1 2026-11-01T09:00:00.000Z unanswered',
      'monthly#2 2026-12-01T09:00:00.000Z unanswered',
      'monthly#3 2027-01-01T09:00:00.000Z unanswered',
      'monthly#4 2027-02-01T09:00:00.000Z unanswered',
      'monthly#5 2027-03-01T09:00:00.000Z unanswered',
      'monthly#6 2027-04-01T08:00:00.000Z unanswered',
      'monthly#7 2027-05-01T08:00:00.000Z unanswered',
      'monthly#8 2027-06-01T08:00:00.000Z unanswered',
      'monthly#9 2027-07-01T08:00:00.000Z unanswered',
      'monthly#10 2027-08-01T08:00:00.000Z unanswered',
    ];
    expect(await contactsOf(h, j.ola.membershipId)).toEqual(expected);
    expect(await contactsOf(h, j.amina.membershipId)).toEqual(expected);
    // The year ended (2027-09-01): the chain stopped, nothing waits.
    expect(await h.prisma.match.findFirstOrThrow({ where: { status: 'ended' } })).toBeTruthy();
    expect(await h.prisma.scheduledJob.count({ where: { kind: 'checkins.contact', status: 'pending' } })).toBe(0);
    // Each was a question in the person's language, expired unanswered after a week.
    const amina = await j.amina.chat.all();
    expect(amina.filter((m) => m.title === 'Innsjekk: de første ukene')).toHaveLength(1);
    expect(amina.filter((m) => m.title === 'Innsjekk etter det første møtet')).toHaveLength(1);
    expect((await j.ola.chat.all()).filter((m) => m.title === 'Monthly check-in')).toHaveLength(10);
    expect(await h.prisma.openQuestion.count({ where: { kind: 'checkins.check-in', status: 'expired' } })).toBe(26);
  });
});

describe('who is asked', () => {
  it('asks nobody once the pair has ended, and stops the chain', async () => {
    const { orgId } = await seedPair(h);
    await plan(h, orgId);
    await h.prisma.match.update({ where: { id: 'match-1' }, data: { status: 'ended', endedAt: h.clock.now() } });
    await runUntil(h, new Date('2026-12-31T00:00:00Z'));
    expect(await h.prisma.checkIn.count()).toBe(0);
    expect(await h.prisma.scheduledJob.count({ where: { kind: 'checkins.contact', status: 'pending' } })).toBe(0);
  });

  it('asks only the side still in the programme', async () => {
    const { orgId, ola, amina } = await seedPair(h);
    await plan(h, orgId);
    await h.prisma.membership.update({ where: { id: amina.membershipId }, data: { status: 'left', leftAt: h.clock.now() } });
    await runUntil(h, new Date('2026-09-09T00:00:00Z'));
    expect(await contactsOf(h, ola.membershipId)).toEqual(['first-two-weeks#1 2026-09-08T08:00:00.000Z sent']);
    expect(await contactsOf(h, amina.membershipId)).toEqual([]);
  });
});

describe('check-in settings', () => {
  it('refuses values beside their field, and moves a running pair’s contacts to the new cadence', async () => {
    const { orgId, kari, ola } = await seedPair(h);
    await plan(h, orgId); // day 7 under the defaults
    await kari.chat.say('check-in settings');
    const form = await kari.chat.lastPrompt();
    expect(form.spec.kind === 'form' && form.spec.fields.map((f) => [f.name, f.initial])).toEqual([['firstDay', '7'], ['secondDay', '28'], ['everyMonths', '1'], ['afterFirstMeeting', 'yes']]);
    await kari.chat.replies();
    await kari.chat.submit({ firstDay: '30', secondDay: '28', everyMonths: '1', afterFirstMeeting: 'yes' });
    expect(await kari.chat.text()).toMatch(/1.*14/);
    await kari.chat.submit({ firstDay: '10', secondDay: '5', everyMonths: '1', afterFirstMeeting: 'yes' });
    expect(await kari.chat.text()).toContain('The second check-in must come after the first.');
    expect(await h.prisma.checkInSettings.count()).toBe(0);
    await kari.chat.submit({ firstDay: '3', secondDay: '20', everyMonths: '2', afterFirstMeeting: 'no' });
    expect(await kari.chat.text()).toContain('First check-in on day 3, second on day 20, then every 2 months. After the first meeting: No.');
    const { firstMeetingHeld } = await import('../../src/core/features/checkins/schedule.js');
    await h.core.units.forOrganisation(orgId, (work) => firstMeetingHeld(work, 'match-1'));
    await runUntil(h, new Date('2027-03-01T00:00:00Z'));
    expect(await contactsOf(h, ola.membershipId)).toEqual([
      'first-two-weeks#1 2026-09-04T08:00:00.000Z unanswered',
      'first-month#1 2026-09-21T08:00:00.000Z unanswered',
      'monthly#1 2026-12-01T09:00:00.000Z unanswered',
      'monthly#2 2027-02-01T09:00:00.000Z unanswered',
    ]);
  });

  it('is only for the programme’s coordinators', async () => {
    await seedPair(h);
    const { ola } = { ola: h.chat('ola', { locale: 'en' }) };
    await ola.say('check-in settings');
    expect(await ola.text()).not.toContain('Check-in settings');
    expect((await ola.all()).some((m) => m.prompt?.spec.kind === 'form')).toBe(false);
  });
});
