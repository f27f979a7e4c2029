/**
 * The profile questions, shared by joining a programme and editing a profile. Each answer is
 * kept in the run until the last step stores the whole profile at once, so a person who stops
 * half-way leaves nothing half-done behind.
 */
import type { AnswerValue, Answers, LanguageSkill, Profile, Role } from '../../domain.js';
import type { FieldDef, InputDef, Step, StepContext } from '../../engine/types.js';
import { AVAILABILITY_OPTIONS, FIELD_OPTIONS, LANGUAGE_OPTIONS, LEVEL_OPTIONS, NORWEGIAN_LEVEL_OPTIONS } from '../../options.js';

type Values = Record<string, AnswerValue>;

const obj = (a: AnswerValue | undefined): Values => (a && typeof a === 'object' && !Array.isArray(a) ? a : {});
const str = (v: AnswerValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: AnswerValue | undefined): number | null => (typeof v === 'number' ? v : null);

/** Initial form values from a stored profile, so editing shows what is there. */
export function answersFromProfile(p: Profile): Answers {
  const levels: Values = { nb: 'none' };
  for (const l of p.languages) levels[l.code] = l.level;
  return {
    initial: {
      about: { fullName: p.fullName ?? '', region: p.region ?? '', availability: p.availability ?? '' },
      languages: p.languages.map((l) => l.code).filter((c) => c !== 'nb'),
      levels,
      work: { field: p.field ?? '', profession: p.profession ?? '', yearsExperience: p.yearsExperience === null ? '' : String(p.yearsExperience) },
      mentee: { goal1: p.goals[0] ?? '', goal2: p.goals[1] ?? '', goal3: p.goals[2] ?? '', helpWanted: p.helpWanted ?? '' },
      mentor: { offer: p.offer ?? '', capacity: p.capacity === null ? '' : String(p.capacity) },
    },
  };
}

function initial(ctx: StepContext, form: string): Record<string, string | string[]> | undefined {
  const values = obj(obj(ctx.answers.initial)[form]);
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string' || Array.isArray(v)) out[k] = v as string | string[];
  return Object.keys(out).length ? out : undefined;
}

function form(ctx: StepContext, name: string, title: string, fields: FieldDef[]): InputDef {
  const init = initial(ctx, name);
  return { kind: 'form', title, fields, submitLabel: 'common.save', ...(init ? { initial: init } : {}) };
}

const languagesChosen = (answers: Answers): string[] => (Array.isArray(answers.languages) ? answers.languages : []);

export function roleOf(ctx: StepContext): Role {
  return ctx.answers.role === 'mentor' ? 'mentor' : 'mentee';
}

/** Steps `about` … `roleForm`, then `next`. */
export function profileSteps(next: string): Record<string, Step> {
  return {
    about: {
      kind: 'ask',
      key: 'about',
      text: { key: 'profile.aboutIntro' },
      input: (ctx) =>
        form(ctx, 'about', 'profile.aboutTitle', [
          { kind: 'text', name: 'fullName', label: 'profile.fullName', required: true, maxLength: 100 },
          { kind: 'text', name: 'region', label: 'profile.region', required: true, maxLength: 100, hint: 'profile.regionHint' },
          { kind: 'select', name: 'availability', label: 'profile.availability', required: true, options: AVAILABILITY_OPTIONS },
        ]),
      next: 'languages',
    },
    languages: {
      kind: 'ask',
      key: 'languages',
      text: { key: 'profile.languagesQuestion' },
      input: { kind: 'multi', options: LANGUAGE_OPTIONS.filter((o) => o.value !== 'nb'), min: 0, max: 8, submitLabel: 'common.next' },
      next: 'levels',
    },
    levels: {
      kind: 'ask',
      key: 'levels',
      text: { key: 'profile.levelsQuestion' },
      input: (ctx) =>
        form(ctx, 'levels', 'profile.levelsTitle', [
          { kind: 'select', name: 'nb', label: 'languages.nb', required: true, options: NORWEGIAN_LEVEL_OPTIONS },
          ...languagesChosen(ctx.answers).map((code): FieldDef => ({ kind: 'select', name: code, label: `languages.${code}`, required: true, options: LEVEL_OPTIONS })),
        ]),
      next: 'work',
    },
    work: {
      kind: 'ask',
      key: 'work',
      text: (ctx) => ({ key: roleOf(ctx) === 'mentor' ? 'profile.workIntroMentor' : 'profile.workIntroMentee' }),
      input: (ctx) =>
        form(ctx, 'work', 'profile.workTitle', [
          { kind: 'select', name: 'field', label: 'profile.field', required: true, options: FIELD_OPTIONS },
          { kind: 'text', name: 'profession', label: 'profile.profession', required: true, maxLength: 100 },
          { kind: 'number', name: 'yearsExperience', label: 'profile.yearsExperience', required: true, min: 0, max: 60 },
        ]),
      next: (ctx) => (roleOf(ctx) === 'mentor' ? 'mentor' : 'mentee'),
    },
    mentee: {
      kind: 'ask',
      key: 'mentee',
      text: { key: 'profile.goalsIntro' },
      input: (ctx) =>
        form(ctx, 'mentee', 'profile.goalsTitle', [
          { kind: 'text', name: 'goal1', label: 'profile.goal1', required: true, maxLength: 200, hint: 'profile.goalHint' },
          { kind: 'text', name: 'goal2', label: 'profile.goal2', required: false, maxLength: 200 },
          { kind: 'text', name: 'goal3', label: 'profile.goal3', required: false, maxLength: 200 },
          { kind: 'text', name: 'helpWanted', label: 'profile.helpWanted', required: true, maxLength: 1000, multiline: true },
        ]),
      next,
    },
    mentor: {
      kind: 'ask',
      key: 'mentor',
      text: { key: 'profile.offerIntro' },
      input: (ctx) =>
        form(ctx, 'mentor', 'profile.offerTitle', [
          { kind: 'text', name: 'offer', label: 'profile.offer', required: true, maxLength: 1000, multiline: true },
          { kind: 'number', name: 'capacity', label: 'profile.capacity', required: true, min: 1, max: 5 },
        ]),
      next,
    },
  };
}

/** Builds the stored profile from a finished run's answers. */
export function profileFromAnswers(answers: Answers, role: Role): Profile {
  const about = obj(answers.about);
  const work = obj(answers.work);
  const levels = obj(answers.levels);
  const languages: LanguageSkill[] = [];
  for (const code of ['nb', ...languagesChosen(answers)]) {
    const level = str(levels[code]);
    if (level && level !== 'none') languages.push({ code, level: level as LanguageSkill['level'] });
  }
  const mentee = obj(answers.mentee);
  const mentor = obj(answers.mentor);
  const isMentee = role === 'mentee';
  return {
    fullName: str(about.fullName),
    region: str(about.region),
    availability: str(about.availability),
    languages,
    field: str(work.field),
    profession: str(work.profession),
    yearsExperience: num(work.yearsExperience),
    goals: isMentee ? [mentee.goal1, mentee.goal2, mentee.goal3].map(str).filter((g): g is string => g !== null) : [],
    helpWanted: isMentee ? str(mentee.helpWanted) : null,
    offer: isMentee ? null : str(mentor.offer),
    capacity: isMentee ? null : num(mentor.capacity),
  };
}
