/**
 * The seeds' questions ("Learning and evaluation in meetings") as forms: before a meeting each
 * side prepares, after it each side reflects, mentee and mentor with their own questions. Every
 * field is optional (a person reading their third language answers what they can), but an empty
 * form saves nothing.
 */
import type { AnswerValue } from '../../domain.js';
import type { FieldDef, InputDef } from '../../engine/types.js';
import type { PairRole } from '../journey/guide-pairs.js';
import type { ReflectionKind } from './ports.js';

const TEXT_MAX = 1500;

export const FIELDS: Record<ReflectionKind, Record<PairRole, readonly string[]>> = {
  preparation: { mentee: ['standsOut', 'goalWork', 'wentWell', 'difficult'], mentor: ['standsOut', 'goalLast'] },
  reflection: { mentee: ['useful', 'focus', 'workOn'], mentor: ['interested', 'learningPoints', 'aboutMyself'] },
};

const field = (name: string): FieldDef => ({ kind: 'text', name, label: `reflections.f_${name}`, required: false, maxLength: TEXT_MAX, multiline: true });

/** One side's questions for a preparation or a reflection. */
export function questionsForm(kind: ReflectionKind, role: PairRole): InputDef {
  const names = FIELDS[kind][role];
  return {
    kind: 'form',
    title: `reflections.${kind}Title`,
    submitLabel: 'reflections.save',
    fields: names.map(field),
    check: (values) => (Object.keys(wordsOf(values, names)).length === 0 ? { [names[0] as string]: 'reflections.atLeastOne' } : null),
  };
}

/** The mentee's summary for her mentor (where their agreement says so). */
export const summaryForm: InputDef = {
  kind: 'form',
  title: 'reflections.summaryTitle',
  submitLabel: 'reflections.send',
  fields: [{ kind: 'text', name: 'summary', label: 'reflections.f_summary', required: true, maxLength: TEXT_MAX, multiline: true, hint: 'reflections.summaryHint' }],
};

/** A submitted form's non-empty answers, trimmed, only the fields asked. */
export function wordsOf(values: Record<string, AnswerValue> | undefined, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = values?.[name];
    if (typeof value === 'string' && value.trim() !== '') out[name] = value.trim();
  }
  return out;
}

/** A form answer in the run, as values (anything else: none). */
export const formValues = (answer: AnswerValue | undefined): Record<string, AnswerValue> =>
  answer && typeof answer === 'object' && !Array.isArray(answer) ? (answer as Record<string, AnswerValue>) : {};
