/**
 * A mentor's last place, asked for by two mentees and accepted twice at the same moment, on a
 * real PostgreSQL server where the two transactions really overlap: exactly one match becomes
 * active, the other mentee is asked to choose again, and the mentor is never over capacity.
 * (On PGlite, one session, the two clicks run one after the other and cannot show the race.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../support/db.js';
import { type Harness, createHarness } from '../support/harness.js';
import { lastAsk, menteeProfile, mentorProfile, said, type Seeded, seedMatchingProgramme, seedMember } from './matching-fixtures.js';

let h: Harness;
let orgId: string;

async function ask(mentee: Seeded, name: string): Promise<void> {
  await mentee.chat.say('mentors');
  const offer = await lastAsk(mentee.chat);
  await mentee.chat.click(offer.values[offer.labels.indexOf(`Ask ${name}`)]!, offer.id);
}

describe.skipIf(!testDatabaseUrl())('the last place on PostgreSQL', () => {
  beforeEach(async () => {
    h = await createHarness({ backend: 'postgres' });
    orgId = await h.organisation();
    await seedMatchingProgramme(h, orgId);
  });
  afterEach(() => h.close());

  it('two requests for one place, accepted at the same moment: exactly one becomes active', async () => {
    for (let round = 1; round <= 4; round += 1) {
      const name = `Mentor ${round}`;
      const mentor = await seedMember(h, orgId, `mentor${round}`, 'mentor', mentorProfile(name, { capacity: 1 }));
      const a = await seedMember(h, orgId, `a${round}`, 'mentee', menteeProfile({ fullName: `A${round}` }));
      const b = await seedMember(h, orgId, `b${round}`, 'mentee', menteeProfile({ fullName: `B${round}` }));
      await ask(a, name);
      await ask(b, name);
      const requests = (await mentor.chat.all()).filter((m) => m.prompt).map((m) => m.prompt!.id);
      expect(requests).toHaveLength(2);
      await Promise.all([a, b].map((x) => x.chat.replies()));

      const results = await Promise.all(requests.map((id) => mentor.chat.click('accept', id)));
      expect(results.map((r) => r.status)).toEqual(['handled', 'handled']);

      const rows = await h.prisma.match.findMany({ where: { mentorMembershipId: mentor.membershipId, status: { in: ['active', 'withdrawn'] } } });
      expect(rows.filter((m) => m.status === 'active'), `round ${round}`).toHaveLength(1);
      expect(rows.filter((m) => m.status === 'withdrawn'), `round ${round}`).toHaveLength(1);
      const loser = rows.find((m) => m.status === 'withdrawn')!.menteeMembershipId === a.membershipId ? a : b;
      const winner = loser === a ? b : a;
      expect(await said(winner.chat)).toContain(`${name} has accepted and is now your mentor`);
      expect(await said(loser.chat)).toContain(`${name} has no free place right now`);
      expect(await said(mentor.chat)).toContain('You have no free place left');
    }
    // Never over capacity, whatever the interleaving.
    const active = await h.prisma.match.groupBy({ by: ['mentorMembershipId'], where: { status: 'active' }, _count: true });
    expect(active.every((g) => g._count === 1)).toBe(true);
  });
});
