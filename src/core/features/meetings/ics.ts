/**
 * The calendar file (.ics) for one reader of a meeting, in their time zone. ical-generator
 * writes the event; the choices that make calendars treat it right are here:
 * - start and end are luxon times in the reader's zone, so the digits under TZID are local
 *   (a plain Date would be written as UTC digits under the TZID);
 * - the zone is set on the event only: with a calendar-level zone ical-generator writes DTSTAMP
 *   in local time without the Z RFC 5545 requires; the VTIMEZONE is added here instead, from
 *   timezones-ical-library, its TZID renamed to the zone asked for (the library answers
 *   Europe/Oslo, a link, with Europe/Berlin's block and name);
 * - UID `<meetingId>@mentor-bridge` and SEQUENCE (up with every change), so a calendar updates
 *   its one event; a cancelled meeting is METHOD:CANCEL with STATUS:CANCELLED;
 * - DTSTAMP is the unit's clock, never the machine's.
 * Texts come in already translated; nothing private goes in (no reflection, no note).
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { Meeting } from './ports.js';
import { endOf, inZone } from './time.js';

export interface IcsText {
  summary: string;
  description: string;
}

export function meetingIcs(meeting: Meeting, zone: string, now: Date, text: IcsText): string {
  const cancelled = meeting.status === 'cancelled';
  const calendar = ical({ prodId: { company: 'mentor-bridge', product: 'mentor-bridge', language: 'EN' }, method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH });
  calendar.createEvent({
    id: `${meeting.id}@mentor-bridge`,
    sequence: meeting.sequence,
    stamp: now,
    start: inZone(meeting.startsAt, zone),
    end: inZone(endOf(meeting), zone),
    timezone: zone,
    summary: text.summary,
    description: text.description,
    ...(meeting.place ? { location: meeting.place } : {}),
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return withTimezone(calendar.toString(), zone);
}

/** The VTIMEZONE block for `zone`, named as asked, before the first event. */
function withTimezone(ics: string, zone: string): string {
  const found = tzlib_get_ical_block(zone);
  const block = Array.isArray(found) ? found[0] : undefined;
  if (!block) return ics; // UTC or an unknown zone: the TZID still names it, clients know the common ones
  const named = block.replace(/^TZID:.*$/m, `TZID:${zone}`).replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${zone}`);
  return ics.replace('BEGIN:VEVENT', `${named}\r\nBEGIN:VEVENT`);
}

/** The file as a message part carries it. */
export function icsFile(ics: string): { name: string; mediaType: string; data: string } {
  return { name: 'meeting.ics', mediaType: 'text/calendar', data: Buffer.from(ics, 'utf8').toString('base64') };
}
