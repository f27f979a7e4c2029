/**
 * Editing a profile: first which part, then only that part, every input showing what is stored
 * (languages stay ticked); the save merges it over the rest, which stays as it was. Also the
 * profile's content for newcomers: "other" languages typed in, Norwegian in CEFR steps, education.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';
import { JOIN_CODE, seedProgramme } from './fixtures.js';
import { joinAsMentee } from './profile-fixtures.js';

let h: Harness;

beforeEach(async () => {
  h = await createHarness();
  await seedProgramme(h, await h.organisation());
});
afterEach(() => h.close());

const stored = () => h.prisma.membership.findFirstOrThrow({ where: { role: 'mentee' } });

describe('edit profile', () => {
  it('asks which part, shows the stored languages ticked, and keeps everything else', async () => {
    const amina = h.chat('amina', { locale: 'en' });
    await joinAsMentee(amina, JOIN_CODE);
    const before = await stored();
    await amina.say('edit profile');
    const part = await amina.lastPrompt();
    expect(part.spec.kind === 'choice' && part.spec.options.map((o) => o.value)).toEqual(['about', 'languages', 'work', 'role', 'all']);
    await amina.click('languages');
    const languages = await amina.lastPrompt();
    expect(languages.spec.kind === 'form' && languages.spec.fields.find((f) => f.name === 'languages')?.initial).toEqual(['ar', 'ti']);
    await amina.submit({ languages: ['ar', 'ti', 'en'] });
    const levels = await amina.lastPrompt();
    expect(levels.spec.kind === 'form' && Object.fromEntries(levels.spec.fields.map((f) => [f.name, f.initial]))).toEqual({ nb: 'A2', ar: 'native', ti: 'fluent', en: undefined });
    await amina.submit({ nb: 'B1', ar: 'native', ti: 'fluent', en: 'basic' });
    expect(await amina.text()).toContain('Your profile is saved');

    const after = await stored();
    expect(after.languages).toEqual([{ code: 'nb', level: 'B1' }, { code: 'ar', level: 'native' }, { code: 'ti', level: 'fluent' }, { code: 'en', level: 'basic' }]);
    const { languages: _l, updatedAt: _u, profileDoneAt: _p, ...rest } = after;
    const { languages: _bl, updatedAt: _bu, profileDoneAt: _bp, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
  });

  it('edits only the goals, with the stored ones filled in', async () => {
    const amina = h.chat('amina', { locale: 'nb' });
    await joinAsMentee(amina, JOIN_CODE, { goal: 'Bli sykepleier' });
    await amina.say('endre profil');
    await amina.click('role');
    const goals = await amina.lastPrompt();
    expect(goals.spec.kind === 'form' && goals.spec.fields.find((f) => f.name === 'goal1')?.initial).toBe('Bli sykepleier');
    await amina.submit({ goal1: 'Få autorisasjon', goal2: 'Bli sykepleier', helpWanted: 'Norsk arbeidsliv' });
    expect(await stored()).toMatchObject({ goals: ['Få autorisasjon', 'Bli sykepleier'], helpWanted: 'Norsk arbeidsliv', fullName: 'Amina Yusuf', education: 'Nursing degree', region: 'Oslo' });
  });

  it('"everything" walks every step, each filled in with what is stored', async () => {
    const amina = h.chat('amina', { locale: 'en' });
    await joinAsMentee(amina, JOIN_CODE);
    await amina.say('edit profile');
    await amina.click('all');
    const about = await amina.lastPrompt();
    expect(about.spec.kind === 'form' && about.spec.fields.map((f) => f.initial)).toEqual(['Amina Yusuf', 'Oslo', 'weekdayEvening']);
    await amina.submit({ fullName: 'Amina Y.', region: 'Vestland', availability: 'weekend' });
    await amina.submit({ languages: ['ar', 'ti'] });
    await amina.submit({ nb: 'A2', ar: 'native', ti: 'fluent' });
    const work = await amina.lastPrompt();
    expect(work.spec.kind === 'form' && work.spec.fields.find((f) => f.name === 'education')?.initial).toBe('Nursing degree');
    await amina.submit({ field: 'health', profession: 'Nurse', education: 'Nursing degree', yearsExperience: '' });
    await amina.submit({ goal1: 'Get authorisation as a nurse', helpWanted: 'Understand Norwegian working life' });
    expect(await stored()).toMatchObject({ fullName: 'Amina Y.', region: 'Vestland', availability: 'weekend', yearsExperience: null });
  });
});

describe('the profile for newcomers', () => {
  it('offers the languages newcomers bring, takes one typed under "other", and Norwegian in CEFR steps', async () => {
    const amina = h.chat('amina', { locale: 'en' });
    await amina.say(`join ${JOIN_CODE}`);
    await amina.click('mentee');
    await amina.click('yes');
    const about = await amina.lastPrompt();
    expect(about.spec.kind === 'form' && about.spec.fields.find((f) => f.name === 'region')?.hint).toMatch(/Akershus.*Vestland/);
    expect(JSON.stringify(about.spec)).not.toContain('Viken');
    await amina.submit({ fullName: 'Amina Yusuf', region: 'Trøndelag', availability: 'flexible' });
    const languages = await amina.lastPrompt();
    const offered = languages.spec.kind === 'form' ? (languages.spec.fields.find((f) => f.name === 'languages') as { options: { value: string; label: string }[] }).options : [];
    expect(offered.map((o) => o.label)).toEqual(expect.arrayContaining(['Tigrinya', 'Oromo', 'Dari', 'Kurdish (Kurmanji)', 'Somali', 'Arabic', 'Ukrainian', 'Pashto', 'Persian']));
    expect(offered.at(-1)?.value).toBe('other');
    // "Other" ticked with no name, and a name with no level, are both explained.
    await amina.submit({ languages: ['other'] });
    expect(await amina.text()).toContain('Write the name of the other language');
    await amina.submit({ languages: ['ti', 'other'], otherLanguage: 'Lingala', otherLevel: 'fluent' });
    const levels = await amina.lastPrompt();
    const nb = levels.spec.kind === 'form' ? (levels.spec.fields[0] as { options: { value: string }[] }).options.map((o) => o.value) : [];
    expect(nb).toEqual(['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native']);
    await amina.submit({ nb: 'A2', ti: 'native' });
    // Years of experience may be left empty by a mentee; education is asked, and the employer (optional).
    await amina.submit({ field: 'health', profession: 'Nurse', education: 'Nursing school, Asmara', employer: 'Oslo kommune', yearsExperience: '' });
    await amina.submit({ goal1: 'Authorisation', helpWanted: 'Working life' });
    expect(await stored()).toMatchObject({
      languages: [{ code: 'nb', level: 'A2' }, { code: 'ti', level: 'native' }, { code: 'Lingala', level: 'fluent' }],
      education: 'Nursing school, Asmara',
      employer: 'Oslo kommune',
      yearsExperience: null,
    });
    await amina.say('profile');
    // Without the marks around a person's words (kernel/rich-text.ts).
    const shown = (await amina.text()).replace(/[\ue000-\ue0ff]/g, '');
    expect(shown).toContain('Tigrinya (Mother tongue)');
    expect(shown).toContain('Lingala (Fluent)');
    expect(shown).toContain('Education:* Nursing school, Asmara');
    expect(shown).toContain('Employer:* Oslo kommune');
  });

  it('a listed language typed under "other" is stored by its code', async () => {
    const amina = h.chat('amina', { locale: 'nb' });
    await amina.say(`bli med ${JOIN_CODE}`);
    await amina.click('mentee');
    await amina.click('yes');
    await amina.submit({ fullName: 'Amina Yusuf', region: 'Oslo', availability: 'flexible' });
    await amina.submit({ languages: [], otherLanguage: 'Kurmanji', otherLevel: 'native' });
    const levels = await amina.lastPrompt();
    expect(levels.spec.kind === 'form' && levels.spec.fields.map((f) => f.name)).toEqual(['nb', 'kmr']);
  });
});
