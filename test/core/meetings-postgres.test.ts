/**
 * The mentor accepting while the mentee cancels the same proposal, at the same moment, on a real
 * PostgreSQL server (overlapping transactions). Whatever the order, each meeting ends cancelled
 * with no reminder or preparation left pending: without the pair's lock and the conditional
 * change, an accept that read "proposed" before the cancel committed would plan it again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../support/db.js';
import { type Harness, createHarness } from '../support/harness.js';
import { activeMatch } from './journey-guide-fixtures.js';
import { lastAsk, menteeProfile, mentorProfile, seedMatchingProgramme, seedMember } from './matching-fixtures.js';

let h: Harness;
const PAIRS = 10;

describe.skipIf(!testDatabaseUrl())('meetings on PostgreSQL', () => {
  beforeEach(async () => {
    h = await createHarness({ backend: 'postgres' });
  });
  afterEach(() => h.close());

  it('accept and cancel at once: cancelled, no jobs left, in every pair', async () => {
    const orgId = await h.organisation();
    await seedMatchingProgramme(h, orgId);
    const pairs = [];
    for (let i = 0; i < PAIRS; i += 1) {
      const mentor = await seedMember(h, orgId, `mentor${i}`, 'mentor', mentorProfile(`Mentor ${i}`));
      const mentee = await seedMember(h, orgId, `mentee${i}`, 'mentee', menteeProfile({ fullName: `Mentee ${i}` }));
      await activeMatch(h, orgId, `match-${i}`, mentor, mentee);
      await mentee.chat.say('meeting');
      await mentee.chat.submit({ date: '2026-11-10', time: '10:00', minutes: '60', mode: 'online', place: '' });
      pairs.push({ mentor, mentee, accept: (await lastAsk(mentor.chat)).id, cancel: (await lastAsk(mentee.chat)).id });
    }
    const results = await Promise.all(pairs.flatMap((p) => [p.mentor.chat.click('accept', p.accept), p.mentee.chat.click('cancel', p.cancel)]));
    expect(results.every((r) => r.status === 'handled')).toBe(true);
    const rows = await h.prisma.meeting.findMany();
    expect(rows.map((r) => r.status)).toEqual(Array(PAIRS).fill('cancelled'));
    expect(await h.prisma.scheduledJob.count({ where: { status: 'pending', kind: { in: ['meetings.remind', 'reflections.prepare', 'meetings.check-held'] } } })).toBe(0);
  }, 60_000);
});
