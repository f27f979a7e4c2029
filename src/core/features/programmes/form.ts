/**
 * The programme's details form, one definition for creating and editing, so both ask the same
 * and check the same (lengths, real dates, the end after the start).
 */
import type { AnswerValue, MeetingFrequency } from '../../domain.js';
import type { InputDef } from '../../engine/types.js';
import { FREQUENCY_OPTIONS } from '../../options.js';
import type { ProgrammeDetails } from './ports.js';

export function programmeForm(title: string, submitLabel: string, initial?: Record<string, string>): InputDef {
  return {
    kind: 'form',
    title,
    submitLabel,
    fields: [
      { kind: 'text', name: 'name', label: 'programme.name', required: true, maxLength: 100 },
      { kind: 'text', name: 'purpose', label: 'programme.purpose', required: true, maxLength: 1000, multiline: true, hint: 'programme.purposeHint' },
      { kind: 'date', name: 'startsOn', label: 'programme.startsOn', required: true },
      { kind: 'date', name: 'endsOn', label: 'programme.endsOn', required: true },
      { kind: 'select', name: 'meetingFrequency', label: 'programme.meetingFrequency', required: true, options: FREQUENCY_OPTIONS },
    ],
    check: (v) => (String(v.endsOn) <= String(v.startsOn) ? { endsOn: 'errors.endBeforeStart' } : null),
    ...(initial ? { initial } : {}),
  };
}

/** The form's answer (already validated by the engine) as the programme's details. */
export function detailsFrom(answer: AnswerValue | undefined): ProgrammeDetails {
  const o = answer && typeof answer === 'object' && !Array.isArray(answer) ? answer : {};
  return {
    name: String(o.name ?? ''),
    purpose: String(o.purpose ?? ''),
    startsOn: String(o.startsOn ?? ''),
    endsOn: String(o.endsOn ?? ''),
    meetingFrequency: String(o.meetingFrequency ?? 'biweekly') as MeetingFrequency,
  };
}

/** What is stored, as the form's initial values (editing shows it in every input). */
export function formValues(details: ProgrammeDetails): Record<string, string> {
  return { name: details.name, purpose: details.purpose, startsOn: details.startsOn, endsOn: details.endsOn, meetingFrequency: details.meetingFrequency };
}
