/**
 * The profile questions, shared by joining a programme and editing a profile. Each answer is
 * kept in the run until the last step stores the whole profile at once, so a person who stops
 * half-way leaves nothing half-done behind. A run may ask one part only (`answers.part`): then
 * it goes from that part's last form to `next`, and the save merges it over what is stored.
 */
import type { Role } from '../../domain.js';
import type { FieldDef, InputDef, OptionDef, Step, StepContext } from '../../engine/types.js';
import { AVAILABILITY_OPTIONS, FIELD_OPTIONS, LANGUAGE_OPTIONS, LEVEL_OPTIONS, NORWEGIAN_LEVEL_OPTIONS, OTHER_LANGUAGE } from '../../options.js';
import { languagesChosen, mergedAnswers, obj, profileFromAnswers, roleFormDone, str } from './profile-answers.js';

export { answersFromProfile, profileFromAnswers } from './profile-answers.js';

/** Parts a person can change on their own ("languages", "goals"…), or all of them. */
export const PROFILE_PARTS = ['about', 'languages', 'work', 'role', 'all'] as const;
export type ProfilePart = (typeof PROFILE_PARTS)[number];

/** At most this many languages besides Norwegian are ticked. */
const MAX_LANGUAGES = 8;

function initial(ctx: StepContext, form: string): Record<string, string | string[]> | undefined {
  const values = obj(obj(ctx.answers.initial)[form]);
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string' || Array.isArray(v)) out[k] = v as string | string[];
  return Object.keys(out).length ? out : undefined;
}

function form(ctx: StepContext, name: string, title: string, fields: FieldDef[], check?: Extract<InputDef, { kind: 'form' }>['check']): InputDef {
  const init = initial(ctx, name);
  return { kind: 'form', title, fields, submitLabel: 'common.save', ...(init ? { initial: init } : {}), ...(check ? { check } : {}) };
}

export function roleOf(ctx: StepContext): Role {
  return ctx.answers.role === 'mentor' ? 'mentor' : 'mentee';
}

const roleStep = (ctx: StepContext) => (roleOf(ctx) === 'mentor' ? 'mentor' : 'mentee');

/** The one part this run asks, or null when it asks them all. */
function onlyPart(ctx: StepContext): ProfilePart | null {
  const part = ctx.answers.part;
  return typeof part === 'string' && part !== 'all' && (PROFILE_PARTS as readonly string[]).includes(part) ? (part as ProfilePart) : null;
}

/** Where a part's last form goes: to `next` when only that part is asked, else on through the profile. */
const after = (part: ProfilePart, onward: string | ((ctx: StepContext) => string), next: string) => (ctx: StepContext) =>
  onlyPart(ctx) === part ? next : typeof onward === 'string' ? onward : onward(ctx);

/** The question "which part?" with its options for the person's role. */
export function partQuestion(text: string, next: string): Step {
  return {
    kind: 'ask',
    key: 'part',
    text: { key: text },
    input: (ctx) => {
      const options: OptionDef[] = PROFILE_PARTS.map((part) => ({ value: part, label: `profile.part_${part === 'role' ? roleStep(ctx) : part}` }));
      return { kind: 'choice', options };
    },
    next,
  };
}

/** The first form of the part chosen (all: the first of all). */
export function firstStepOf(ctx: StepContext): string {
  const part = onlyPart(ctx);
  return part === 'role' ? roleStep(ctx) : (part ?? 'about');
}

/**
 * Goes to `save` once the role's own form is answered or stored (a profile reused from another
 * programme may have been a mentor's where she now joins as a mentee), else asks it.
 */
export function completeStep(save: string): Step {
  return { kind: 'act', run: async (ctx) => (roleFormDone(profileFromAnswers(mergedAnswers(ctx.answers), roleOf(ctx)), roleOf(ctx)) ? save : roleStep(ctx)) };
}

/** A typed "other" language needs its level; a ticked "other" needs its name. */
function checkOtherLanguage(values: Record<string, unknown>): Record<string, string> | null {
  const ticked = Array.isArray(values.languages) ? values.languages : [];
  const other = typeof values.otherLanguage === 'string' ? values.otherLanguage : null;
  if (ticked.includes(OTHER_LANGUAGE) && !other) return { otherLanguage: 'profile.otherLanguageMissing' };
  if (other && !values.otherLevel) return { otherLevel: 'errors.required' };
  return null;
}

/** Steps `about`, `languages`, `typedLanguage`, `levels`, `work`, `mentee`/`mentor`, then `next`. */
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
      next: after('about', 'languages', next),
    },
    languages: {
      kind: 'ask',
      key: 'languages',
      text: { key: 'profile.languagesQuestion' },
      input: (ctx) =>
        form(
          ctx,
          'languages',
          'profile.languagesTitle',
          [
            { kind: 'multiselect', name: 'languages', label: 'profile.languagesLabel', required: false, max: MAX_LANGUAGES, options: LANGUAGE_OPTIONS.filter((o) => o.value !== 'nb') },
            { kind: 'text', name: 'otherLanguage', label: 'profile.otherLanguage', required: false, maxLength: 40, hint: 'profile.otherLanguageHint' },
            { kind: 'select', name: 'otherLevel', label: 'profile.otherLevel', required: false, options: LEVEL_OPTIONS },
          ],
          checkOtherLanguage,
        ),
      next: 'typedLanguage',
    },
    typedLanguage: {
      kind: 'act',
      run: async (ctx) => {
        listTypedLanguage(ctx);
        return 'levels';
      },
    },
    levels: {
      kind: 'ask',
      key: 'levels',
      text: { key: 'profile.levelsQuestion' },
      input: (ctx) =>
        form(ctx, 'levels', 'profile.levelsTitle', [
          { kind: 'select', name: 'nb', label: 'languages.nb', required: true, options: NORWEGIAN_LEVEL_OPTIONS, hint: 'profile.norwegianLevelHint' },
          ...languagesChosen(ctx.answers).map((code): FieldDef => ({ kind: 'select', name: code, label: `languages.${code}`, required: true, options: LEVEL_OPTIONS })),
        ]),
      next: after('languages', 'work', next),
    },
    work: {
      kind: 'ask',
      key: 'work',
      text: (ctx) => ({ key: roleOf(ctx) === 'mentor' ? 'profile.workIntroMentor' : 'profile.workIntroMentee' }),
      input: (ctx) =>
        form(ctx, 'work', 'profile.workTitle', [
          { kind: 'select', name: 'field', label: 'profile.field', required: true, options: FIELD_OPTIONS },
          { kind: 'text', name: 'profession', label: 'profile.profession', required: true, maxLength: 100 },
          { kind: 'text', name: 'education', label: 'profile.education', required: false, maxLength: 200, multiline: true, hint: 'profile.educationHint' },
          { kind: 'text', name: 'employer', label: 'profile.employer', required: false, maxLength: 100, hint: 'profile.employerHint' },
          // A newcomer may have no years of work in Norway yet; a mentor's experience is what they offer.
          { kind: 'number', name: 'yearsExperience', label: 'profile.yearsExperience', required: roleOf(ctx) === 'mentor', min: 0, max: 60 },
        ]),
      next: after('work', roleStep, next),
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

/**
 * A language typed under "other" that we do list ("Tigrinya", "tigrinja", "ti") becomes the
 * listed one, so matching sees one code for it; its level is then asked with the others.
 */
function listTypedLanguage(ctx: StepContext): void {
  const typed = obj(ctx.answers.languages);
  const other = str(typed.otherLanguage);
  if (!other) return;
  const wanted = other.toLocaleLowerCase();
  const texts = ctx.turn.texts;
  // A label and the name in its brackets both count: "Kurdish (Kurmanji)" is found as "kurmanji" too.
  const names = (label: string) => [label, /\(([^)]+)\)/.exec(label)?.[1] ?? ''].map((n) => n.toLocaleLowerCase());
  const hit = LANGUAGE_OPTIONS.find(
    (o) => o.value !== OTHER_LANGUAGE && (o.value === wanted || texts.locales().some((l) => names(texts.t(l, o.label)).includes(wanted))),
  );
  if (!hit) return;
  const ticked = languagesChosen(ctx.answers);
  const languages = hit.value === 'nb' || ticked.includes(hit.value) ? ticked : [...ticked, hit.value].slice(0, MAX_LANGUAGES);
  ctx.remember('languages', { languages, otherLanguage: '', otherLevel: '' });
}
