/**
 * A programme's coordinators and the training: who has done what (compact for forty pairs),
 * recording an in-person workshop (which completes the training), and a reminder to those with
 * modules left, once a day. Anyone else is refused. English and Norwegian.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasCompletedTraining } from '../../src/core/features/training/status.js';
import { type Harness, createHarness, texts } from '../support/harness.js';
import { addMember, PRIVATE, seedFortyPairs, seedPerson, seedProgramme } from './coordinator-fixtures.js';
import { jobRunner, plain, recordsOf, requireTraining } from './training-fixtures.js';

let h: Harness;
let orgId: string;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
});
afterEach(() => h.close());

const DAY = 86_400_000;

/** Chat completions straight into the database (what the member flow records). */
async function done(membershipId: string, moduleIds: string[], via: 'chat' | 'workshop' = 'chat'): Promise<void> {
  await h.prisma.trainingRecord.createMany({
    data: moduleIds.map((moduleId, i) => ({ id: `r-${membershipId}-${moduleId}`, organisationId: orgId, programmeId: 'prog', membershipId, moduleId, via, recordedById: 'x', completedAt: new Date(h.clock.now().getTime() + i) })),
  });
}
const ALL_MENTEE = ['what-mentoring-is', 'roles', 'using-your-mentor', 'good-relationship', 'four-ways-of-helping', 'ethics', 'cultures'];

async function completed(membershipId: string): Promise<boolean> {
  return h.core.units.forOrganisation(orgId, async (w) => {
    const m = await w.repos.memberships.get(orgId, membershipId);
    if (!m) throw new Error('no member');
    return hasCompletedTraining(w, m);
  });
}

describe('training status', () => {
  it('en: per member role, modules done x/y, workshop and last activity; forty pairs stay compact and private', async () => {
    const kari = await seedPerson(h, orgId, 'kari', 'Kari', 'en');
    await seedProgramme(h, orgId, kari);
    await requireTraining(h, orgId, 'prog');
    await seedFortyPairs(h, orgId, 'prog');
    await done('m-mentee-1', ALL_MENTEE);
    await done('m-mentee-2', ['what-mentoring-is', 'roles']);
    await done('m-mentor-3', ['workshop'], 'workshop');
    const chat = h.chat('kari');
    await chat.say('training status');
    const [view] = await chat.replies();
    expect(view?.title).toBe('Training — Jobbstart 2027');
    expect(plain(view?.text)).toBe('Jobbstart 2027 — training done: 1 of 40 mentors, 1 of 42 mentees');
    const [mentors, mentees] = view?.sections ?? [];
    expect(plain(mentors?.heading)).toBe('Mentors (40): 1 done');
    expect(plain(mentees?.heading)).toBe('Mentees (42): 1 done');
    expect(mentees?.bullets).toHaveLength(42);
    // Those with training left first (the ones she follows up), done last.
    expect(plain(mentees?.bullets?.[0])).toBe('Mentee 02 2/7 · last Sep 1, 2026');
    expect(plain(mentees?.bullets?.[1])).toBe('Mentee 03 0/7 · not started');
    expect(plain(mentees?.bullets?.at(-1))).toBe('Mentee 01 7/7 · last Sep 1, 2026');
    expect(plain(mentors?.bullets?.at(-1))).toBe('Mentor 03 0/7 · workshop ✓ · last Sep 1, 2026');
    expect(view?.context?.map(plain)).toEqual(['Training is required before matching in this programme.', expect.stringContaining('record workshop')]);
    const shown = JSON.stringify(view);
    expect(shown).not.toContain(PRIVATE.goal);
    expect(shown.length).toBeLessThan(6000);
  });

  it('nb, and only for the programme’s coordinators', async () => {
    const kari = await seedPerson(h, orgId, 'kari', 'Kari', 'nb');
    await seedProgramme(h, orgId, kari);
    await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'amina', 'Amina', 'nb'), 'mentee', { name: 'Amina Yusuf' });
    await h.chat('kari').say('opplæringsstatus');
    const [view] = await h.chat('kari').replies();
    expect(plain(view?.text)).toBe('Jobbstart 2027 — opplæring ferdig: 0 av 0 mentorer, 0 av 1 mentees');
    expect(plain(view?.sections?.[1]?.bullets?.[0])).toBe('Amina Yusuf 0/7 · ikke begynt');
    expect(plain(view?.sections?.[0]?.text)).toBe('Ingen ennå.');
    // A mentee asking for any of the three is refused, and learns nothing of the programme.
    const amina = h.chat('amina');
    for (const words of ['opplæringsstatus', 'registrer samling', 'påminn opplæring', 'training status']) {
      await amina.say(words);
      const reply = plain(await amina.text());
      expect(reply, words).toContain('Bare koordinatorene');
      expect(reply, words).not.toContain('Jobbstart');
    }
    expect(await h.prisma.scheduledJob.count()).toBe(0);
  });

  it('with two programmes she picks which first', async () => {
    const kari = await seedPerson(h, orgId, 'kari', 'Kari', 'en');
    await seedProgramme(h, orgId, kari);
    await seedProgramme(h, orgId, kari, { id: 'prog2', name: 'Kvinner i arbeid', code: 'KVINNE27' });
    const chat = h.chat('kari');
    await chat.say('training status');
    const [pick] = await chat.replies();
    expect(pick?.prompt?.spec.kind === 'choice' && pick.prompt.spec.options.map((o) => o.value)).toEqual(['prog', 'prog2']);
    await chat.click('prog2');
    expect((await chat.replies()).find((m) => m.title)?.title).toBe('Training — Kvinner i arbeid');
  });
});

describe('record workshop', () => {
  it('she ticks who attended: each gets a workshop record, is told, and has completed the training', async () => {
    const kari = await seedPerson(h, orgId, 'kari', 'Kari', 'en');
    await seedProgramme(h, orgId, kari);
    await requireTraining(h, orgId, 'prog');
    const amina = await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'amina', 'Amina', 'en'), 'mentee', { name: 'Amina Yusuf' });
    const ola = await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'ola', 'Ola', 'nb'), 'mentor', { name: 'Ola Nordmann' });
    await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'sara', 'Sara', 'en'), 'mentee', { name: 'Sara' });
    expect(await completed(amina)).toBe(false);
    const chat = h.chat('kari');
    await chat.say('record workshop');
    const [question] = await chat.replies();
    expect(plain(question?.text)).toBe('Who attended the in-person training workshop for Jobbstart 2027?');
    const spec = question?.prompt?.spec;
    expect(spec?.kind).toBe('multi');
    expect(spec?.kind === 'multi' && spec.options.map((o) => plain(o.label))).toEqual(['Amina Yusuf (mentee)', 'Ola Nordmann (mentor)', 'Sara (mentee)']);
    await chat.click([amina, ola]);
    expect(plain((await chat.replies()).at(-1)?.text)).toBe('Recorded the workshop for 2 members of Jobbstart 2027. Each has been told.');
    expect(await recordsOf(h, amina)).toMatchObject([{ moduleId: 'workshop', via: 'workshop', recordedById: 'p-kari' }]);
    expect(await recordsOf(h, ola)).toHaveLength(1);
    expect(await completed(amina)).toBe(true);
    // The programme requires training: the mentee goes on to matching (Ola's empty profile fits nobody: she waits).
    expect(await h.prisma.waitlistEntry.count({ where: { membershipId: amina } })).toBe(1);
    expect(plain(await h.chat('amina').text())).toContain('Kari recorded that you attended the training workshop for Jobbstart 2027');
    expect(plain(await h.chat('ola').text())).toContain('Kari har registrert at du var på opplæringssamlingen for Jobbstart 2027');
    // The finished run keeps no names; the next time only Sara is left to tick.
    const run = await h.prisma.flowRun.findFirstOrThrow({ where: { flowId: 'training-workshop' } });
    expect(run.answers).toEqual({});
    await chat.say('record workshop');
    const again = (await chat.replies())[0]?.prompt?.spec;
    expect(again?.kind === 'multi' && again.options.map((o) => plain(o.label))).toEqual(['Sara (mentee)']);
  });
});

describe('remind training', () => {
  it('reminds only those with modules left, in their language, with a button to start; not twice a day', async () => {
    const kari = await seedPerson(h, orgId, 'kari', 'Kari', 'en');
    await seedProgramme(h, orgId, kari);
    const amina = await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'amina', 'Amina', 'en'), 'mentee');
    await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'ola', 'Ola', 'nb'), 'mentor');
    await done(await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'sara', 'Sara', 'en'), 'mentee'), ALL_MENTEE);
    await done(await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'nils', 'Nils', 'en'), 'mentor'), ['workshop'], 'workshop');
    await done(amina, ['what-mentoring-is']);
    const chat = h.chat('kari');
    await chat.say('remind training');
    expect(plain(await chat.text())).toBe('I am reminding 2 members of Jobbstart 2027 with training modules left.');
    expect(await jobRunner(h).kick()).toBe(2);
    const aminaChat = h.chat('amina');
    const [reminder] = await aminaChat.replies();
    expect(plain(reminder?.text)).toBe('A friendly reminder from your coordinator: you have 6 training modules left in Jobbstart 2027. Each takes a few minutes.');
    expect(reminder?.prompt?.spec).toEqual({ kind: 'choice', options: [{ value: 'start', label: 'Start the training', style: 'primary' }] });
    const olaChat = h.chat('ola');
    const [olaReminder] = await olaChat.replies();
    expect(plain(olaReminder?.text)).toContain('En vennlig påminnelse fra koordinatoren din: du har 7 opplæringsmoduler igjen');
    expect(await h.chat('sara').replies()).toEqual([]);
    expect(await h.chat('nils').replies()).toEqual([]);

    // The same day again: nobody is reminded twice.
    h.clock.advance(3_600_000);
    await chat.say('remind training');
    expect(plain(await chat.text())).toBe('Everyone in Jobbstart 2027 with training left (2) has been reminded today already, so I sent nothing.');
    expect(await jobRunner(h).kick()).toBe(0);
    expect(await aminaChat.replies()).toEqual([]);

    // Her button starts the next module; a day later, a new reminder replaces the old button.
    await aminaChat.click('start', reminder?.prompt?.id);
    // Amina did the first module, so "Start" opens the second one's first screen.
    expect(plain((await aminaChat.replies()).find((m) => m.prompt)?.text)).toBe(plain(texts.t('en', 'training.rolesScreen1')));
    h.clock.advance(DAY);
    await chat.say('remind training');
    expect(plain(await chat.text())).toContain('I am reminding 2 members');
    expect(await jobRunner(h).kick()).toBe(2);
    // Ola's older reminder loses its button (one live offer at a time); the new one has it.
    const [replaced, fresh] = await olaChat.replies();
    expect(replaced).toMatchObject({ replacesPromptId: olaReminder?.prompt?.id });
    expect(replaced?.prompt).toBeUndefined();
    expect(fresh?.prompt?.id).not.toBe(olaReminder?.prompt?.id);
  });

  it('says so when everyone is done', async () => {
    const kari = await seedPerson(h, orgId, 'kari', 'Kari', 'nb');
    await seedProgramme(h, orgId, kari);
    await done(await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'sara', 'Sara', 'en'), 'mentee'), ['workshop'], 'workshop');
    await h.chat('kari').say('påminn opplæring');
    expect(plain(await h.chat('kari').text())).toBe('Alle i Jobbstart 2027 har gjort opplæringen. Ingen trenger en påminnelse.');
    expect(await h.prisma.scheduledJob.count()).toBe(0);
  });
});
