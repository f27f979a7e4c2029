/** A whole sign-up through the real core and a real database, in English and in Norwegian. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';

let h: Harness;
let orgId: string;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  await h.store.transaction(async (r) => {
    await r.people.create({ id: 'coord', organisationId: orgId, displayName: 'Kari', locale: 'nb', timeZone: 'Europe/Oslo' });
    await r.identities.create({ id: 'coord-id', organisationId: orgId, personId: 'coord', platform: 'playground', externalUserId: 'kari', address: null });
    await r.programmes.create({ id: 'prog', organisationId: orgId, name: 'Høst 2026', purpose: 'Første jobb i Norge', startsOn: '2026-09-01', endsOn: '2027-08-31', meetingFrequency: 'biweekly', joinCode: 'ABCD2345', status: 'open', createdById: 'coord' });
    await r.memberships.create({ id: 'coord-m', organisationId: orgId, programmeId: 'prog', personId: 'coord', role: 'coordinator', status: 'active', consentedAt: null, consentVersion: null, profileDoneAt: null, profile: { fullName: 'Kari', languages: [], field: null, profession: null, yearsExperience: null, region: null, availability: null, goals: [], helpWanted: null, offer: null, capacity: null }, joinedAt: new Date(), leftAt: null });
  });
});
afterEach(() => h.close());

const cases = [
  { locale: 'en', join: 'join abcd-2345', words: { welcome: 'Welcome to', role: 'as a mentee', privacy: 'Privacy in', done: 'You are now a mentee', mentee: 'mentee', notice: 'has joined' } },
  { locale: 'nb', join: 'bli med ABCD2345', words: { welcome: 'Velkommen', role: 'mentee', privacy: 'Personvern', done: 'mentee i', mentee: 'mentee', notice: 'Høst 2026' } },
] as const;

describe.each(cases)('sign-up as a mentee in $locale', ({ locale, join, words }) => {
  it('joins, consents, fills the profile and is stored as a mentee', async () => {
    const amina = h.chat('amina', { locale, displayName: 'Amina' });
    await amina.say(join);
    const intro = await amina.replies();
    expect(intro[0]?.text).toContain(words.welcome);
    expect(intro[1]?.text).toContain(words.role);
    expect(intro[1]?.prompt?.spec.kind).toBe('choice');

    await amina.click('mentee');
    const [answered, privacy] = await amina.replies();
    expect(answered?.replacesPromptId).toBe(intro[1]?.prompt?.id);
    expect(answered?.prompt).toBeUndefined();
    expect(privacy?.text).toContain(words.privacy);

    await amina.click('yes');
    await amina.submit({ fullName: 'Amina Yusuf', region: 'Oslo', availability: 'weekdayEvening' });
    await amina.submit({ languages: ['so', 'en'] });
    const levels = await amina.lastPrompt();
    expect(levels.spec.kind === 'form' && levels.spec.fields.map((f) => f.name)).toEqual(['nb', 'so', 'en']);
    await amina.submit({ nb: 'B1', so: 'native', en: 'fluent' });
    await amina.submit({ field: 'health', profession: 'Sykepleier', education: 'Bachelor i sykepleie, Asmara', yearsExperience: '6' });
    await amina.submit({ goal1: 'Få autorisasjon som sykepleier', goal2: 'Bygge nettverk', goal3: '', helpWanted: 'Forstå arbeidslivet i Norge' });
    expect(await amina.text()).toContain(words.done);

    const m = await h.prisma.membership.findFirstOrThrow({ where: { organisationId: orgId, role: 'mentee' } });
    expect(m).toMatchObject({ fullName: 'Amina Yusuf', region: 'Oslo', field: 'health', education: 'Bachelor i sykepleie, Asmara', yearsExperience: 6, goals: ['Få autorisasjon som sykepleier', 'Bygge nettverk'], status: 'active', consentVersion: expect.any(String) });
    expect(m.languages).toEqual([{ code: 'nb', level: 'B1' }, { code: 'so', level: 'native' }, { code: 'en', level: 'fluent' }]);
    expect(m.consentedAt).not.toBeNull();
    const runs = await h.prisma.flowRun.findMany({ where: { flowId: 'join' } });
    expect(runs.map((r) => r.status)).toEqual(['completed']);

    // The coordinator is told, in the coordinator's own language (Norwegian).
    const kari = h.chat('kari');
    expect(await kari.text()).toContain('Amina Yusuf');

    await amina.say(locale === 'en' ? 'profile' : 'profil');
    const profile = await amina.text();
    expect(profile).toContain('Amina Yusuf');
    expect(profile).toContain(words.mentee);
    expect(profile).toContain('Amina Yusuf');
  });
});

describe('sign-up as a mentor', () => {
  it('asks what the mentor offers and how many mentees they can take', async () => {
    const ola = h.chat('ola', { locale: 'en' });
    await ola.say('join ABCD2345');
    await ola.click('mentor');
    await ola.click('yes');
    await ola.submit({ fullName: 'Ola Hansen', region: 'Bergen', availability: 'flexible' });
    await ola.submit({ languages: [] });
    await ola.submit({ nb: 'native' });
    await ola.submit({ field: 'it', profession: 'Developer', yearsExperience: '20' });
    const offer = await ola.lastPrompt();
    expect(offer.spec.kind === 'form' && offer.spec.fields.map((f) => f.name)).toEqual(['offer', 'capacity']);
    await ola.submit({ offer: 'CV review and my network in IT', capacity: '2' });
    const m = await h.prisma.membership.findFirstOrThrow({ where: { role: 'mentor' } });
    expect(m).toMatchObject({ capacity: 2, offer: 'CV review and my network in IT', goals: [], helpWanted: null });
  });

  it('declining the privacy notice stores no membership', async () => {
    const ola = h.chat('ola', { locale: 'en' });
    await ola.say('join ABCD2345');
    await ola.click('mentor');
    await ola.click('no');
    expect(await ola.text()).toContain('Nothing has been stored');
    expect(await h.prisma.membership.count({ where: { role: 'mentor' } })).toBe(0);
  });
});

describe('answered questions', () => {
  it('show the person their own answers instead of the form', async () => {
    const ola = h.chat('ola', { locale: 'en' });
    await ola.say('join ABCD2345');
    await ola.click('mentor');
    await ola.click('yes');
    await ola.replies();
    await ola.submit({ fullName: 'Ola Hansen', region: 'Bergen', availability: 'flexible' });
    const [formAnswered] = await ola.replies();
    expect(formAnswered?.text).toContain('Full name: Ola Hansen\nTown or region: Bergen\nWhen can you usually meet? Flexible');
    await ola.submit({ languages: [] });
    const [languagesAnswered] = await ola.replies();
    expect(languagesAnswered?.prompt).toBeUndefined();
    expect(languagesAnswered?.text).toMatch(/✓ Received$/);
  });
});
