/**
 * The end of the mentee's reflection asks her progress on each agreed goal (the goals feature's
 * askGoalProgress, with reason 'reflection'); the mentor's reflection and a preparation do not.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';
import { seedPair } from './journey-guide-fixtures.js';
import { MENTEE_REFLECTION, MENTOR_REFLECTION, runJob } from './reflections-fixtures.js';

const asked = vi.hoisted(() => [] as unknown[][]);
vi.mock('../../src/core/features/goals/ask.js', async (original) => ({
  ...(await original<object>()),
  askGoalProgress: async (_work: unknown, ...args: unknown[]) => {
    asked.push(args);
    return true;
  },
}));

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  asked.length = 0;
});
afterEach(() => h.close());

describe('goal progress after a reflection', () => {
  it("is asked at the end of the mentee's reflection only", async () => {
    const { orgId, ola, amina } = await seedPair(h);
    await amina.chat.say('prepare');
    await amina.chat.submit({ standsOut: 'x', goalWork: '', wentWell: '', difficult: '' });
    await runJob(h, orgId, 'reflect', 'meet-1');
    await ola.chat.click('3');
    await ola.chat.submit(MENTOR_REFLECTION);
    expect(asked).toEqual([]);
    await amina.chat.say('4');
    await amina.chat.submit(MENTEE_REFLECTION);
    expect(asked).toEqual([['match-1', amina.membershipId, 'reflection']]);
  });
});
