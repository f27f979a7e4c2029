/**
 * Offers of the training: to someone who joins a programme that requires it (a "Start" button
 * that opens the next module, listed by help as waiting, closed once the training is done), and
 * the follow-up modules later in the year (+3 and +8 months, on the test clock), which the
 * `training` command lists from then on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Membership } from '../../src/core/domain.js';
import { offerTraining, scheduleFollowUps } from '../../src/core/features/training/offers.js';
import { trainingModulesFor } from '../../src/core/features/training/modules.js';
import type { Work } from '../../src/core/kernel/work.js';
import { type Harness, createHarness, texts } from '../support/harness.js';
import { addMember, seedPerson, seedProgramme } from './coordinator-fixtures.js';
import { jobRunner, plain, recordsOf, requireTraining, takeModule } from './training-fixtures.js';

let h: Harness;
let orgId: string;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  await seedProgramme(h, orgId, await seedPerson(h, orgId, 'kari', 'Kari', 'en'));
});
afterEach(() => h.close());

const DAY = 86_400_000;

/** Runs `run` on the membership inside a unit of work, as join or matching would. */
function withMember<T>(membershipId: string, run: (w: Work, m: Membership) => Promise<T>): Promise<T> {
  return h.core.units.forOrganisation(orgId, async (w) => {
    const m = await w.repos.memberships.get(orgId, membershipId);
    if (!m) throw new Error('no member');
    return run(w, m);
  });
}

describe('offering the training on joining', () => {
  it('en: when the programme requires it, a Start button opens the first module; help lists it until the training is done', async () => {
    await requireTraining(h, orgId, 'prog');
    const id = await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'amina', 'Amina', 'en'), 'mentee');
    const amina = h.chat('amina');
    expect(await withMember(id, (w, m) => offerTraining(w, m))).toBe(true);
    const [offer] = await amina.replies();
    expect(plain(offer?.text)).toBe('Jobbstart 2027 asks mentors and mentees to take a short training before matching: 7 modules of a few minutes each, here in the chat.');
    expect(offer?.prompt?.spec).toEqual({ kind: 'choice', options: [{ value: 'start', label: 'Start the training', style: 'primary' }] });
    await amina.say('help');
    expect(plain(await amina.text())).toContain('• Your training in Jobbstart 2027');

    await amina.click('start', offer?.prompt?.id);
    const started = await amina.replies();
    expect(plain(started.find((m) => m.prompt)?.text)).toBe(plain(texts.t('en', 'training.whatScreen1')));
    // The offer's button is gone once clicked; a second click changes nothing.
    await amina.click('start', offer?.prompt?.id);
    expect(plain(await amina.text())).toContain('already answered');

    // A second offer (after a re-join, say) is closed when the last module is done.
    expect(await withMember(id, (w, m) => offerTraining(w, m))).toBe(true);
    const second = (await amina.replies()).find((m) => m.prompt?.spec.kind === 'choice' && m.prompt.id.startsWith('q'));
    await amina.say('training');
    const modules = trainingModulesFor('mentee', false);
    await amina.click(modules[0]?.id ?? '');
    for (const [i, m] of modules.entries()) {
      if (i > 0) await amina.click(m.id);
      await takeModule(amina);
    }
    const question = await h.prisma.openQuestion.findUniqueOrThrow({ where: { id: second?.prompt?.id ?? '' } });
    expect(question.status).toBe('withdrawn');
    expect((await amina.replies()).some((m) => m.replacesPromptId === second?.prompt?.id && !m.prompt)).toBe(true);
    await amina.say('help');
    expect(plain(await amina.text())).not.toContain('Your training in Jobbstart 2027');
  });

  it('nb: in Norwegian; nothing is offered when the programme does not require it, or to a coordinator', async () => {
    const id = await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'per', 'Per', 'nb'), 'mentor');
    expect(await withMember(id, (w, m) => offerTraining(w, m))).toBe(false);
    expect(await withMember('m-prog-p-kari', (w, m) => offerTraining(w, m))).toBe(false);
    await requireTraining(h, orgId, 'prog');
    expect(await withMember(id, (w, m) => offerTraining(w, m))).toBe(true);
    expect(await withMember('m-prog-p-kari', (w, m) => offerTraining(w, m))).toBe(false);
    const [offer] = await h.chat('per').replies();
    expect(plain(offer?.text)).toBe('Jobbstart 2027 ber mentorer og mentees ta en kort opplæring før matching: 7 moduler på noen få minutter hver, her i chatten.');
    expect(offer?.prompt?.spec.kind === 'choice' && offer.prompt.spec.options[0]?.label).toBe('Start opplæringen');
    expect(await h.chat('kari').replies()).toEqual([]);
  });
});

describe('follow-ups later in the year', () => {
  it('are offered at +3 and +8 months from the given date while the pair runs, then listed by the training command', async () => {
    const id = await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'amina', 'Amina', 'en'), 'mentee');
    const kimId = await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'kim', 'Kim', 'en'), 'mentor');
    await h.prisma.match.create({ data: { id: 'match-1', organisationId: orgId, programmeId: 'prog', mentorMembershipId: kimId, menteeMembershipId: id, status: 'active', origin: 'direct', startedAt: h.clock.now(), createdAt: h.clock.now() } });
    const amina = h.chat('amina');
    const start = h.clock.now();
    await withMember(id, (w, m) => scheduleFollowUps(w, m, start));
    await withMember(id, (w, m) => scheduleFollowUps(w, m, start)); // twice: still one of each
    expect(await h.prisma.scheduledJob.count({ where: { kind: 'training.offer-follow-up' } })).toBe(2);
    // Before: `training` shows no follow-ups.
    await amina.say('training');
    expect((await amina.replies())[0]?.sections).toHaveLength(1);
    await amina.say('cancel');

    const runner = jobRunner(h);
    h.clock.advance(89 * DAY);
    expect(await runner.kick()).toBe(0);
    h.clock.advance(3 * DAY);
    expect(await runner.kick()).toBe(1);
    const offer = (await amina.replies()).at(-1);
    expect(plain(offer?.text)).toBe('Time for a follow-up in Jobbstart 2027: 2 short modules about how your mentoring is going.');

    // Now listed by `training`: the follow-ups with what is done, offered to choose.
    await amina.say('training');
    const [overview, choose] = await amina.replies();
    expect(plain(overview?.sections?.[1]?.heading)).toBe('Follow-ups (0/2)');
    expect(overview?.sections?.[1]?.bullets?.map(plain)).toEqual(trainingModulesFor('mentee', true).map((m) => `○ ${texts.t('en', m.titleKey)}`));
    expect(choose?.prompt?.spec.kind === 'choice' && choose.prompt.spec.options.map((o) => o.value)).toContain('when-it-does-not-work');
    await amina.click('later');
    // The offer's Start opens the first follow-up, although her initial modules are not done.
    await amina.click('start', offer?.prompt?.id);
    expect(plain((await amina.replies()).find((m) => m.prompt)?.text)).toBe(plain(texts.t('en', 'training.troubleScreen1')));
    await takeModule(amina);
    expect(plain((await amina.replies()).find((m) => m.text.includes('is done'))?.text)).toBe('Fine. When it does not work is done.');
    expect((await recordsOf(h, id)).map((r) => r.moduleId)).toEqual(['when-it-does-not-work']);

    // The second, five months later; someone who left is not offered anything.
    h.clock.advance(152 * DAY);
    expect(await runner.kick()).toBe(1);
    expect(plain((await amina.replies()).at(-1)?.text)).toContain('Time for a follow-up in Jobbstart 2027: 1 short module');
    // A pair that has ended gets no more follow-ups.
    await withMember(kimId, (w, m) => scheduleFollowUps(w, m, h.clock.now()));
    await h.prisma.match.update({ where: { id: 'match-1' }, data: { status: 'ended' } });
    const olaId = await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'ola', 'Ola', 'en'), 'mentor', { status: 'left' });
    await withMember(olaId, (w, m) => scheduleFollowUps(w, m, h.clock.now()));
    h.clock.advance(100 * DAY);
    expect(await runner.kick()).toBe(2);
    expect(await h.chat('ola').replies()).toEqual([]);
    expect(await h.chat('kim').replies()).toEqual([]);
  });
});
