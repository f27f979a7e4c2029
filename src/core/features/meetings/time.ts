/**
 * A meeting's time as people write it (a date, a time of day, in their own time zone) and as it
 * is stored (an instant). Luxon does the zone arithmetic, so 10:00 in Oslo is 09:00 UTC in winter
 * and 08:00 UTC in summer. The times offered are half-hour steps from 07:00 to 21:30: no platform
 * has a time field, a select works on all of them, and no clock change happens in those hours.
 */
import { DateTime } from 'luxon';
import type { OptionDef } from '../../engine/types.js';

export const TIMES: readonly string[] = Array.from({ length: 30 }, (_, i) => `${String(7 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);
export const LENGTHS = [30, 45, 60, 90, 120] as const;
export const MODES = ['in-person', 'online'] as const;

export const timeOptions: OptionDef[] = TIMES.map((t) => ({ value: t, label: t, literal: true }));

/** A date (YYYY-MM-DD) and a time (HH:MM) in `zone` as an instant; null when either is not one. */
export function toInstant(date: string, time: string, zone: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const at = DateTime.fromObject({ year: Number(d[1]), month: Number(d[2]), day: Number(d[3]), hour: Number(t[1]), minute: Number(t[2]) }, { zone });
  return at.isValid ? at.toJSDate() : null;
}

/** An instant as the date and time a person in `zone` reads (a form's prefilled values). */
export function localParts(at: Date, zone: string): { date: string; time: string } {
  const local = DateTime.fromJSDate(at, { zone });
  return { date: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}

/** The instant as a luxon time in the reader's zone (for the calendar file). */
export const inZone = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone });

export const endOf = (m: { startsAt: Date; minutes: number }) => new Date(m.startsAt.getTime() + m.minutes * 60_000);
