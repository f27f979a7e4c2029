/**
 * Asking about goals (askGoalProgress, what reflections, check-ins and the closing call) and who
 * may read what: the question opens the form for one of the pair, answered once; a coordinator's
 * commands and goalProgressFacts carry no goal's words and no line; the logs, the run and the
 * question rows carry none either.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../support/harness.js';
import { ask, confirmAgreement, facts, formOf, GOALS, goalsCard, pairWithGoals, rows, steps } from './goals-fixtures.js';
import { card, harnessWithLogs, seedPair } from './journey-guide-fixtures.js';
import { said } from './matching-fixtures.js';

const LINE = 'Passed-the-B1-test-QWERTY';
let h: Harness;
afterEach(() => h.close());

describe('asking about goals', () => {
  it('is false without a confirmed agreement or for someone outside the pair; opens one question per person', async () => {
    ({ h } = await harnessWithLogs());
    const { orgId, kari, amina, ola } = await seedPair(h, { ola: 'nb', amina: 'en' });
    expect(await ask(h, orgId, amina.membershipId)).toBe(false);
    await confirmAgreement(h, orgId, GOALS);
    expect(await ask(h, orgId, kari.membershipId)).toBe(false);
    expect(await ask(h, orgId, amina.membershipId, 'reflection')).toBe(true);
    expect(await ask(h, orgId, amina.membershipId, 'check-in')).toBe(true);
    expect(await h.prisma.openQuestion.count({ where: { kind: 'goals.progress-ask' } })).toBe(1);
    expect((await card(amina.chat)).text).toContain('Thank you for your reflection. How are your goals coming along?');
    expect(await ask(h, orgId, ola.membershipId, 'closing')).toBe(true);
    expect((await card(ola.chat)).text).toContain('En siste titt på hvert av målene');
    await amina.chat.say('help');
    expect(await said(amina.chat)).toContain('Record progress on your agreed goals');
  });

  it('its button opens the form, prefilled; a second click opens nothing and stores nothing', async () => {
    ({ h } = await harnessWithLogs());
    const { orgId, amina } = await pairWithGoals(h);
    await ask(h, orgId, amina.membershipId, 'reflection');
    const question = await amina.chat.lastPromptId();
    await amina.chat.click('update', question);
    expect((await formOf(amina.chat)).initial).toEqual({ step_0: 'not-started', step_1: 'not-started', step_2: 'not-started' });
    await amina.chat.submit(steps(['done', 'dropped', 'started'], ['', '', LINE]));
    expect((await rows(h)).map((r) => r.step)).toEqual(['done', 'dropped', 'started']);
    await amina.chat.click('update', question);
    expect(await said(amina.chat)).toContain('already');
    expect(await rows(h)).toHaveLength(3);
    // The store keeps one row per pair, goal and submission whatever calls it.
    const again = (await rows(h)).map((r) => ({ ...r, id: `${r.id}-again` }));
    expect(await h.store.transaction((r) => r.goalProgress.record(again as never))).toBe(0);
    expect(await rows(h)).toHaveLength(3);
  });

  it('a coordinator sees steps and dates, never a goal’s words or a line; no log, run or question keeps them', async () => {
    const withLogs = await harnessWithLogs();
    h = withLogs.h;
    const { orgId, kari, amina, ola } = await pairWithGoals(h);
    await ask(h, orgId, amina.membershipId, 'check-in');
    await amina.chat.click('update');
    await amina.chat.submit(steps(['under-way', 'not-started', 'not-started'], [LINE]));
    await ola.chat.say('mål');
    expect(await goalsCard(ola.chat)).toContain(LINE); // the pair reads it

    for (const words of ['goals', 'mål', 'help', 'agreement', 'matches']) await kari.chat.say(words);
    const kariSaw = JSON.stringify(await kari.chat.all());
    for (const words of [LINE, ...GOALS]) expect(kariSaw).not.toContain(words);
    expect(await said(kari.chat)).toContain('once you are a pair');

    const coordinatorFacts = await facts(h, orgId);
    expect(coordinatorFacts).toEqual([
      { index: 0, step: 'under-way', changedAt: h.clock.now() },
      { index: 1, step: 'not-started', changedAt: null },
      { index: 2, step: 'not-started', changedAt: null },
    ]);

    const kept = JSON.stringify([withLogs.logs, await h.prisma.flowRun.findMany({ where: { flowId: 'goals' } }), await h.prisma.openQuestion.findMany({ where: { kind: 'goals.progress-ask' } })]);
    expect(withLogs.logs.length).toBeGreaterThan(0);
    for (const words of [LINE, ...GOALS]) expect(kept).not.toContain(words);
  });
});
