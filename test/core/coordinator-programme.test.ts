/**
 * A coordinator's own programme: she sees it (details, join code, members by role and stage),
 * edits it, pauses, reopens and closes it; help offers it to her and to nobody else; anyone but
 * its active coordinators is refused and learns nothing of it. English and Norwegian.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Outbound } from '../../src/core/messages.js';
import { type Harness, createHarness } from '../support/harness.js';
import { addMember, CODE, PRIVATE, seedFortyPairs, seedPerson, seedProgramme } from './coordinator-fixtures.js';

let h: Harness;
let orgId: string;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
});
afterEach(() => h.close());

/** Everything a message shows, as one string (text, title, sections, small print). */
const shown = (m: Outbound | undefined) => JSON.stringify(m ?? {});
/** The message as people see it: without the marks that keep interpolated words literal (rich-text.ts). */
const unmarked = <T>(value: T): T => JSON.parse(JSON.stringify(value).replace(/[\uE000\uE001]/g, '')) as T;
/** What the person reads of their new messages: no marks, no emphasis markers. */
const words = async (chat: ReturnType<Harness['chat']>) => unmarked(await chat.text()).replace(/\*/g, '');
const last = async (chat: ReturnType<Harness['chat']>) => unmarked((await chat.replies()).at(-1));

describe('a coordinator sees her programme', () => {
  it('en: details, join code, counts per role and stage, then names by stage; forty pairs stay compact and private', async () => {
    const kari = await seedPerson(h, orgId, 'kari', 'Kari Nordmann', 'en');
    await seedProgramme(h, orgId, kari);
    await seedFortyPairs(h, orgId, 'prog');
    // Someone half-way through joining is counted, not named (they have not consented yet).
    const nils = h.chat('nils', { locale: 'en' });
    await nils.say(`join ${CODE}`);
    await nils.click('mentee');

    const chat = h.chat('kari');
    await chat.say('programme');
    const view = await last(chat);
    expect(view?.title).toBe('Jobbstart 2027');
    // One line for the notification; counts and the code come once each, in the sections below.
    expect(view?.text).toBe('*Jobbstart 2027* — Open: takes new members');
    const [details, stages, coordinators, mentors, mentees] = view?.sections ?? [];
    expect(details?.text).toContain('Relevant work within a year');
    expect(details?.fields).toEqual([
      { label: 'Status', value: 'Open: takes new members' },
      { label: 'Runs', value: 'January 15, 2027 – December 15, 2027' },
      { label: 'How often should pairs meet?', value: 'Every other week' },
      { label: 'Join code', value: `*${CODE}*` },
    ]);
    expect(stages?.bullets).toEqual([
      '*Coordinators:* 1',
      '*Mentors:* 40 (signed up, profile not finished: 2 · profile done: 38)',
      '*Mentees:* 42 (signed up, profile not finished: 2 · profile done: 40)',
      '1 person has started signing up and not finished yet',
    ]);
    expect(coordinators).toMatchObject({ heading: 'Coordinators (1)', text: 'Kari Nordmann' });
    expect(mentors?.heading).toBe('Mentors (40)');
    expect(mentors?.bullets).toHaveLength(2);
    expect(mentors?.bullets?.[0]).toMatch(/^\*profile done \(38\):\* Mentor 01, Mentor 02, .*Mentor 38$/);
    expect(mentors?.bullets?.[1]).toBe('*signed up, profile not finished (2):* Mentor 39, Mentor 40');
    expect(mentees?.bullets?.[1]).toBe('*signed up, profile not finished (2):* Mentee 41, Mentee 42');
    // Names, roles and stages only: nothing people wrote in their profiles.
    expect(shown(view)).not.toContain(PRIVATE.goal);
    expect(shown(view)).not.toContain(PRIVATE.helpWanted);
    // Eighty-two people in a handful of sections, one line per stage: compact enough for any channel.
    expect(view?.sections).toHaveLength(5);
    expect(shown(view).length).toBeLessThan(4000);
    expect(view?.context?.[0]).toContain('*edit programme*');
  });

  it('nb: the same view in Norwegian, with "program"', async () => {
    const kari = await seedPerson(h, orgId, 'kari', 'Kari', 'nb');
    await seedProgramme(h, orgId, kari, { status: 'paused' });
    await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'amina', 'Amina', 'nb'), 'mentee', { name: 'Amina Yusuf', profileDone: false });
    const chat = h.chat('kari');
    await chat.say('program');
    const view = await last(chat);
    expect(view?.text).toBe('*Jobbstart 2027* — Pause: tar ikke imot nye medlemmer nå');
    expect(view?.sections?.[0]?.fields?.[0]).toEqual({ label: 'Status', value: 'Pause: tar ikke imot nye medlemmer nå' });
    expect(view?.sections?.[0]?.fields?.[1]?.value).toBe('15. januar 2027 – 15. desember 2027');
    expect(view?.sections?.[1]?.bullets).toEqual(['*Koordinatorer:* 1', '*Mentorer:* 0', '*Mentees:* 1 (påmeldt, profilen ikke ferdig: 1)']);
    expect(view?.sections?.[3]).toEqual({ heading: 'Mentorer (0)', text: 'Ingen ennå.' });
    expect(view?.sections?.[4]?.bullets).toEqual(['*påmeldt, profilen ikke ferdig (1):* Amina Yusuf']);
  });

  it('with several programmes she picks which, and is offered only her own', async () => {
    const kari = await seedPerson(h, orgId, 'kari', 'Kari', 'en');
    const per = await seedPerson(h, orgId, 'per', 'Per', 'en');
    await seedProgramme(h, orgId, kari, { id: 'a', name: 'Autumn', code: 'AUTUMN27' });
    await seedProgramme(h, orgId, kari, { id: 'b', name: 'Spring', code: 'SPRING27' });
    await seedProgramme(h, orgId, per, { id: 'c', name: 'Per’s own', code: 'PERSOWN7' });
    const chat = h.chat('kari');
    await chat.say('programme');
    const question = await last(chat);
    expect(question?.text).toBe('Which programme?');
    expect(question?.prompt?.spec).toMatchObject({ kind: 'choice', options: [{ value: 'a', label: 'Autumn' }, { value: 'b', label: 'Spring' }] });
    // A forged click on a programme she does not coordinate is not an option, and shows nothing.
    await chat.click('c');
    expect(shown(await last(chat))).not.toContain('PERSOWN7');
    await chat.click('b');
    const view = await last(chat);
    expect(view?.title).toBe('Spring');
    expect(view?.sections?.[0]?.fields?.at(-1)).toEqual({ label: 'Join code', value: '*SPRING27*' });
  });

  it('refuses a mentee, a mentor and a stranger, in their language, and shows nothing of it', async () => {
    const kari = await seedPerson(h, orgId, 'kari', 'Kari', 'en');
    await seedProgramme(h, orgId, kari);
    await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'amina', 'Amina', 'nb'), 'mentee', { name: 'Amina' });
    await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'ola', 'Ola', 'en'), 'mentor', { name: 'Ola' });
    for (const [user, words, text] of [['amina', 'program', 'Bare koordinatorene'], ['ola', 'programme', 'Only the coordinators'], ['stranger', 'programme', 'Only the coordinators']] as const) {
      const chat = h.chat(user, { locale: 'en' });
      await chat.say(words);
      const reply = await chat.replies();
      expect(reply).toHaveLength(1);
      expect(reply[0]?.text).toContain(text);
      expect(shown(reply[0])).not.toContain(CODE);
      expect(shown(reply[0])).not.toContain('Jobbstart');
    }
  });

  it('a coordinator who left is refused, even when she picked the programme before leaving', async () => {
    const kari = await seedPerson(h, orgId, 'kari', 'Kari', 'en');
    await seedProgramme(h, orgId, kari, { id: 'a', name: 'Autumn', code: 'AUTUMN27' });
    await seedProgramme(h, orgId, kari, { id: 'b', name: 'Spring', code: 'SPRING27' });
    const chat = h.chat('kari');
    await chat.say('programme');
    await chat.replies();
    await h.prisma.membership.update({ where: { id: `m-b-${kari}` }, data: { status: 'left', leftAt: h.clock.now() } });
    await chat.click('b');
    const replies = await chat.replies();
    expect(replies.map((m) => m.text).join('\n')).toContain('Only the coordinators');
    expect(JSON.stringify(replies)).not.toContain('SPRING27');
  });
});

describe('help', () => {
  it.each([
    ['en', 'help', '*programme*', '*invite coordinator*'],
    ['nb', 'hjelp', '*program*', '*inviter koordinator*'],
  ] as const)('%s: lists the programme commands for coordinators only', async (locale, help, view, invite) => {
    const kari = await seedPerson(h, orgId, 'kari', 'Kari', locale);
    await seedProgramme(h, orgId, kari);
    await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'amina', 'Amina', locale), 'mentee', { name: 'Amina' });
    const coordinator = h.chat('kari');
    await coordinator.say(help);
    const text = await coordinator.text();
    expect(text).toContain(`• ${view} —`);
    expect(text).toContain(invite);
    const mentee = h.chat('amina');
    await mentee.say(help);
    const theirs = await mentee.text();
    expect(theirs).not.toContain(`• ${view} —`);
    expect(theirs).not.toContain(invite);
  });
});

describe('editing the programme', () => {
  it('en: the form shows what is stored, checks like the create form, and stores the change with an audit entry', async () => {
    const kari = await seedPerson(h, orgId, 'kari', 'Kari', 'en');
    await seedProgramme(h, orgId, kari);
    const chat = h.chat('kari');
    await chat.say('edit programme');
    const form = (await chat.lastPrompt()).spec;
    expect(form.kind === 'form' && Object.fromEntries(form.fields.map((f) => [f.name, f.initial]))).toEqual({
      name: 'Jobbstart 2027', purpose: 'Relevant work within a year', startsOn: '2027-01-15', endsOn: '2027-12-15', meetingFrequency: 'biweekly',
    });
    const refused = await chat.submit({ name: 'Jobbstart 2027', purpose: 'Relevant work within a year', startsOn: '2027-06-01', endsOn: '2027-01-01', meetingFrequency: 'biweekly' });
    expect(refused).toMatchObject({ fieldErrors: { endsOn: expect.stringContaining('after') } });
    expect(await h.prisma.programme.findUniqueOrThrow({ where: { id: 'prog' } })).toMatchObject({ endsOn: new Date('2027-12-15T00:00:00Z') });
    await chat.submit({ name: 'Jobbstart 2027 Oslo', purpose: 'Relevant work within a year', startsOn: '2027-01-15', endsOn: '2028-01-31', meetingFrequency: 'monthly' });
    expect(await words(chat)).toContain('Jobbstart 2027 Oslo is updated');
    expect(await h.prisma.programme.findUniqueOrThrow({ where: { id: 'prog' } })).toMatchObject({ name: 'Jobbstart 2027 Oslo', endsOn: new Date('2028-01-31T00:00:00Z'), meetingFrequency: 'monthly', joinCode: CODE });
    const audit = await h.prisma.auditEvent.findMany({ where: { action: 'programme:updated' } });
    expect(audit.map((a) => a.data)).toEqual([{ fields: ['name', 'endsOn', 'meetingFrequency'] }]);
  });

  it('nb: "endre program" opens the same form in Norwegian; a mentee is refused and no flow starts', async () => {
    const kari = await seedPerson(h, orgId, 'kari', 'Kari', 'nb');
    await seedProgramme(h, orgId, kari);
    await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'amina', 'Amina', 'nb'), 'mentee', { name: 'Amina' });
    const chat = h.chat('kari');
    await chat.say('endre program');
    expect((await chat.lastPrompt()).spec).toMatchObject({ kind: 'form', title: 'Endre program', submitLabel: 'Lagre endringene' });
    await chat.submit({ name: 'Jobbstart 2027', purpose: 'Relevant arbeid innen et år', startsOn: '2027-01-15', endsOn: '2027-12-15', meetingFrequency: 'biweekly' });
    expect(await words(chat)).toContain('Jobbstart 2027 er oppdatert');
    expect(await h.prisma.programme.findUniqueOrThrow({ where: { id: 'prog' } })).toMatchObject({ purpose: 'Relevant arbeid innen et år' });

    const amina = h.chat('amina');
    await amina.say('endre program');
    expect(await amina.text()).toContain('Bare koordinatorene');
    expect(await h.prisma.flowRun.count({ where: { flowId: 'edit-programme', personId: 'p-amina' } })).toBe(0);
  });
});

describe('pausing, reopening and closing', () => {
  const statusOf = async () => (await h.prisma.programme.findUniqueOrThrow({ where: { id: 'prog' } })).status;

  it('en: pause refuses new members with a clear message, reopen takes them again, close asks first and is for good', async () => {
    const kari = await seedPerson(h, orgId, 'kari', 'Kari', 'en');
    await seedProgramme(h, orgId, kari);
    const per = await seedPerson(h, orgId, 'per', 'Per', 'en');
    await addMember(h, orgId, 'prog', per, 'coordinator');
    const chat = h.chat('kari');
    const colleague = h.chat('per');

    await chat.say('pause programme');
    expect(await words(chat)).toContain('Jobbstart 2027 is paused: it takes no new members');
    expect(await statusOf()).toBe('paused');
    expect(await words(colleague)).toContain('Kari paused Jobbstart 2027');
    const newcomer = h.chat('newcomer', { locale: 'en' });
    await newcomer.say(`join ${CODE}`);
    expect(await words(newcomer)).toContain('Jobbstart 2027 is paused'); // membership's words (join.paused)
    expect(await h.prisma.flowRun.count({ where: { flowId: 'join' } })).toBe(0);
    await chat.say('pause programme');
    expect(await chat.text()).toContain('None of your programmes is open');

    await chat.say('reopen programme');
    expect(await words(chat)).toContain('Jobbstart 2027 is open again');
    expect(await statusOf()).toBe('open');
    await newcomer.say(`join ${CODE}`);
    expect(await h.prisma.flowRun.count({ where: { flowId: 'join', status: 'active' } })).toBe(1);

    await chat.say('close programme');
    expect((await chat.lastPrompt()).spec).toMatchObject({ kind: 'choice', options: [{ value: 'yes', style: 'danger' }, { value: 'no' }] });
    await chat.click('no');
    expect(await statusOf()).toBe('open');
    await chat.say('close programme');
    await chat.click('yes');
    expect(await words(chat)).toContain('Jobbstart 2027 is closed');
    expect(await statusOf()).toBe('closed');
    expect(await words(colleague)).toContain('Kari closed Jobbstart 2027');
    const late = h.chat('late', { locale: 'en' });
    await late.say(`join ${CODE}`);
    expect(await words(late)).toContain('Jobbstart 2027 is closed');
    expect(await h.prisma.flowRun.count({ where: { flowId: 'join', personId: { not: 'p-kari' } } })).toBe(1); // the newcomer's, from when it was open
    await chat.say('reopen programme');
    expect(await chat.text()).toContain('A closed programme cannot be reopened');
    expect(await statusOf()).toBe('closed');
    const actions = await h.prisma.auditEvent.findMany({ where: { action: { startsWith: 'programme:' } }, orderBy: { at: 'asc' } });
    expect(actions.map((a) => [a.action, a.actorPersonId])).toEqual([['programme:paused', kari], ['programme:reopened', kari], ['programme:closed', kari]]);
  });

  it('nb: "pause program" and "avslutt program" in Norwegian; mentors and mentees are refused and nothing changes', async () => {
    const kari = await seedPerson(h, orgId, 'kari', 'Kari', 'nb');
    await seedProgramme(h, orgId, kari);
    await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'ola', 'Ola', 'nb'), 'mentor', { name: 'Ola' });
    const ola = h.chat('ola');
    for (const words of ['pause program', 'avslutt program', 'gjenåpne program']) {
      await ola.say(words);
      expect(await ola.text()).toContain('Bare koordinatorene');
    }
    expect(await statusOf()).toBe('open');

    const chat = h.chat('kari');
    await chat.say('pause program');
    expect(await words(chat)).toContain('Jobbstart 2027 har pause');
    const newcomer = h.chat('ny', { locale: 'nb' });
    await newcomer.say(`bli med ${CODE}`);
    expect(await words(newcomer)).toContain('Jobbstart 2027 har pause');
    expect(await h.prisma.flowRun.count({ where: { flowId: 'join' } })).toBe(0);
    await chat.say('avslutt program');
    expect(await words(chat)).toContain('Vil du avslutte Jobbstart 2027 for godt?');
    await chat.click('yes');
    expect(await statusOf()).toBe('closed');
    expect(await words(chat)).toContain('Jobbstart 2027 er avsluttet');
  });
});
