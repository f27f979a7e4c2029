/**
 * The check-in cadence, pure: MENTOR's Elements of Effective Practice ask for a contact with
 * mentor and mentee within the first two weeks of the pair starting, twice in the first month
 * and monthly after. By default: day 7 (answerable for a week, so still inside the first two
 * weeks), day 28, then 2, 3, … months after the start, each at 10:00 in the mentee's time zone.
 * A programme may move the first two days and space the later ones (checkins/settings.ts). The
 * contact after the first meeting (the seeds' phone round) is not part of this chain: the
 * meetings feature starts it (schedule.ts, firstMeetingHeld).
 */
import { zonedMoment } from '../matching/cohort-reveal.js';
import type { CheckInKind, CheckInSettings } from './ports.js';

export const DEFAULT_CHECK_IN_SETTINGS: Omit<CheckInSettings, 'programmeId'> = { firstDay: 7, secondDay: 28, everyMonths: 1, afterFirstMeeting: true };
export const SETTING_LIMITS = { firstDay: { min: 1, max: 14 }, secondDay: { min: 2, max: 31 }, everyMonths: { min: 1, max: 3 } };
/** A contact that would fall this close to the pair's year end is left to the closing instead. */
export const YEAR_END_MARGIN_DAYS = 7;
const LOCAL_TIME = '10:00';
const DAY_MS = 86_400_000;

/** One contact of the chain: its kind and which of its kind (the n-th monthly one). */
export interface Contact {
  kind: Exclude<CheckInKind, 'after-first-meeting'>;
  round: number;
}

export const FIRST_CONTACT: Contact = { kind: 'first-two-weeks', round: 1 };

/** The contact after `c` in the chain. */
export function nextContact(c: Contact): Contact {
  if (c.kind === 'first-two-weeks') return { kind: 'first-month', round: 1 };
  if (c.kind === 'first-month') return { kind: 'monthly', round: 1 };
  return { kind: 'monthly', round: c.round + 1 };
}

/** Position in the chain, for "which came last". */
export const contactOrder = (c: Contact) => (c.kind === 'first-two-weeks' ? 0 : c.kind === 'first-month' ? 1 : 1 + c.round);

/** The calendar date (YYYY-MM-DD) of `at` in `zone`. */
export function localDate(at: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  return parts.slice(0, 10);
}

/** `date` (YYYY-MM-DD) moved by days and months, on the calendar (the 31st of a short month is its last day). */
export function addToDate(date: string, days: number, months = 0): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const monthIndex = m - 1 + months;
  const lastDay = new Date(Date.UTC(y, monthIndex + 1, 0)).getUTCDate();
  const moved = new Date(Date.UTC(y, monthIndex, Math.min(d, lastDay)) + days * DAY_MS);
  return moved.toISOString().slice(0, 10);
}

/** When contact `c` is due for a pair that started at `startedAt`, at 10:00 in `zone`. */
export function dueAt(settings: Omit<CheckInSettings, 'programmeId'>, startedAt: Date, zone: string, c: Contact): Date {
  const start = localDate(startedAt, zone);
  const date =
    c.kind === 'first-two-weeks'
      ? addToDate(start, settings.firstDay)
      : c.kind === 'first-month'
        ? addToDate(start, Math.max(settings.secondDay, settings.firstDay + 1))
        : addToDate(start, 0, 1 + c.round * settings.everyMonths);
  return zonedMoment(date, LOCAL_TIME, zone);
}

/** The day after `at`, at 10:00 in `zone`: when the after-first-meeting contact is made. */
export const dayAfter = (at: Date, zone: string) => zonedMoment(addToDate(localDate(at, zone), 1), LOCAL_TIME, zone);

/** Whether a contact due at `due` still fits before the pair's year end. */
export const beforeYearEnd = (due: Date, yearEnd: Date) => due.getTime() <= yearEnd.getTime() - YEAR_END_MARGIN_DAYS * DAY_MS;
