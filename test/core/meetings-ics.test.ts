/**
 * The calendar file: the instant under TZID is the meeting's, in Oslo's winter and summer time and
 * for a reader in London; DTSTAMP is UTC with Z; UID is stable and SEQUENCE follows the meeting;
 * a cancelled meeting is METHOD:CANCEL / STATUS:CANCELLED; the VTIMEZONE names the zone asked for.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { meetingIcs } from '../../src/core/features/meetings/ics.js';
import type { Meeting } from '../../src/core/features/meetings/ports.js';

const NOW = new Date('2026-09-01T08:00:00Z');
const meeting = (startsAt: string, patch: Partial<Meeting> = {}): Meeting => ({
  id: 'm1', organisationId: 'o', programmeId: 'p', matchId: 'x', startsAt: new Date(startsAt), minutes: 90, mode: 'in-person', place: 'Café; Oslo, 2nd floor', status: 'planned', sequence: 0,
  proposedById: 'a', loggedById: null, loggedAt: null, confirmedById: null, confirmedAt: null, cancelledById: null, createdAt: NOW, updatedAt: NOW, ...patch,
});

/** The unfolded lines of an .ics, as name (with parameters) → value, first occurrence. */
function parse(ics: string): { lines: string[]; get(name: string): string | undefined } {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  // Calendar-level names (METHOD) from the top; the event's own from its BEGIN (VTIMEZONE has DTSTARTs too).
  const event = lines.slice(lines.indexOf('BEGIN:VEVENT'));
  const find = (from: string[], name: string) => from.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
  return { lines, get: (name) => (name === 'METHOD' ? find(lines, name) : find(event, name)) };
}

/** The instant a DTSTART;TZID=zone:YYYYMMDDTHHMMSS line means. */
function instant(line: string): Date {
  const m = /^DT(?:START|END);TZID=([^:]+):(\d{8}T\d{6})$/.exec(line);
  if (!m) throw new Error(`not a zoned time: ${line}`);
  return DateTime.fromFormat(m[2] as string, "yyyyMMdd'T'HHmmss", { zone: m[1] as string }).toJSDate();
}

const text = { summary: 'Mentoring meeting with Ola', description: 'Your meeting' };

describe('the meeting calendar file', () => {
  it.each([
    ['Oslo, winter time', '2026-11-10T09:00:00Z', 'Europe/Oslo', '20261110T100000'],
    ['Oslo, summer time', '2027-06-15T08:00:00Z', 'Europe/Oslo', '20270615T100000'],
    ['London reader of the same Oslo summer meeting', '2027-06-15T08:00:00Z', 'Europe/London', '20270615T090000'],
  ])('%s: local digits under TZID and the same instant', (_name, at, zone, digits) => {
    const ics = parse(meetingIcs(meeting(at), zone, NOW, text));
    const start = ics.get('DTSTART') as string;
    expect(start).toBe(`DTSTART;TZID=${zone}:${digits}`);
    expect(instant(start).toISOString()).toBe(new Date(at).toISOString());
    expect(instant(ics.get('DTEND') as string).getTime() - instant(start).getTime()).toBe(90 * 60_000);
    // The zone's rules, under the zone's own name (not Europe/Berlin for Oslo).
    expect(ics.lines.filter((l) => l.startsWith('TZID:'))).toEqual([`TZID:${zone}`]);
    expect(ics.lines.indexOf('BEGIN:VTIMEZONE')).toBeLessThan(ics.lines.indexOf('BEGIN:VEVENT'));
  });

  it('DTSTAMP is UTC with Z, from the given clock; UID stable, SEQUENCE the meeting\'s; texts escaped', () => {
    const ics = parse(meetingIcs(meeting('2026-11-10T09:00:00Z', { sequence: 3 }), 'Europe/Oslo', NOW, text));
    expect(ics.get('DTSTAMP')).toBe('DTSTAMP:20260901T080000Z');
    expect(ics.get('UID')).toBe('UID:m1@mentor-bridge');
    expect(ics.get('SEQUENCE')).toBe('SEQUENCE:3');
    expect(ics.get('METHOD')).toBe('METHOD:PUBLISH');
    expect(ics.get('STATUS')).toBe('STATUS:CONFIRMED');
    expect(ics.get('LOCATION')).toBe('LOCATION:Café\\; Oslo\\, 2nd floor');
  });

  it('a cancelled meeting cancels the same event', () => {
    const ics = parse(meetingIcs(meeting('2026-11-10T09:00:00Z', { status: 'cancelled', sequence: 2 }), 'Europe/Oslo', NOW, text));
    expect(ics.get('METHOD')).toBe('METHOD:CANCEL');
    expect(ics.get('STATUS')).toBe('STATUS:CANCELLED');
    expect(ics.get('UID')).toBe('UID:m1@mentor-bridge');
    expect(ics.get('SEQUENCE')).toBe('SEQUENCE:2');
  });
});
