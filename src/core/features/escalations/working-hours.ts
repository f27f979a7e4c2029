/**
 * Working hours for re-escalation: "unacknowledged after 24 working hours" counts only Monday to
 * Friday 08:00–16:00 in the coordinators' zone, so a card raised on Friday afternoon is not sent
 * again on Saturday night to nobody, and a clock change moves the working day with the wall clock
 * (luxon does the zone arithmetic). Pure: no clock, no IO.
 */
import { DateTime } from 'luxon';

export const DAY_STARTS = 8;
export const DAY_ENDS = 16;
export const DEFAULT_ZONE = 'Europe/Oslo';
export const DEFAULT_HOURS = 24;

const isWorkday = (d: DateTime) => d.weekday <= 5;
const at = (d: DateTime, hour: number) => d.set({ hour, minute: 0, second: 0, millisecond: 0 });

/** The first working moment at or after `d` (itself when it is within a working day). */
function nextWorkingMoment(d: DateTime): DateTime {
  let day = d;
  for (;;) {
    if (isWorkday(day) && day < at(day, DAY_ENDS)) return DateTime.max(day, at(day, DAY_STARTS));
    day = at(day.plus({ days: 1 }), DAY_STARTS);
  }
}

/** The instant `hours` working hours after `start`, in `zone` (an unknown zone counts in Oslo's). */
export function addWorkingHours(start: Date, hours: number, zone: string = DEFAULT_ZONE): Date {
  let z = DateTime.fromJSDate(start, { zone });
  if (!z.isValid) z = DateTime.fromJSDate(start, { zone: DEFAULT_ZONE });
  let left = Math.max(0, hours) * 60;
  let now = nextWorkingMoment(z);
  for (;;) {
    const untilEnd = at(now, DAY_ENDS).diff(now, 'minutes').minutes;
    if (left <= untilEnd) return now.plus({ minutes: left }).toJSDate();
    left -= untilEnd;
    now = nextWorkingMoment(at(now.plus({ days: 1 }), DAY_STARTS));
  }
}
