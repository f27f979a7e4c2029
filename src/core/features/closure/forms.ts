/**
 * The closing forms, as flow inputs (so the engine's prompt spec and validation serve open
 * questions too): the closing reflection per role (the seeds' spirit: the mentee looks at what
 * she achieved and takes with her, the mentor at what he learned), the exit survey, and job
 * outcomes. And the one way an open question's form answer is checked.
 */
import type { Turn } from '../../engine/turn.js';
import type { FieldDef, InputDef } from '../../engine/types.js';
import { optionLabel } from '../../engine/prompt-spec.js';
import { validateAnswer } from '../../engine/validate.js';
import type { QuestionAnswer, QuestionOutcome } from '../../kernel/feature.js';
import { REASON_CODES } from './ports.js';

type Form = Extract<InputDef, { kind: 'form' }>;
const text = (name: string, label: string, maxLength = 1000): FieldDef => ({ kind: 'text', name, label, required: false, maxLength, multiline: true });

export const reasonKey = (code: string) => `closure.reason_${code.replaceAll('-', '_')}`;

export const reasonForm: Form = {
  kind: 'form',
  title: 'closure.reasonTitle',
  submitLabel: 'closure.endSubmit',
  fields: [
    { kind: 'select', name: 'reason', label: 'closure.reasonLabel', required: true, options: REASON_CODES.map((c) => ({ value: c, label: reasonKey(c) })) },
    { kind: 'text', name: 'note', label: 'closure.noteLabel', required: false, maxLength: 300, hint: 'closure.noteHint' },
  ],
};

export function reflectionForm(role: 'mentor' | 'mentee'): Form {
  const fields =
    role === 'mentee'
      ? [text('achieved', 'closure.menteeAchieved'), text('takeWith', 'closure.menteeTakeWith'), text('next', 'closure.menteeNext')]
      : [text('learned', 'closure.mentorLearned'), text('differently', 'closure.mentorDifferently')];
  return { kind: 'form', title: 'closure.reflectionTitle', submitLabel: 'closure.save', fields };
}

export const SURVEY_RATINGS = ['1', '2', '3', '4', '5'] as const;
export const RECOMMEND = ['yes', 'no', 'unsure'] as const;

export const surveyForm: Form = {
  kind: 'form',
  title: 'closure.surveyTitle',
  submitLabel: 'closure.send',
  fields: [
    { kind: 'select', name: 'overall', label: 'closure.surveyOverall', required: true, options: SURVEY_RATINGS.map((r) => ({ value: r, label: `closure.rating${r}` })) },
    { kind: 'select', name: 'recommend', label: 'closure.surveyRecommend', required: true, options: RECOMMEND.map((r) => ({ value: r, label: `closure.recommend_${r}` })) },
    { ...text('valuable', 'closure.surveyValuable', 500), hint: 'closure.forCoordinators' } as FieldDef,
    { ...text('change', 'closure.surveyChange', 500), hint: 'closure.forCoordinators' } as FieldDef,
    { kind: 'select', name: 'stayInTouch', label: 'closure.surveyStay', required: true, options: [{ value: 'yes', label: 'closure.stayYes' }, { value: 'no', label: 'closure.stayNo' }], hint: 'closure.stayHint' },
  ],
};

export const OUTCOMES = ['interview', 'offer', 'job', 'contacts', 'education'] as const;
/** The outcomes that come in numbers; a job or an education started is a yes. */
export const COUNTED = { interview: 'interviews', offer: 'offers', contacts: 'contactsCount' } as const;

export const outcomesForm: Form = {
  kind: 'form',
  title: 'closure.outcomesTitle',
  submitLabel: 'closure.send',
  fields: [
    { kind: 'multiselect', name: 'happened', label: 'closure.outcomesHappened', required: false, max: OUTCOMES.length, options: OUTCOMES.map((o) => ({ value: o, label: `closure.outcome_${o}` })) },
    { kind: 'number', name: 'interviews', label: 'closure.outcomesInterviews', required: false, min: 0, max: 200 },
    { kind: 'number', name: 'offers', label: 'closure.outcomesOffers', required: false, min: 0, max: 50 },
    { kind: 'number', name: 'contactsCount', label: 'closure.outcomesContacts', required: false, min: 0, max: 500 },
  ],
};

export type FormValues = Record<string, string | number | string[] | null>;

/** The checked values of a submitted form, or the outcome that leaves the question open with each field's error. */
export function checkForm(turn: Turn, input: Form, answer: QuestionAnswer): { values: FormValues } | { outcome: QuestionOutcome } {
  const v = validateAnswer(input, answer, (o) => optionLabel(o, turn.t));
  if (v.ok) return { values: v.value as FormValues };
  turn.say(v.error);
  const fieldErrors = Object.fromEntries(Object.entries(v.fieldErrors ?? {}).map(([k, m]) => [k, turn.t(m.key, m.params)]));
  return { outcome: { status: 'invalid', fieldErrors } };
}
