/** Coordinators create programmes; people edit their profile, change language and leave. */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Chat, type Harness, createHarness } from '../support/harness.js';
import { createIdSource } from '../../src/ids.js';
import { ensureSetupCode } from '../../src/store/setup-code.js';
import { JOIN_CODE, seedProgramme } from './fixtures.js';
import { joinAs, type ProfileAnswers } from './profile-fixtures.js';

let h: Harness;
let orgId: string;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
});
afterEach(() => h.close());

/** Amina's answers: a nurse who speaks Arabic, with Norwegian at A2. */
const AMINA: ProfileAnswers = { availability: 'flexible', languages: ['ar'], levels: { nb: 'A2', ar: 'native' }, years: '6', goal: 'Get authorisation', helpWanted: 'Understand the system' };

const joinAsMentee = (chat: Chat, code = JOIN_CODE) => joinAs(chat, 'mentee', code, AMINA);

/** Kari redeems the deployment's setup code, as an organisation's first coordinator does. */
async function setUp(chat: Chat): Promise<void> {
  await chat.say(`setup ${await ensureSetupCode(h.prisma, createIdSource())}`);
  await chat.replies();
}

describe('creating a programme', () => {
  it('the organisation’s first organiser (with the setup code) creates one and becomes its coordinator', async () => {
    const kari = h.chat('kari', { locale: 'en' });
    await setUp(kari);
    await kari.say('new programme');
    const form = await kari.lastPrompt();
    expect(form.spec.kind === 'form' && form.spec.fields.map((f) => f.name)).toEqual(['name', 'purpose', 'startsOn', 'endsOn', 'meetingFrequency']);
    await kari.submit({ name: 'Jobbstart 2027', purpose: 'Relevant work within a year', startsOn: '2027-01-15', endsOn: '2027-12-15', meetingFrequency: 'biweekly' });
    const programme = await h.prisma.programme.findFirstOrThrow({ where: { organisationId: orgId } });
    expect(programme).toMatchObject({ name: 'Jobbstart 2027', meetingFrequency: 'biweekly', status: 'open' });
    expect(programme.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const text = await kari.text();
    expect(text).toContain(programme.joinCode);
    expect(text).toContain('January 15, 2027');
    expect(await h.prisma.membership.findFirstOrThrow({ where: { programmeId: programme.id } })).toMatchObject({ role: 'coordinator' });
    expect(await h.prisma.auditEvent.count({ where: { organisationId: orgId, action: 'programme:created' } })).toBe(1);
  });

  it('refuses an end date before the start date, and stores nothing', async () => {
    const kari = h.chat('kari', { locale: 'nb' });
    await setUp(kari);
    await kari.say('nytt program');
    const result = await kari.submit({ name: 'X', purpose: 'Y', startsOn: '2027-05-01', endsOn: '2027-01-01', meetingFrequency: 'monthly' });
    expect(result).toMatchObject({ fieldErrors: { endsOn: expect.stringContaining('etter') } });
    expect(await h.prisma.programme.count()).toBe(0);
  });

  it('refuses an impossible date', async () => {
    const kari = h.chat('kari', { locale: 'en' });
    await setUp(kari);
    await kari.say('new programme');
    const result = await kari.submit({ name: 'X', purpose: 'Y', startsOn: '2027-02-30', endsOn: '2027-06-01', meetingFrequency: 'monthly' });
    expect(result).toMatchObject({ fieldErrors: { startsOn: expect.stringContaining('year-month-day') } });
  });

  it('mentees may not create programmes', async () => {
    await seedProgramme(h, orgId);
    const amina = h.chat('amina', { locale: 'en' });
    await joinAsMentee(amina);
    await amina.say('new programme');
    expect(await amina.text()).toContain('Only coordinators');
    expect(await h.prisma.flowRun.count({ where: { flowId: 'create-programme' } })).toBe(0);
  });
});

describe('who may create a programme, by what the platform says', () => {
  /** Types `text` as `user`, with the platform's admin flag when it gives one. */
  const type = (user: string, isAdmin: boolean | undefined, text = 'new programme') =>
    h.core.handleInbound({ dedupeKey: randomUUID(), platform: 'playground', tenant: 'demo', user: { externalId: user, locale: 'en', ...(isAdmin === undefined ? {} : { isAdmin }) }, event: { kind: 'text', text } });
  const creating = () => h.prisma.flowRun.count({ where: { flowId: 'create-programme', status: 'active' } });

  it('lets an admin create one though the organisation has programmes and they coordinate none', async () => {
    await seedProgramme(h, orgId);
    expect(await type('ada', true)).toMatchObject({ status: 'handled' });
    const ada = h.chat('ada');
    expect((await ada.lastPrompt()).spec).toMatchObject({ kind: 'form', title: 'New programme' });
    expect(await creating()).toBe(1);
  });

  it('refuses someone the platform says is not an admin, even the first in an empty organisation, and says whom to ask', async () => {
    await type('nils', false);
    const text = await h.chat('nils').text();
    expect(text).toContain('Only coordinators and workspace admins can create programmes');
    expect(text).toContain('Ask a programme coordinator or an admin of your workspace');
    expect(await creating()).toBe(0);
    expect(await h.prisma.programme.count()).toBe(0);
  });

  it('lets a coordinator create another, whatever the platform says about admin', async () => {
    await seedProgramme(h, orgId); // Kari ("kari") coordinates it
    await type('kari', false);
    expect((await h.chat('kari').lastPrompt()).spec).toMatchObject({ kind: 'form' });
    expect(await creating()).toBe(1);
  });

  it('when the platform does not say, being first is not enough: the setup code decides, once per organisation', async () => {
    await type('first', undefined);
    expect(await h.chat('first').text()).toContain('Write *setup* and the setup code');
    expect(await creating()).toBe(0);
    const code = await ensureSetupCode(h.prisma, createIdSource());
    await type('guess', undefined, 'setup WRONGCODE1');
    expect(await h.chat('guess').text()).toContain('That is not the setup code');
    await type('first', undefined, `setup ${code.toLowerCase().slice(0, 4)}-${code.slice(4)}`); // typed as people do
    expect(await h.chat('first').text()).toContain('You can now create programmes');
    await type('first', undefined);
    expect(await creating()).toBe(1);
    // Someone else who learns the code later gets nothing: the organisation is set up.
    await type('later', undefined, `setup ${code}`);
    expect(await h.chat('later').text()).toContain('set up already');
    await type('later', undefined);
    expect(await creating()).toBe(1);
    expect((await h.prisma.auditEvent.findMany({ where: { action: { startsWith: 'organiser:' } }, orderBy: { at: 'asc' } })).map((a) => a.action)).toEqual(['organiser:setup-refused', 'organiser:granted']);
  });

  it('the setup code does nothing in an organisation that has a coordinator already', async () => {
    await seedProgramme(h, orgId);
    await type('mallory', undefined, `setup ${await ensureSetupCode(h.prisma, createIdSource())}`);
    expect(await h.chat('mallory').text()).toContain('set up already');
    expect(await h.prisma.organiser.count()).toBe(0);
  });

  it('lists "new programme" in help only for those who may', async () => {
    await seedProgramme(h, orgId);
    await type('ada', true, 'help');
    await type('nils', false, 'help');
    await type('undecided', undefined, 'help');
    expect(await h.chat('ada').text()).toContain('*new programme*');
    expect(await h.chat('nils').text()).not.toContain('new programme');
    expect(await h.chat('undecided').text()).not.toContain('new programme');
  });

  it('help offers "new programme" to an organiser who coordinates nothing yet, and not before', async () => {
    const early = h.chat('early'); // replies() keeps its place between the checks
    await type('early', undefined, 'hello');
    await early.text();
    await type('early', undefined, 'help'); // a known person: memberships and the organiser flag come in one read
    expect(await early.text()).not.toContain('new programme');
    await type('early', undefined, `setup ${await ensureSetupCode(h.prisma, createIdSource())}`);
    await early.text();
    await type('early', undefined, 'help');
    expect(await early.text()).toContain('*new programme*');
  });

  it('takes the flag only as a boolean', async () => {
    const result = await h.core.handleInbound({ dedupeKey: 'x', platform: 'playground', tenant: 'demo', user: { externalId: 'eve', isAdmin: 'yes' }, event: { kind: 'text', text: 'new programme' } });
    expect(result).toMatchObject({ status: 'invalid', issues: expect.stringContaining('user.isAdmin') });
    expect(await h.prisma.person.count()).toBe(0);
  });
});

describe('a member’s own data', () => {
  beforeEach(() => seedProgramme(h, orgId));

  it('edits the profile with the stored answers filled in', async () => {
    const amina = h.chat('amina', { locale: 'en' });
    await joinAsMentee(amina);
    await amina.say('edit profile');
    await amina.click('all'); // which part: everything
    const about = await amina.lastPrompt();
    expect(about.spec.kind === 'form' && about.spec.fields.find((f) => f.name === 'fullName')?.initial).toBe('Amina Yusuf');
    await amina.submit({ fullName: 'Amina Y.', region: 'Drammen', availability: 'weekend' });
    await amina.submit({ languages: ['ar', 'en'] });
    const levels = await amina.lastPrompt();
    expect(levels.spec.kind === 'form' && levels.spec.fields.map((f) => [f.name, 'initial' in f ? f.initial : undefined])).toEqual([['nb', 'A2'], ['ar', 'native'], ['en', undefined]]);
    await amina.submit({ nb: 'B1', ar: 'native', en: 'basic' });
    await amina.submit({ field: 'health', profession: 'Nurse', yearsExperience: '7' });
    await amina.submit({ goal1: 'Get authorisation', goal2: 'Find a job', helpWanted: 'Interviews' });
    expect(await amina.text()).toContain('profile is saved');
    const m = await h.prisma.membership.findFirstOrThrow({ where: { role: 'mentee' } });
    expect(m).toMatchObject({ fullName: 'Amina Y.', region: 'Drammen', yearsExperience: 7, goals: ['Get authorisation', 'Find a job'] });
    expect(m.languages).toEqual([{ code: 'nb', level: 'B1' }, { code: 'ar', level: 'native' }, { code: 'en', level: 'basic' }]);
  });

  it('asks which programme when the person is in two', async () => {
    await seedProgramme(h, orgId, 'SECOND22', 'prog2');
    const amina = h.chat('amina', { locale: 'en' });
    await joinAsMentee(amina);
    await joinAsMentee(amina, 'SECOND22');
    await amina.say('leave');
    const pick = await amina.lastPrompt();
    expect(pick.spec.kind === 'choice' && pick.spec.options.map((o) => o.label)).toEqual(['Programme ABCD2345', 'Programme SECOND22']);
    await amina.click('prog2');
    await amina.click('yes');
    const memberships = await h.prisma.membership.findMany({ where: { role: 'mentee' }, orderBy: { programmeId: 'asc' } });
    expect(memberships.map((m) => [m.programmeId, m.status])).toEqual([['prog', 'active'], ['prog2', 'left']]);
  });

  it('leaving erases the profile given for the programme', async () => {
    const amina = h.chat('amina', { locale: 'en' });
    await joinAsMentee(amina);
    await amina.say('leave');
    await amina.click('yes');
    expect(await amina.text()).toContain('You have left');
    const m = await h.prisma.membership.findFirstOrThrow({ where: { role: 'mentee' } });
    expect(m).toMatchObject({ status: 'left', fullName: null, goals: [], helpWanted: null, profession: null, languages: [] });
    expect(m.leftAt).not.toBeNull();
  });

  it('changing language changes every later message', async () => {
    const amina = h.chat('amina', { locale: 'nb' });
    await amina.say('språk');
    await amina.click('en');
    expect(await amina.text()).toContain('From now on I write to you in English');
    await amina.say('help');
    expect(await amina.text()).toContain('What you can do now');
    expect((await h.prisma.person.findFirstOrThrow({ where: { identities: { some: { externalUserId: 'amina' } } } })).locale).toBe('en');
  });

  it('joining twice says so and creates no second membership', async () => {
    const amina = h.chat('amina', { locale: 'en' });
    await joinAsMentee(amina);
    await amina.say(`join ${JOIN_CODE}`);
    expect(await amina.text()).toContain('already in');
    expect(await h.prisma.membership.count({ where: { role: 'mentee' } })).toBe(1);
  });

  it('a code from another organisation is unknown here', async () => {
    const otherOrg = await h.organisation('playground', 'other');
    await seedProgramme(h, otherOrg, 'OTHER234', 'prog-other');
    const amina = h.chat('amina', { locale: 'en' });
    await amina.say('join OTHER234');
    expect(await amina.text()).toContain('found no programme with the code');
  });
});
