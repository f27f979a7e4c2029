/**
 * `agreement`: the mentee (English) and the mentor (Norwegian) each answer their own part and the
 * shared frame; the card goes to both in their language; both confirm; a change makes version 2.
 * The run never keeps their words; a coordinator sees nothing; at most three goals; stopping
 * half-way and coming back days later goes on from the saved draft.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';
import { seedPair } from './journey-guide-fixtures.js';
import { DAY, jobRunner, said } from './matching-fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const MENTEE = { help: 'Finding work as a nurse', hopes: 'A job in a hospital', goals: 'Get my authorisation\nLearn Norwegian B2\nApply for five jobs' };
const FRAME = { confidentiality: 'between', confidentialityText: '', frequency: 'biweekly', initiator: 'mentee', cancelling: 'At least 24 hours before', evaluation: 'We talk about it every third meeting' };
const MENTOR = { offer: 'Kontakter på Ullevål', hopes: 'Lære om andre kulturer', limits: 'Ikke låne ut penger' };

const versions = () => h.prisma.agreement.findMany({ orderBy: { version: 'asc' } });
/** The newest form's initial values, field by field. */
async function initials(chat: { lastPrompt(): Promise<{ spec: unknown }> }) {
  const spec = (await chat.lastPrompt()).spec as { kind: string; title?: string; fields?: { name: string; initial?: unknown }[] };
  return { kind: spec.kind, title: spec.title, ...Object.fromEntries((spec.fields ?? []).filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial])) };
}
const allText = (m: { text: string; sections?: { heading?: string; text?: string }[] }) => [m.text, ...(m.sections ?? []).flatMap((s) => [s.heading ?? '', s.text ?? ''])].join('\n').replaceAll('*', '');

async function bothAnswer(h: Harness) {
  const pair = await seedPair(h, { ola: 'nb', amina: 'en' });
  await pair.amina.chat.say('agreement');
  await pair.amina.chat.submit(MENTEE);
  await pair.amina.chat.submit(FRAME);
  await pair.ola.chat.say('avtale');
  await pair.ola.chat.submit(MENTOR);
  return pair;
}

describe('the mentoring agreement', () => {
  it('each answers their part; the card goes to both in their language; both confirm → confirmed v1; a second click changes nothing', async () => {
    const { ola, amina } = await bothAnswer(h);
    expect(await said(amina.chat)).toContain('When Ola Nordmann has answered theirs');
    // Ola sees Amina's frame as the form's initial values.
    expect(await initials(ola.chat)).toMatchObject({ kind: 'form', cancelling: 'At least 24 hours before', frequency: 'biweekly' });
    await ola.chat.submit({ ...FRAME, frequency: 'monthly' });
    const [v1] = await versions();
    expect(v1).toMatchObject({ version: 1, status: 'proposed', mentorConfirmedAt: null, menteeConfirmedAt: null });

    const aminaCard = (await amina.chat.all()).filter((m) => m.prompt?.spec.kind === 'choice').at(-1);
    const olaCard = (await ola.chat.all()).filter((m) => m.prompt?.spec.kind === 'choice').at(-1);
    expect(allText(aminaCard as never)).toContain('Your mentoring agreement with Ola Nordmann (version 1)');
    expect(allText(aminaCard as never)).toContain('Get my authorisation');
    expect(allText(aminaCard as never)).toContain('Kontakter på Ullevål');
    expect(allText(aminaCard as never)).toContain('Everything we say stays between us');
    expect(allText(olaCard as never)).toContain('Mentoravtalen din med');
    expect(allText(olaCard as never)).toContain('Hva mentoren ikke vil gjøre');
    expect(allText(olaCard as never)).toContain('Ikke låne ut penger');

    await amina.chat.click('confirm');
    expect((await versions())[0]).toMatchObject({ status: 'proposed' });
    await ola.chat.click('confirm');
    const [confirmed] = await versions();
    expect(confirmed).toMatchObject({ version: 1, status: 'confirmed' });
    expect(confirmed?.menteeConfirmedAt).toBeInstanceOf(Date);
    expect(confirmed?.mentorConfirmedAt).toBeInstanceOf(Date);
    expect(confirmed?.confirmedAt).toBeInstanceOf(Date);
    expect(await said(ola.chat)).toContain('bekreftet av dere begge (versjon 1)');
    expect(await said(amina.chat)).toContain('confirmed by you both (version 1)');

    // The same button again: already answered, nothing changes.
    const before = JSON.stringify(await versions());
    await amina.chat.click('confirm', aminaCard?.prompt?.id);
    expect(JSON.stringify(await versions())).toBe(before);

    // The run keeps no words of theirs.
    const runs = JSON.stringify(await h.prisma.flowRun.findMany({ where: { flowId: 'agreement' } }));
    for (const words of ['nurse', 'Ullevål', '24 hours', 'penger', 'authorisation']) expect(runs).not.toContain(words);
  });

  it('a proposed change makes version 2; both confirm again, and then version 1 is superseded', async () => {
    const { ola, amina } = await bothAnswer(h);
    await ola.chat.submit(FRAME);
    await amina.chat.click('confirm');
    await ola.chat.click('confirm');
    await amina.chat.say('agreement');
    const shown = (await amina.chat.all()).filter((m) => m.context?.length).at(-1);
    expect(shown?.context?.[0]).toMatch(/^Confirmed\. Mentor: confirmed .*Mentee: confirmed/);
    expect(allText(shown as never)).toContain('Apply for five jobs');
    await amina.chat.click('change');
    expect(await initials(amina.chat)).toMatchObject({ kind: 'form', help: 'Finding work as a nurse' });
    await amina.chat.submit({ ...MENTEE, goals: 'Get my authorisation' });
    await amina.chat.submit(FRAME);
    const [v1, v2] = await versions();
    // Version 1 stays in force (its goals, its frame) until both confirm the change.
    expect(v1).toMatchObject({ status: 'confirmed' });
    expect(v2).toMatchObject({ version: 2, status: 'proposed', mentorConfirmedAt: null, menteeConfirmedAt: null });
    expect(((v2?.answers ?? {}) as unknown as { mentee: { goals: string[] } }).mentee.goals).toEqual(['Get my authorisation']);
    expect(((v2?.answers ?? {}) as unknown as { mentor: { offer: string } }).mentor.offer).toBe('Kontakter på Ullevål');
    await amina.chat.click('confirm');
    await ola.chat.click('confirm');
    expect(await versions()).toMatchObject([{ version: 1, status: 'superseded' }, { version: 2, status: 'confirmed' }]);
  });

  it('brought back every three months while it is in force and the pair runs, in each one\'s language', async () => {
    const { ola, amina } = await bothAnswer(h);
    await ola.chat.submit(FRAME);
    await amina.chat.click('confirm');
    await ola.chat.click('confirm');
    const runner = jobRunner(h);
    h.clock.advance(89 * DAY);
    await runner.kick();
    expect(await said(amina.chat)).not.toContain('months with this agreement');
    h.clock.advance(2 * DAY);
    await runner.kick();
    const back = (await amina.chat.all()).at(-1);
    expect(back?.context?.[0]).toContain('3 months with this agreement. Is it still right for you and Ola');
    expect(allText(back as never)).toContain('Apply for five jobs');
    expect((await ola.chat.all()).at(-1)?.context?.[0]).toContain('3 måneder med denne avtalen');
    // A change confirmed by both: the old version's look-backs stop, the new one's start.
    await amina.chat.say('agreement');
    await amina.chat.click('change');
    await amina.chat.submit({ ...MENTEE, goals: 'Get my authorisation' });
    await amina.chat.submit(FRAME);
    await amina.chat.click('confirm');
    await ola.chat.click('confirm');
    h.clock.advance(91 * DAY);
    await runner.kick();
    const reviews = (await amina.chat.all()).filter((m) => m.context?.[0]?.includes('months with this agreement'));
    expect(reviews.map((m) => m.context?.[0]?.slice(0, 2))).toEqual(['3 ', '3 ']);
    expect(allText(reviews.at(-1) as never)).not.toContain('Apply for five jobs');
    // Ended pair: nothing more.
    await h.prisma.match.update({ where: { id: 'match-1' }, data: { status: 'ended' } });
    h.clock.advance(91 * DAY);
    await runner.kick();
    expect((await amina.chat.all()).filter((m) => m.context?.[0]?.includes('months with this agreement'))).toHaveLength(2);
  });

  it('the form shown again later (a Slack modal opened from its button) keeps its prefilled values', async () => {
    const { ola } = await bothAnswer(h);
    const viewer = { platform: 'playground' as const, tenant: 'demo', user: { externalId: 'ola' } };
    const question = await h.core.currentQuestion(viewer, await ola.chat.lastPromptId());
    const spec = question?.prompt?.spec as { kind: string; fields: { name: string; initial?: unknown }[] } | undefined;
    expect(spec?.kind).toBe('form');
    expect(Object.fromEntries((spec?.fields ?? []).map((f) => [f.name, f.initial]))).toMatchObject({ cancelling: 'At least 24 hours before', frequency: 'biweekly' });
    // Nothing of theirs is kept in the run for it.
    expect(JSON.stringify(await h.prisma.flowRun.findMany({ where: { flowId: 'agreement' } }))).not.toContain('24 hours');
  });

  it('at most three goals', async () => {
    const { amina } = await seedPair(h);
    await amina.chat.say('agreement');
    await amina.chat.submit({ ...MENTEE, goals: 'One\nTwo\nThree\nFour' });
    expect(await said(amina.chat)).toContain('At most three goals');
    expect(await versions()).toEqual([]);
  });

  it('a coordinator or a stranger sees nothing of it', async () => {
    const { kari } = await bothAnswer(h);
    await kari.chat.say('agreement');
    const text = await said(kari.chat);
    expect(text).toContain('once you are a pair');
    for (const words of ['nurse', 'Ullevål', 'version 1']) expect(text).not.toContain(words);
  });

  it('stopped half-way and resumed days later: goes on from the saved part', async () => {
    const { amina } = await seedPair(h);
    await amina.chat.say('agreement');
    await amina.chat.submit(MENTEE);
    await amina.chat.say('cancel');
    h.clock.advance(3 * 24 * 3600 * 1000);
    await amina.chat.say('agreement');
    expect(await initials(amina.chat)).toMatchObject({ kind: 'form', title: 'The practical frame' });
    const [draft] = await versions();
    expect(((draft?.answers ?? {}) as unknown as { mentee: { help: string } }).mentee.help).toBe('Finding work as a nurse');
  });

  it('leaving erases the agreements of her pair, every version (each holds both sides\' words)', async () => {
    const { amina, ola } = await bothAnswer(h);
    await ola.chat.submit(FRAME);
    expect((await versions()).length).toBeGreaterThan(0);
    await amina.chat.say('leave');
    const confirm = (await amina.chat.all()).filter((m) => m.prompt).at(-1)?.prompt;
    const yes = confirm?.spec.kind === 'choice' ? confirm.spec.options[0]?.value : undefined;
    await amina.chat.click(yes ?? 'yes', confirm?.id);
    expect(await h.prisma.membership.findFirst({ where: { id: amina.membershipId }, select: { status: true } })).toEqual({ status: 'left' });
    expect(await versions()).toEqual([]);
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'membership:erased' } });
    expect(audit.data).toMatchObject({ agreements: 1 });
  });
});
