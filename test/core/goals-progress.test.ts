/**
 * Goals: each side of the pair records progress on the goals of their confirmed agreement (the
 * mentee in English, the mentor in Norwegian); both read each goal's step and its newest three
 * updates, dated in the reader's zone; the same form sent twice stores once; a reworded goal
 * starts again while a goal whose words stay keeps its history, even when it moves.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';
import { ask, confirmAgreement, facts, formOf, GOALS, goalsCard, MATCH, openForm, pairWithGoals, rows, steps } from './goals-fixtures.js';
import { seedPair } from './journey-guide-fixtures.js';
import { PROG, said } from './matching-fixtures.js';

const HOUR = 3_600_000;
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('goal progress', () => {
  it('the mentee records a step and a line; both read it; the mentor (nb) records what he saw', async () => {
    const { ola, amina } = await pairWithGoals(h);
    await amina.chat.say('goals');
    const before = await goalsCard(amina.chat);
    expect(before).toContain('Your goals with Ola Nordmann');
    expect(before).toContain('Goal 1: Get my nurse authorisation');
    expect(before).toContain('Now: not started');
    expect(before).toContain('No updates yet.');

    await amina.chat.click('update');
    const form = await formOf(amina.chat);
    expect(form.fields).toEqual(['step_0', 'line_0', 'step_1', 'line_1', 'step_2', 'line_2']);
    expect(form.initial).toEqual({ step_0: 'not-started', step_1: 'not-started', step_2: 'not-started' });
    await amina.chat.submit(steps(['started', 'not-started', 'not-started'], ['Sent the papers to the directorate']));
    expect(await rows(h)).toMatchObject([{ step: 'started', line: 'Sent the papers to the directorate', authorMembershipId: amina.membershipId, matchId: 'match-1' }]);
    expect(await said(amina.chat)).toContain('Saved. Ola Nordmann sees it too');
    expect(await said(ola.chat)).toContain('har registrert framgang på målene deres');

    h.clock.advance(HOUR);
    await ola.chat.say('mål');
    const olaSees = await goalsCard(ola.chat);
    expect(olaSees).toContain('Mål 1: Get my nurse authorisation');
    expect(olaSees).toContain('Nå: begynt');
    expect(olaSees).toContain('1. sep. 2026, Amina'); // her name as the pair knows it, the date in Oslo
    expect(olaSees).toContain('Sent the papers to the directorate');

    // The mentor may record progress he saw: the form starts from the step now.
    await ola.chat.click('update');
    expect((await formOf(ola.chat)).initial).toMatchObject({ step_0: 'started' });
    await ola.chat.submit(steps(['under-way', 'started', 'not-started'], ['Søknaden er levert', '']));
    const stored = await rows(h);
    expect(stored.map((r) => [r.step, r.authorMembershipId])).toEqual([['started', amina.membershipId], ['under-way', ola.membershipId], ['started', ola.membershipId]]);
    await amina.chat.say('goals');
    const aminaSees = await goalsCard(amina.chat);
    expect(aminaSees).toContain('Now: well under way');
    expect(aminaSees).toContain('Ola Nordmann: well under way. “Søknaden er levert”');
    expect(aminaSees).toContain('you: started. “Sent the papers to the directorate”');
  });

  it('shows the newest three updates of a goal, newest first, dated in the reader’s zone', async () => {
    const { amina } = await pairWithGoals(h, ['Get my nurse authorisation']);
    h.clock.set(new Date('2026-10-01T23:30:00Z')); // already 2 October in Oslo
    const lines = ['First-line', 'Second-line', 'Third-line', 'Fourth-line'];
    const path = ['started', 'under-way', 'under-way', 'done'];
    for (const [i, line] of lines.entries()) {
      await openForm(amina.chat);
      await amina.chat.submit(steps([path[i] as string], [line]));
      h.clock.advance(24 * HOUR);
    }
    expect(await rows(h)).toHaveLength(4);
    await amina.chat.say('goals');
    const card = await goalsCard(amina.chat);
    expect(card).toContain('Now: done');
    expect(card).not.toContain('First-line');
    expect(card.indexOf('Fourth-line')).toBeLessThan(card.indexOf('Third-line'));
    expect(card.indexOf('Third-line')).toBeLessThan(card.indexOf('Second-line'));
    // Saved at 23:30 UTC on 2 October: already 3 October in Oslo, where Amina reads it.
    expect(card).toContain('Oct 3, 2026, you: well under way. “Second-line”');
  });

  it('the same form sent twice stores once; nothing changed stores nothing', async () => {
    const { amina } = await pairWithGoals(h);
    await openForm(amina.chat);
    const { id } = await formOf(amina.chat);
    await amina.chat.submit(steps(['started', 'done', 'not-started'], ['Line one']), id);
    expect(await rows(h)).toHaveLength(2);
    await amina.chat.submit(steps(['started', 'done', 'not-started'], ['Line one']), id);
    expect(await rows(h)).toHaveLength(2);
    expect(await said(amina.chat)).toContain('no longer');

    await openForm(amina.chat);
    await amina.chat.submit(steps(['started', 'done', 'not-started']));
    expect(await said(amina.chat)).toContain('Nothing changed, so nothing was saved.');
    expect(await rows(h)).toHaveLength(2);
  });

  it('a reworded goal starts again; a goal whose words stay keeps its progress, even when it moves', async () => {
    const { orgId, amina } = await pairWithGoals(h);
    await openForm(amina.chat);
    await amina.chat.submit(steps(['started', 'under-way', 'done'], ['', 'Passed the B1 test', '']));
    expect((await facts(h, orgId)).map((f) => f.step)).toEqual(['started', 'under-way', 'done']);

    // Version 2: goal 1 dropped, goal 2 moves up unchanged (but for case and spacing), goal 3 reworded.
    h.clock.advance(HOUR);
    await confirmAgreement(h, orgId, ['reach  norwegian B2', 'Apply for five nursing jobs in Oslo'], 2);
    await amina.chat.say('goals');
    const card = await goalsCard(amina.chat);
    expect(card).toContain('Goal 1: reach  norwegian B2');
    expect(card).toContain('Passed the B1 test');
    expect(card).toMatch(/Goal 2: Apply for five nursing jobs in Oslo\nNow: not started\nNo updates yet\./);
    expect((await facts(h, orgId)).map((f) => f.step)).toEqual(['under-way', 'not-started']);
    expect(GOALS[1]).toBe('Reach Norwegian B2'); // what version 1 said: the same words but for case and spacing
  });

  it('a form opened before the agreement changed stores nothing', async () => {
    const { orgId, amina } = await pairWithGoals(h);
    await openForm(amina.chat);
    await confirmAgreement(h, orgId, ['Something else entirely'], 2);
    await amina.chat.submit(steps(['started', 'started', 'started']));
    expect(await said(amina.chat)).toContain('goals changed while the form was open');
    expect(await rows(h)).toHaveLength(0);
  });

  it('without a confirmed agreement, goals points to the agreement; help lists goals only once there are goals', async () => {
    const { orgId, amina, ola } = await seedPair(h, { ola: 'nb', amina: 'en' });
    await amina.chat.say('goals');
    expect(await said(amina.chat)).toContain('Your goals come from the mentoring agreement you make with Ola Nordmann');
    await ola.chat.say('mål');
    expect(await said(ola.chat)).toContain('Skriv avtale for å begynne på den');
    await amina.chat.say('help');
    expect(await said(amina.chat)).not.toContain('goals — your agreed goals');
    await confirmAgreement(h, orgId, GOALS);
    await amina.chat.say('help');
    expect(await said(amina.chat)).toContain('goals — your agreed goals');
  });

  it('while a change to the agreement waits for confirmation, the goals are still the confirmed ones', async () => {
    const { orgId, amina } = await pairWithGoals(h);
    const now = h.clock.now();
    await h.prisma.agreement.create({
      data: { id: 'agreement-2', organisationId: orgId, programmeId: PROG, matchId: MATCH, version: 2, answers: { mentee: { help: '', hopes: '', goals: ['A goal not agreed yet'] }, done: { parts: [], frame: [] } }, status: 'proposed', proposedById: amina.personId, createdAt: now },
    });
    await amina.chat.say('goals');
    const card = await goalsCard(amina.chat);
    expect(card).toContain(GOALS[0]);
    expect(card).not.toContain('A goal not agreed yet');
    expect(await ask(h, orgId, amina.membershipId)).toBe(true);
  });
});
