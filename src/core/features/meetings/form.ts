/**
 * The meeting forms: planning (date, time, length, in person or online, place or link) and
 * logging one that happened (no place). Times are the person's own (their time zone); a planned
 * time must be ahead, a logged one behind, checked against the unit's clock and shown beside the
 * date (or the time, when the date is today) with nothing stored.
 */
import type { AnswerValue } from '../../domain.js';
import type { FieldDef, InputDef } from '../../engine/types.js';
import type { Meeting, MeetingMode } from './ports.js';
import { LENGTHS, localParts, MODES, timeOptions, toInstant } from './time.js';

export const PLACE_MAX = 300;

export interface MeetingValues {
  startsAt: Date;
  minutes: number;
  mode: MeetingMode;
  place: string | null;
}

const fields = (withPlace: boolean): FieldDef[] => [
  { kind: 'date', name: 'date', label: 'meetings.f_date', required: true },
  { kind: 'select', name: 'time', label: 'meetings.f_time', required: true, options: timeOptions, hint: 'meetings.timeHint' },
  { kind: 'select', name: 'minutes', label: 'meetings.f_minutes', required: true, options: LENGTHS.map((n) => ({ value: String(n), label: `meetings.min${n}` })) },
  { kind: 'select', name: 'mode', label: 'meetings.f_mode', required: true, options: MODES.map((m) => ({ value: m, label: `meetings.mode_${m}` })) },
  ...(withPlace ? [{ kind: 'text', name: 'place', label: 'meetings.f_place', required: false, maxLength: PLACE_MAX, hint: 'meetings.placeHint' } as const] : []),
];

const str = (v: AnswerValue | undefined) => (typeof v === 'string' ? v : '');

/** The submitted values as a meeting's time and place; null when the date and time are no instant. */
export function readValues(values: Record<string, AnswerValue>, zone: string): MeetingValues | null {
  const startsAt = toInstant(str(values.date), str(values.time), zone);
  if (!startsAt) return null;
  const place = str(values.place).trim();
  return { startsAt, minutes: Number(values.minutes), mode: values.mode === 'online' ? 'online' : 'in-person', place: place === '' ? null : place };
}

/** Which field to blame for a time on the wrong side of now: the time when the date is today. */
function wrongSide(values: Record<string, AnswerValue>, zone: string, now: Date, ahead: boolean): Record<string, string> | null {
  const at = readValues(values, zone)?.startsAt;
  if (!at) return { date: 'errors.notADate' };
  if (ahead ? at > now : at <= now) return null;
  const field = str(values.date) === localParts(now, zone).date ? 'time' : 'date';
  return { [field]: ahead ? 'meetings.pastTime' : 'meetings.futureTime' };
}

export function planForm(zone: string, now: Date, initial?: Record<string, string>): InputDef {
  return { kind: 'form', title: 'meetings.formTitle', submitLabel: 'meetings.send', fields: fields(true), ...(initial ? { initial } : {}), check: (v) => wrongSide(v, zone, now, true) };
}

export function logForm(zone: string, now: Date): InputDef {
  return { kind: 'form', title: 'meetings.logFormTitle', submitLabel: 'meetings.logSubmit', fields: fields(false), initial: { minutes: '60', mode: 'in-person' }, check: (v) => wrongSide(v, zone, now, false) };
}

/** A meeting's values as the form shows them to a reader in `zone`. */
export function initialOf(meeting: Meeting, zone: string): Record<string, string> {
  const { date, time } = localParts(meeting.startsAt, zone);
  return { date, time, minutes: String(meeting.minutes), mode: meeting.mode, ...(meeting.place ? { place: meeting.place } : {}) };
}
