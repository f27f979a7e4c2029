/**
 * Both sides of a pair saving their part of the agreement at the same moment, on a real
 * PostgreSQL server where the two transactions overlap: the draft is read, merged and written
 * back, so without the pair's row lock one side's part could be lost. (On PGlite, one session,
 * the two run one after the other and cannot show the race.) Many pairs at once, so the two
 * saves of some pair really interleave.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../support/db.js';
import { type Harness, createHarness } from '../support/harness.js';
import { activeMatch } from './journey-guide-fixtures.js';
import { menteeProfile, mentorProfile, seedMatchingProgramme, seedMember } from './matching-fixtures.js';

let h: Harness;
const PAIRS = 12;

describe.skipIf(!testDatabaseUrl())('the agreement on PostgreSQL', () => {
  beforeEach(async () => {
    h = await createHarness({ backend: 'postgres' });
  });
  afterEach(() => h.close());

  it('mentee and mentor saving their parts at the same moment: both parts are kept, in every pair', async () => {
    const orgId = await h.organisation();
    await seedMatchingProgramme(h, orgId);
    const pairs = [];
    for (let i = 0; i < PAIRS; i += 1) {
      const mentor = await seedMember(h, orgId, `mentor${i}`, 'mentor', mentorProfile(`Mentor ${i}`));
      const mentee = await seedMember(h, orgId, `mentee${i}`, 'mentee', menteeProfile({ fullName: `Mentee ${i}` }));
      await activeMatch(h, orgId, `match-${i}`, mentor, mentee);
      // The draft exists (her part is in); both have the next form open.
      await mentee.chat.say('agreement');
      await mentee.chat.submit({ help: `Help ${i}`, hopes: 'A job in a hospital', goals: 'Get my authorisation' });
      await mentor.chat.say('agreement');
      pairs.push({ mentor, mentee, i });
    }
    // Her frame and his part, at the same moment, for every pair at once.
    const results = await Promise.all(
      pairs.flatMap(({ mentor, mentee, i }) => [
        mentee.chat.submit({ confidentiality: 'between', confidentialityText: '', frequency: 'biweekly', initiator: 'mentee', cancelling: 'A day before', evaluation: `Evaluation ${i}` }),
        mentor.chat.submit({ offer: `Offer ${i}`, hopes: 'Learn about other cultures', limits: 'No loans' }),
      ]),
    );
    expect(results.every((r) => r.status === 'handled')).toBe(true);
    for (const { i } of pairs) {
      const drafts = await h.prisma.agreement.findMany({ where: { matchId: `match-${i}` } });
      expect(drafts, `pair ${i}`).toHaveLength(1);
      const stored = JSON.stringify(drafts[0]?.answers);
      for (const words of [`Help ${i}`, `Offer ${i}`, `Evaluation ${i}`]) expect(stored, `pair ${i}`).toContain(words);
    }
  }, 60_000);
});
