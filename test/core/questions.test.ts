/**
 * Open questions: any number per person beside their typed conversation, each answered once by
 * its id, in any order; double clicks, platform retries and expired questions change nothing;
 * of two coordinators acting on one shared question, one wins and the other is told who.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobRunner } from '../../src/core/kernel/jobs/runner.js';
import { ask } from '../../src/core/kernel/questions.js';
import { withoutMarks } from '../../src/core/kernel/rich-text.js';
import { createIdSource } from '../../src/ids.js';
import { createLogger } from '../../src/log.js';
import { PrismaJobQueue } from '../../src/store/job-queue.js';
import { type Harness, createHarness } from '../support/harness.js';
import { FEATURES_WITH_DEMO } from './demo-feature.js';
import { JOIN_CODE, seedProgramme } from './fixtures.js';
import { fillProfile, joinAsMentor } from './profile-fixtures.js';

let h: Harness;
let orgId: string;

beforeEach(async () => {
  h = await createHarness({ features: FEATURES_WITH_DEMO });
  orgId = await h.organisation();
  await seedProgramme(h, orgId);
});
afterEach(() => h.close());

function rate(personIds: string[], label: string, expiresAt: Date | null = null) {
  return h.core.units.forOrganisation(orgId, (work) => ask(work, { kind: 'demo.rate', subjectType: 'demo', subjectId: label, audience: personIds, data: { label }, expiresAt }));
}

const audit = (action: string) => h.prisma.auditEvent.findMany({ where: { action }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });

describe('open questions', () => {
  it('three questions answered in reverse order while a profile edit is in progress, which then finishes', async () => {
    const ola = h.chat('ola', { locale: 'en' });
    await joinAsMentor(ola, JOIN_CODE);
    await ola.say('edit profile');
    const editPrompt = await ola.lastPromptId();
    await ola.replies();
    const me = await ola.personId();
    const questions = [await rate([me], 'request'), await rate([me], 'meeting'), await rate([me], 'check-in')];
    const asked = await ola.replies();
    expect(asked.map((m) => m.prompt?.id)).toEqual(questions.map((q) => q.id));

    for (const [i, q] of [...questions].reverse().entries()) await ola.click(String(i + 3), q.id);
    expect((await audit('demo:rated')).map((a) => [a.subjectId, (a.data as { value: number }).value])).toEqual([
      ['check-in', 3],
      ['meeting', 4],
      ['request', 5],
    ]);
    const texts = (await ola.replies()).map((m) => m.text);
    expect(texts).toContain('Thanks for rating request: 5');
    // Each answered question's message loses its buttons.
    expect((await ola.all()).filter((m) => m.replacesPromptId && questions.some((q) => q.id === m.replacesPromptId))).toHaveLength(3);

    // The profile edit is still where it was, and finishes.
    const run = await h.prisma.flowRun.findFirstOrThrow({ where: { flowId: 'edit-profile', status: 'active' } });
    expect(run.promptId).toBe(editPrompt);
    await ola.click('all', editPrompt); // which part: everything
    await fillProfile(ola, 'mentor', { name: 'Ola N.', region: 'Bergen', availability: 'weekend', years: '21', capacity: '3' });
    expect(await ola.text()).toContain('profile is saved');
    const m = await h.prisma.membership.findFirstOrThrow({ where: { role: 'mentor' } });
    expect(m).toMatchObject({ fullName: 'Ola N.', region: 'Bergen', capacity: 3 });
  });

  it('a double click, a platform retry and a click on an expired question change nothing', async () => {
    const ola = h.chat('ola', { locale: 'en' });
    await ola.say('hello');
    const me = await ola.personId();
    const q = await rate([me], 'meeting');
    await ola.replies();
    await ola.click('4', q.id, 'click-1');
    expect(await ola.click('4', q.id, 'click-1')).toMatchObject({ status: 'duplicate' }); // the platform's retry
    await ola.click('2', q.id); // a second click
    expect((await audit('demo:rated')).map((a) => (a.data as { value: number }).value)).toEqual([4]);
    expect(await ola.text()).toContain('You have already answered that');

    const late = await rate([me], 'late', new Date(h.clock.now().getTime() + 60_000));
    h.clock.advance(61_000);
    await ola.replies();
    await ola.click('5', late.id);
    expect(await ola.text()).toContain('has expired');
    expect(await h.prisma.openQuestion.findUniqueOrThrow({ where: { id: late.id } })).toMatchObject({ status: 'open', answer: null });
    expect(await audit('demo:rated')).toHaveLength(1);
  });

  it('an invalid answer is explained and leaves the question open', async () => {
    const ola = h.chat('ola', { locale: 'en' });
    await ola.say('hello');
    const q = await rate([await ola.personId()], 'meeting');
    await ola.replies();
    await ola.click('9', q.id);
    expect(await ola.text()).toContain('A number from 1 to 5');
    expect(await h.prisma.openQuestion.findUniqueOrThrow({ where: { id: q.id } })).toMatchObject({ status: 'open', answeredById: null });
    await ola.click('2', q.id);
    expect(await h.prisma.openQuestion.findUniqueOrThrow({ where: { id: q.id } })).toMatchObject({ status: 'answered', answer: ['2'] });
  });

  it('typed words answer an open question that understands them, and help lists what is waiting', async () => {
    const ola = h.chat('ola', { locale: 'en' });
    await ola.say('hello');
    await rate([await ola.personId()], 'meeting');
    await ola.replies();
    await ola.say('help');
    // Without the marks Texts puts around what it interpolates (kernel/rich-text.ts).
    expect(withoutMarks(await ola.text())).toMatch(/Waiting for you\* \(1 thing\)\n• Rate meeting/);
    await ola.say('4');
    expect(await ola.text()).toContain('Thanks for rating meeting: 4');
    await ola.say('help');
    expect(await ola.text()).not.toContain('Waiting for you');
    await ola.say('4');
    expect(await ola.text()).toContain('I did not understand');
  });

  it('nobody outside the audience can answer, even with the id', async () => {
    const ola = h.chat('ola', { locale: 'en' });
    const eve = h.chat('eve', { locale: 'en' });
    await ola.say('hello');
    await eve.say('hello');
    const q = await rate([await ola.personId()], 'meeting');
    await eve.replies();
    await eve.click('1', q.id);
    expect(await eve.text()).toContain('no longer open');
    expect(await h.prisma.openQuestion.findUniqueOrThrow({ where: { id: q.id } })).toMatchObject({ status: 'open' });
  });

  it('starting a typed conversation keeps the open questions', async () => {
    const ola = h.chat('ola', { locale: 'en' });
    await ola.say('hello');
    const q = await rate([await ola.personId()], 'meeting');
    await ola.say('language');
    await ola.say('new programme');
    await ola.click('3', q.id);
    expect((await audit('demo:rated')).map((a) => a.subjectId)).toEqual(['meeting']);
  });

  it('expires at its time through the job runner: buttons gone for everyone, the feature told once', async () => {
    const anna = h.chat('anna', { locale: 'en', displayName: 'Anna' });
    const per = h.chat('per', { locale: 'nb', displayName: 'Per' });
    await anna.say('hello');
    await per.say('hello');
    const q = await rate([await anna.personId(), await per.personId()], 'request', new Date(h.clock.now().getTime() + 7 * 86_400_000));
    const runner = new JobRunner({ queue: new PrismaJobQueue(h.prisma, h.clock), units: h.core.units, registry: h.core.registry, clock: h.clock, ids: createIdSource(), log: createLogger('silent') });
    expect(await runner.kick()).toBe(0); // not due yet
    h.clock.advance(7 * 86_400_000);
    expect(await runner.kick()).toBe(1);
    expect(await runner.kick()).toBe(0);
    expect(await h.prisma.openQuestion.findUniqueOrThrow({ where: { id: q.id } })).toMatchObject({ status: 'expired' });
    expect(await audit('demo:expired')).toHaveLength(1);
    const expiredCopies = await h.prisma.outboxMessage.findMany({ where: { payload: { path: ['replacesPromptId'], equals: q.id } } });
    expect(expiredCopies.map((m) => (m.payload as { text: string }).text).sort()).toEqual(['Rate request\n⌛ Expired without an answer', 'Rate request\n⌛ Gikk ut uten svar']);
    await anna.replies();
    await anna.click('5', q.id);
    expect(await anna.text()).toContain('has expired');
  });

  it('a dialog (a Slack modal) reads an open question by its id while it is open, and not after', async () => {
    const ola = h.chat('ola', { locale: 'en' });
    await ola.say('hello');
    const q = await rate([await ola.personId()], 'meeting');
    const viewer = { platform: 'playground' as const, tenant: 'demo', user: { externalId: 'ola' } };
    expect(await h.core.currentQuestion(viewer, q.id)).toMatchObject({ text: 'Rate meeting', prompt: { id: q.id, spec: { kind: 'choice' } } });
    expect(await h.core.currentQuestion({ ...viewer, user: { externalId: 'eve' } }, q.id)).toBeNull();
    await ola.click('3', q.id);
    expect(await h.core.currentQuestion(viewer, q.id)).toBeNull();
  });
});
