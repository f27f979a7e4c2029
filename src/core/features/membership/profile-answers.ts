/**
 * A profile as flow answers and back. The profile forms keep their answers in the run under the
 * step's key (`about`, `languages`, `levels`, `work`, `mentee`, `mentor`); a run that edits one
 * part, or reuses a profile given for another programme, starts with the stored profile as
 * `initial` (the forms show it) and stores the merge: what was asked now over what was there.
 */
import type { AnswerValue, Answers, LanguageLevel, LanguageSkill, Profile, Role } from '../../domain.js';
import { LANGUAGE_CODES, OTHER_LANGUAGE } from '../../options.js';

type Values = Record<string, AnswerValue>;

export const obj = (a: AnswerValue | undefined): Values => (a && typeof a === 'object' && !Array.isArray(a) ? a : {});
export const str = (v: AnswerValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);
/** A number, or the digits a form's initial value holds ("6"). */
const num = (v: AnswerValue | undefined): number | null => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);

/** The forms a profile is asked in, in the order joining asks them. */
export const PROFILE_FORMS = ['about', 'languages', 'levels', 'work', 'mentee', 'mentor'] as const;

const LISTED = new Set<string>(LANGUAGE_CODES);

/**
 * Norwegian levels stored before the CEFR steps, shown as the nearest step so an edit starts
 * from something close (the person confirms or corrects it).
 */
const NORWEGIAN_FROM_PLAIN: Record<string, string> = { basic: 'A2', intermediate: 'B1', fluent: 'C1' };

/** Initial form values from a stored profile, so a form shows what is stored. */
export function answersFromProfile(p: Profile): Answers {
  const nb = p.languages.find((l) => l.code === 'nb')?.level ?? 'none';
  const levels: Values = { nb: NORWEGIAN_FROM_PLAIN[nb] ?? nb };
  const listed = p.languages.filter((l) => l.code !== 'nb' && LISTED.has(l.code));
  for (const l of listed) levels[l.code] = l.level;
  // One language typed under "other" is asked for; a second (never written by these forms) is dropped on save.
  const other = p.languages.find((l) => !LISTED.has(l.code));
  return {
    initial: {
      about: { fullName: p.fullName ?? '', region: p.region ?? '', availability: p.availability ?? '' },
      languages: {
        languages: [...listed.map((l) => l.code), ...(other ? [OTHER_LANGUAGE] : [])],
        otherLanguage: other?.code ?? '',
        otherLevel: other?.level ?? '',
      },
      levels,
      work: {
        field: p.field ?? '',
        profession: p.profession ?? '',
        education: p.education ?? '',
        employer: p.employer ?? '',
        yearsExperience: p.yearsExperience === null ? '' : String(p.yearsExperience),
      },
      mentee: { goal1: p.goals[0] ?? '', goal2: p.goals[1] ?? '', goal3: p.goals[2] ?? '', helpWanted: p.helpWanted ?? '' },
      mentor: { offer: p.offer ?? '', capacity: p.capacity === null ? '' : String(p.capacity) },
    },
  };
}

/** What was answered in this run, and for each form not asked, what `initial` holds. */
export function mergedAnswers(answers: Answers): Answers {
  const initial = obj(answers.initial);
  const merged: Answers = { ...answers };
  for (const form of PROFILE_FORMS) {
    const value = answers[form] ?? initial[form];
    if (value !== undefined) merged[form] = value;
  }
  return merged;
}

/** The listed languages ticked (Norwegian is always asked; "other" is typed, not listed). */
export function languagesChosen(answers: Answers): string[] {
  // Runs of the first version kept the ticked codes as a plain list.
  const ticked = Array.isArray(answers.languages) ? answers.languages : obj(answers.languages).languages;
  return Array.isArray(ticked) ? ticked.filter((c) => c !== 'nb' && LISTED.has(c)) : [];
}

/** Builds the stored profile from a finished run's answers (merge them first when a form was skipped). */
export function profileFromAnswers(answers: Answers, role: Role): Profile {
  const about = obj(answers.about);
  const work = obj(answers.work);
  const levels = obj(answers.levels);
  const languages: LanguageSkill[] = [];
  for (const code of ['nb', ...languagesChosen(answers)]) {
    const level = str(levels[code]);
    if (level && level !== 'none') languages.push({ code, level: level as LanguageLevel });
  }
  const typed = obj(answers.languages);
  const other = str(typed.otherLanguage);
  const otherLevel = str(typed.otherLevel);
  if (other && otherLevel && !languages.some((l) => l.code === other)) languages.push({ code: other, level: otherLevel as LanguageLevel });
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
    education: str(work.education),
    employer: str(work.employer),
    yearsExperience: num(work.yearsExperience),
    goals: isMentee ? [mentee.goal1, mentee.goal2, mentee.goal3].map(str).filter((g): g is string => g !== null) : [],
    helpWanted: isMentee ? str(mentee.helpWanted) : null,
    offer: isMentee ? null : str(mentor.offer),
    capacity: isMentee ? null : num(mentor.capacity),
  };
}

/** Has the profile what the role's own form asks for (a mentee's goal and wish, a mentor's offer)? */
export function roleFormDone(profile: Profile, role: Role): boolean {
  return role === 'mentor' ? profile.offer !== null && profile.capacity !== null : profile.goals.length > 0 && profile.helpWanted !== null;
}
