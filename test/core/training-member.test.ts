/**
 * A member takes the training in chat: the overview with what is done, then a module screen by
 * screen ("Next", then "Finish"), then the reflection, which is never stored anywhere nor logged;
 * completion is recorded once, even on a double click; the last initial module completes the
 * training (hasCompletedTraining) and says so. English and Norwegian.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/app.js';
import { trainingModulesFor } from '../../src/core/features/training/modules.js';
import { hasCompletedTraining } from '../../src/core/features/training/status.js';
import { createIdSource } from '../../src/ids.js';
import { createLogger } from '../../src/log.js';
import { Chat, type Harness, createHarness, texts } from '../support/harness.js';
import { addMember, seedPerson, seedProgramme } from './coordinator-fixtures.js';
import { lastQuestion, plain, readScreens, recordsOf, requireTraining, takeModule } from './training-fixtures.js';

let h: Harness;
let orgId: string;
let memberId: string;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  await seedProgramme(h, orgId, await seedPerson(h, orgId, 'kari', 'Kari', 'en'));
});
afterEach(() => h.close());

async function mentee(user: string, locale: 'en' | 'nb'): Promise<Chat> {
  memberId = await addMember(h, orgId, 'prog', await seedPerson(h, orgId, user, user, locale), 'mentee', { name: `${user} Yusuf` });
  return h.chat(user);
}

const completed = () =>
  h.core.units.forOrganisation(orgId, async (w) => {
    const m = await w.repos.memberships.get(orgId, memberId);
    if (!m) throw new Error('no member');
    return hasCompletedTraining(w, m);
  });

/** Every "Table.column" holding `needle` (as erasure.test.ts searches). */
async function whereIs(needle: string): Promise<string[]> {
  const columns = await h.prisma.$queryRaw<{ table: string; column: string }[]>`
    SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'
      AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'bytea')`;
  const found: string[] = [];
  for (const { table, column } of columns) {
    const [row] = await h.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}" WHERE strpos("${column}"::text, $1) > 0`, needle);
    if (row && row.n > 0) found.push(`${table}.${column}`);
  }
  return found;
}

describe('a member takes a training module', () => {
  it('en: overview, then the screens one by one with Next and Finish, the reflection, and one record', async () => {
    const amina = await mentee('amina', 'en');
    await amina.say('training');
    const [overview, choose] = await amina.replies();
    expect(overview?.title).toContain('Your training');
    expect(plain(overview?.text)).toBe('You have done 0 of 7 training modules in Jobbstart 2027. Each takes a few minutes.');
    expect(overview?.sections?.[0]?.bullets?.map(plain)).toEqual(trainingModulesFor('mentee', false).map((m) => `○ ${texts.t('en', m.titleKey)}`));
    expect(plain(choose?.text)).toBe('Which module do you want to take now?');
    const options = choose?.prompt?.spec.kind === 'choice' ? choose.prompt.spec.options : [];
    expect(options[0]).toMatchObject({ value: 'what-mentoring-is', label: 'What mentoring is', style: 'primary' });
    expect(options.at(-1)).toMatchObject({ value: 'later', label: 'Not now' });

    await amina.click('what-mentoring-is');
    expect(plain((await amina.replies()).find((m) => m.text.includes('short screens'))?.text)).toBe('What mentoring is — 4 short screens and one question to think about.');
    const screens = await readScreens(amina);
    expect(screens.map(plain)).toEqual(['whatScreen1', 'whatScreen2', 'whatScreen3', 'whatScreen4'].map((k) => plain(texts.t('en', `training.${k}`))));
    // Each screen a button: "Next" three times, "Finish" on the last.
    const buttons = (await amina.all()).filter((m) => m.prompt?.spec.kind === 'choice').map((m) => (m.prompt?.spec.kind === 'choice' ? m.prompt.spec.options.map((o) => o.label).join() : ''));
    expect(buttons.slice(-4)).toEqual(['Next', 'Next', 'Next', 'Finish']);
    // Finished: recorded at once, before the reflection.
    expect(await recordsOf(h, memberId)).toMatchObject([{ moduleId: 'what-mentoring-is', via: 'chat', recordedById: 'p-amina', programmeId: 'prog' }]);
    const reflection = await amina.replies();
    expect(plain(reflection.at(-1)?.text)).toContain('Something to think about: What do you hope to learn');
    await amina.say('To speak up in meetings');
    const after = await amina.replies();
    expect(plain(after[0]?.text)).toBe('Thank you for thinking about it. What mentoring is is done: 1 of 7 modules before matching.');
    expect(plain(after[1]?.text)).toBe('Next: Roles and responsibilities. Do you want to start it now?');
    // "Start" goes straight on to the next module.
    await amina.click('roles');
    await takeModule(amina, 'skip');
    expect(plain((await amina.replies()).find((m) => m.text.includes('is done'))?.text)).toBe('Fine. Roles and responsibilities is done: 2 of 7 modules before matching.');
    await amina.click('later');
    expect(plain((await amina.replies()).at(-1)?.text)).toBe('OK. Write training when you want to go on.');
    expect((await recordsOf(h, memberId)).map((r) => r.moduleId)).toEqual(['what-mentoring-is', 'roles']);

    // Back later: the overview shows what is done, and the next module first.
    await amina.say('my training');
    const [again, next] = await amina.replies();
    expect(plain(again?.text)).toContain('You have done 2 of 7');
    expect(again?.sections?.[0]?.bullets?.slice(0, 3).map(plain)).toEqual(['✓ What mentoring is', '✓ Roles and responsibilities', '○ How to get the most from your mentor']);
    expect(next?.prompt?.spec.kind === 'choice' && next.prompt.spec.options.find((o) => o.style === 'primary')?.value).toBe('using-your-mentor');
  });

  it('nb: the same in Norwegian, with «Neste» and «Ferdig»', async () => {
    const per = await mentee('per', 'nb');
    await per.say('opplæring');
    const [overview] = await per.replies();
    expect(plain(overview?.text)).toBe('Du har gjort 0 av 7 opplæringsmoduler i Jobbstart 2027. Hver tar noen få minutter.');
    await per.click('what-mentoring-is');
    const screens = await readScreens(per);
    expect(screens.map(plain)[0]).toBe(plain(texts.t('nb', 'training.whatScreen1')));
    const labels = (await per.all()).flatMap((m) => (m.prompt?.spec.kind === 'choice' ? [m.prompt.spec.options.map((o) => o.label).join()] : []));
    expect(labels.slice(-4)).toEqual(['Neste', 'Neste', 'Neste', 'Ferdig']);
    expect(plain((await per.replies()).at(-1)?.text)).toContain('Noe å tenke på: Hva håper du å lære');
    await per.say('hopp over');
    expect(plain((await per.replies())[0]?.text)).toBe('Greit. Hva mentoring er er ferdig: 1 av 7 moduler før matching.');
    expect(await recordsOf(h, memberId)).toHaveLength(1);
  });

  it('records a completion once: a double click on Finish and a platform retry change nothing', async () => {
    const amina = await mentee('amina', 'en');
    await amina.say('training');
    await amina.click('what-mentoring-is');
    for (let i = 0; i < 3; i += 1) await amina.click('next');
    const finish = await lastQuestion(amina);
    expect(finish.prompt?.spec.kind === 'choice' && finish.prompt.spec.options[0]?.value).toBe('finish');
    await amina.replies();
    await amina.click('finish', finish.prompt?.id, 'finish-click');
    await amina.click('finish', finish.prompt?.id, 'finish-click'); // the platform's retry: one delivery
    await amina.click('finish', finish.prompt?.id); // a second click
    expect(plain((await amina.replies()).at(-1)?.text)).toContain('already been answered');
    expect(await recordsOf(h, memberId)).toHaveLength(1);
  });

  it('keeps the reflection nowhere: not in any table, not in the run, not in the logs', async () => {
    const lines: string[] = [];
    const core = createCore({ store: h.store, clock: h.clock, ids: createIdSource(() => h.clock.now().getTime()), texts, log: createLogger('info', (l) => lines.push(l)), defaults: { locale: 'nb', timeZone: 'Europe/Oslo' } });
    await mentee('amina', 'en');
    const amina = new Chat(core, h.prisma, 'amina', {});
    const secret = 'I am afraid my manager will find out Zq7';
    await amina.say('training');
    await amina.click('what-mentoring-is');
    await takeModule(amina, secret);
    expect(await recordsOf(h, memberId)).toHaveLength(1);
    // While the flow goes on (the next question waits) and after it ends.
    const run = await h.prisma.flowRun.findFirstOrThrow({ where: { personId: 'p-amina', flowId: 'training' } });
    expect(run.status).toBe('active');
    expect(JSON.stringify(run.answers)).not.toContain('Zq7');
    expect(await whereIs('Zq7')).toEqual([]);
    await amina.click('later');
    expect((await h.prisma.flowRun.findFirstOrThrow({ where: { id: run.id } })).status).toBe('completed');
    expect(await whereIs('Zq7')).toEqual([]);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.filter((l) => l.includes('Zq7') || l.includes('afraid'))).toEqual([]);
  });
});

describe('completing the training', () => {
  it('false until every initial module is done, then true; the last one says so, and help counts what is left', async () => {
    const amina = await mentee('amina', 'en');
    // Optional training is offered, not counted as a task.
    await amina.say('help');
    const optional = plain(await amina.text());
    expect(optional).toContain('training — your training modules, to take or take again');
    expect(optional).not.toContain('modules left');
    await requireTraining(h, orgId, 'prog');
    await amina.say('help');
    expect(plain(await amina.text())).toContain('training — your training: 7 modules left');
    const modules = trainingModulesFor('mentee', false);
    await amina.say('training');
    await amina.click(modules[0]?.id ?? '');
    for (const [i, m] of modules.entries()) {
      expect(await completed(), m.id).toBe(false);
      if (i > 0) await amina.click(m.id); // "Start" the next one
      await takeModule(amina);
    }
    expect(await completed()).toBe(true);
    const replies = (await amina.replies()).map((m) => plain(m.text));
    expect(replies).toContain('That was your last module: your training is done. Well done! Next come suggestions for a mentor.');
    // Matching's next step ran: with no mentor in the programme yet, she waits on its waitlist.
    expect(await h.prisma.waitlistEntry.count({ where: { membershipId: memberId } })).toBe(1);
    expect((await recordsOf(h, memberId)).map((r) => r.moduleId)).toEqual(modules.map((m) => m.id));
    // The flow has ended: nothing waits, and the overview says all is done.
    expect(await h.prisma.flowRun.count({ where: { personId: 'p-amina', status: 'active' } })).toBe(0);
    await amina.say('help');
    expect(plain(await amina.text())).toContain('training — your training modules, to take or take again');
  });

  it('a mentor in a programme without the requirement is told it is done, without the matching line', async () => {
    const ola = h.chat('ola');
    memberId = await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'ola', 'Ola', 'en'), 'mentor');
    const modules = trainingModulesFor('mentor', false);
    await ola.say('training');
    await ola.click(modules[0]?.id ?? '');
    for (const [i, m] of modules.entries()) {
      if (i > 0) await ola.click(m.id);
      await takeModule(ola);
    }
    const said = (await ola.all()).map((m) => plain(m.text));
    expect(said).toContain('That was your last module: your training is done. Well done!');
    expect(said.join('\n')).not.toContain('suggestions for a mentor');
    expect(await h.prisma.waitlistEntry.count()).toBe(0);
    expect(await completed()).toBe(true);
  });

  it('a coordinator or a stranger gets no training, and is told where to look', async () => {
    await h.chat('kari').say('training');
    expect(plain(await h.chat('kari').text())).toContain('You coordinate your programme');
    const stranger = h.chat('stranger', { locale: 'nb' });
    await stranger.say('kurs');
    expect(plain(await stranger.text())).toContain('Du er ikke mentor eller mentee i et program');
  });
});
