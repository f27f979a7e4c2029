/**
 * When a nudge may arrive: the reader's local time against the programme's quiet hours (nights,
 * and weekends where the programme says so), and the keys that make planning idempotent (the UTC
 * hour of a run, the ISO week of a nudge). Luxon does the zone arithmetic, so a mentor in Kabul
 * (UTC+4:30) and a mentee in Oslo each get theirs in their own daytime.
 */
import { DateTime } from 'luxon';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
export const DEFAULT_ZONE = 'Europe/Oslo';

export interface Quiet {
  /** Local hour (0–23) the night starts. */
  quietFrom: number;
  /** Local hour (0–23) the day starts again. */
  quietTo: number;
  quietWeekends: boolean;
}

export const DEFAULT_QUIET: Quiet = { quietFrom: 21, quietTo: 8, quietWeekends: false };

/** The instant in `zone`, or in Oslo when the stored zone is not one luxon knows. */
export function localTime(at: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(at, { zone });
  return local.isValid ? local : DateTime.fromJSDate(at, { zone: DEFAULT_ZONE });
}

/** Whether a reader in `zone` may get a nudge at `at` under `quiet`. */
export function allowedAt(at: Date, zone: string, quiet: Quiet): boolean {
  const local = localTime(at, zone);
  if (quiet.quietWeekends && local.weekday >= 6) return false;
  const { quietFrom: from, quietTo: to } = quiet;
  if (from === to) return true; // no night at all
  const night = from > to ? local.hour >= from || local.hour < to : local.hour >= from && local.hour < to;
  return !night;
}

/** "2026-W36": the ISO week of `at` in UTC (a nudge's uniqueness per person). */
export function isoWeek(at: Date): string {
  return DateTime.fromJSDate(at, { zone: 'utc' }).toFormat("kkkk-'W'WW");
}

/** "2026-09-01T08": the UTC hour of `at` (the planner's job key). */
export function hourKey(at: Date): string {
  return DateTime.fromJSDate(at, { zone: 'utc' }).toFormat("yyyy-MM-dd'T'HH");
}

/** The start of the UTC hour after `at`. */
export function nextHour(at: Date): Date {
  return new Date((Math.floor(at.getTime() / HOUR) + 1) * HOUR);
}

/**
 * A date a person typed ("2026-12-24", "24.12.2026", "24.12.", "24/12") as the start of that day
 * in their zone; null when it is not a date. A day without a year is the next one to come.
 */
export function parseDay(text: string, zone: string, now: Date): Date | null {
  const s = text.trim().replace(/^(until|till|to|til|fram til|frem til)\s+/i, '');
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const dmy = /^(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4})?)?\.?$/.exec(s);
  const parts = iso ? { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) } : dmy ? { day: Number(dmy[1]), month: Number(dmy[2]), year: dmy[3] ? Number(dmy[3].length === 2 ? `20${dmy[3]}` : dmy[3]) : null } : null;
  if (!parts) return null;
  const today = localTime(now, zone).startOf('day');
  const at = (year: number) => DateTime.fromObject({ year, month: parts.month, day: parts.day }, { zone: today.zoneName ?? DEFAULT_ZONE });
  let day = at(parts.year ?? today.year);
  if (!day.isValid) return null;
  if (parts.year === null && day < today) day = at(today.year + 1);
  return day.toJSDate();
}
