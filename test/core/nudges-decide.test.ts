/**
 * The nudge rules, decided in memory from facts (decide.ts): who is reminded of what, once a week
 * at most, never while paused or in quiet hours, and when silence goes to the coordinators.
 */
import { describe, expect, it } from 'vitest';
import { decideNudges } from '../../src/core/features/nudges/decide.js';
import type { MemberFact, NudgeFacts, PairFact } from '../../src/core/features/nudges/ports.js';
import { WORKSHOP_MODULE as WORKSHOP } from '../../src/core/features/training/ports.js';
import { allowedAt, DEFAULT_QUIET, isoWeek, parseDay } from '../../src/core/features/nudges/time.js';

const DAY = 86_400_000;
// A Tuesday, 10:00 in Oslo (summer time), 12:30 in Kabul.
const NOW = new Date('2026-09-01T08:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

const mentor: MemberFact = { membershipId: 'm-ola', personId: 'ola', programmeId: 'prog', role: 'mentor', timeZone: 'Asia/Kabul' };
const mentee: MemberFact = { membershipId: 'm-amina', personId: 'amina', programmeId: 'prog', role: 'mentee', timeZone: 'Europe/Oslo' };
const pair = (p: Partial<PairFact> = {}): PairFact => ({
  matchId: 'match-1', programmeId: 'prog', mentorMembershipId: 'm-ola', menteeMembershipId: 'm-amina', startedAt: ago(10),
  lastHeldAt: null, nextMeetingAt: null, agreedFrequency: null, hasConfirmedAgreement: true, newestAgreementStatus: 'confirmed', partsDone: ['mentor', 'mentee'], ...p,
});
const facts = (f: Partial<NudgeFacts> = {}): NudgeFacts => ({
  programmes: [{ id: 'prog', meetingFrequency: 'biweekly', trainingRequired: false, quiet: DEFAULT_QUIET }],
  members: [mentor, mentee], pairs: [pair()], waiting: [], training: [], reflecting: [], pauses: [], lastNudges: [], lastInbound: [], stalls: [], ...f,
});
const codes = (plan: ReturnType<typeof decideNudges>, personId: string) => plan.nudges.find((n) => n.personId === personId)?.items.map((i) => i.code) ?? [];

describe('what a nudge lists', () => {
  it('asks the mentee to propose a meeting when none is planned within the interval, and nobody else', () => {
    const plan = decideNudges(facts(), NOW);
    expect(codes(plan, 'amina')).toEqual(['proposeMeeting']);
    expect(codes(plan, 'ola')).toEqual([]);
    // A meeting planned within the two weeks: nothing for her; one planned later than that: still nudged.
    expect(codes(decideNudges(facts({ pairs: [pair({ nextMeetingAt: new Date(NOW.getTime() + 5 * DAY) })] }), NOW), 'amina')).toEqual([]);
    expect(codes(decideNudges(facts({ pairs: [pair({ nextMeetingAt: new Date(NOW.getTime() + 20 * DAY) })] }), NOW), 'amina')).toEqual(['proposeMeeting']);
  });

  it('uses the agreed frequency over the programme’s', () => {
    const monthly = pair({ agreedFrequency: 'monthly', nextMeetingAt: new Date(NOW.getTime() + 20 * DAY) });
    expect(codes(decideNudges(facts({ pairs: [monthly] }), NOW), 'amina')).toEqual([]);
  });

  it('asks the mentor to follow up after twice the interval without a held meeting, and raises the stall once', () => {
    const stalled = pair({ startedAt: ago(60), lastHeldAt: ago(29) });
    const plan = decideNudges(facts({ pairs: [stalled] }), NOW);
    expect(plan.nudges.find((n) => n.personId === 'ola')?.items).toEqual([{ code: 'followUp', count: 1, matchId: 'match-1', days: 29 }]);
    expect(plan.stalls).toEqual([{ matchId: 'match-1', programmeId: 'prog', membershipId: 'm-ola', since: ago(29) }]);
    expect(decideNudges(facts({ pairs: [stalled], stalls: [{ matchId: 'match-1', since: ago(29) }] }), NOW).stalls).toEqual([]);
    // 27 days is less than twice two weeks: no follow-up yet.
    expect(codes(decideNudges(facts({ pairs: [pair({ startedAt: ago(60), lastHeldAt: ago(27) })] }), NOW), 'ola')).toEqual([]);
  });

  it('lists waiting questions, an unanswered part of the agreement, a reflection left and training left', () => {
    const plan = decideNudges(
      facts({
        pairs: [pair({ nextMeetingAt: new Date(NOW.getTime() + DAY), hasConfirmedAgreement: false, newestAgreementStatus: 'draft', partsDone: ['mentee'] })],
        programmes: [{ id: 'prog', meetingFrequency: 'biweekly', trainingRequired: true, quiet: DEFAULT_QUIET }],
        waiting: [
          { personId: 'amina', programmeId: 'prog', kind: 'reflections.meeting-rating', count: 2 },
          { personId: 'amina', programmeId: 'prog', kind: 'meetings.respond-proposal', count: 1 },
          { personId: 'amina', programmeId: 'prog', kind: 'reflections.prepare-offer', count: 1 },
        ],
        reflecting: [{ personId: 'amina', programmeId: 'prog' }],
        training: [{ membershipId: 'm-amina', moduleIds: [WORKSHOP] }, { membershipId: 'm-ola', moduleIds: ['roles'] }],
      }),
      NOW,
    );
    expect(plan.nudges.find((n) => n.personId === 'amina')?.items).toEqual([
      { code: 'meeting', count: 1 },
      { code: 'rating', count: 2 },
      { code: 'reflection', count: 1 },
    ]);
    expect(codes(plan, 'ola')).toEqual(['agreement', 'training']);
  });

  it('forgets people who left and pairs whose people left', () => {
    const plan = decideNudges(facts({ members: [mentor] }), NOW);
    expect(plan.nudges).toEqual([]);
  });
});

describe('when a nudge goes', () => {
  it('at most once a week, never while paused', () => {
    expect(decideNudges(facts({ lastNudges: [{ personId: 'amina', sentAt: ago(6), answeredAt: null, ignoredBefore: 0 }] }), NOW).nudges).toEqual([]);
    expect(codes(decideNudges(facts({ lastNudges: [{ personId: 'amina', sentAt: ago(7), answeredAt: null, ignoredBefore: 0 }] }), NOW), 'amina')).toEqual(['proposeMeeting']);
    expect(decideNudges(facts({ pauses: [{ personId: 'amina', until: new Date(NOW.getTime() + 1) }] }), NOW).nudges).toEqual([]);
  });

  it('in each reader’s own daytime: Oslo and Kabul', () => {
    // 19:00 UTC: 21:00 in Oslo (quiet), 23:30 in Kabul (quiet); 04:00 UTC: 06:00 Oslo (quiet), 08:30 Kabul (allowed).
    expect(allowedAt(new Date('2026-09-01T19:00:00Z'), 'Europe/Oslo', DEFAULT_QUIET)).toBe(false);
    expect(allowedAt(new Date('2026-09-01T18:59:00Z'), 'Europe/Oslo', DEFAULT_QUIET)).toBe(true);
    expect(allowedAt(new Date('2026-09-01T04:00:00Z'), 'Europe/Oslo', DEFAULT_QUIET)).toBe(false);
    expect(allowedAt(new Date('2026-09-01T04:00:00Z'), 'Asia/Kabul', DEFAULT_QUIET)).toBe(true);
    expect(allowedAt(new Date('2026-09-01T04:00:00Z'), 'Not/AZone', DEFAULT_QUIET)).toBe(false);
    const stalled = pair({ startedAt: ago(60) });
    const early = new Date('2026-09-01T04:00:00Z');
    const plan = decideNudges(facts({ pairs: [stalled] }), early);
    expect(plan.nudges.map((n) => n.personId)).toEqual(['ola']);
    expect(plan.held.quiet).toBe(1);
  });

  it('keeps weekends quiet where the programme says so', () => {
    const saturday = new Date('2026-09-05T10:00:00Z');
    expect(allowedAt(saturday, 'Europe/Oslo', DEFAULT_QUIET)).toBe(true);
    expect(allowedAt(saturday, 'Europe/Oslo', { ...DEFAULT_QUIET, quietWeekends: true })).toBe(false);
    const quiet = { ...DEFAULT_QUIET, quietWeekends: true };
    expect(decideNudges(facts({ programmes: [{ id: 'prog', meetingFrequency: 'biweekly', trainingRequired: false, quiet }] }), saturday).nudges).toEqual([]);
  });

  it('counts ignored nudges: the one after the third ignored tells the coordinators', () => {
    const last = (ignoredBefore: number, answeredAt: Date | null = null) => ({ personId: 'amina', sentAt: ago(7), answeredAt, ignoredBefore });
    const amina = (f: Partial<NudgeFacts>) => decideNudges(facts(f), NOW).nudges.find((n) => n.personId === 'amina');
    expect(amina({ lastNudges: [last(1)] })).toMatchObject({ ignoredBefore: 2, escalateIgnored: false });
    expect(amina({ lastNudges: [last(2)] })).toMatchObject({ ignoredBefore: 3, escalateIgnored: true });
    expect(amina({ lastNudges: [last(3)] })).toMatchObject({ ignoredBefore: 4, escalateIgnored: false });
    // A click on it, or any message to the bot since, and it was not ignored.
    expect(amina({ lastNudges: [last(2, ago(6))] })).toMatchObject({ ignoredBefore: 0, escalateIgnored: false });
    expect(amina({ lastNudges: [last(2)], lastInbound: [{ personId: 'amina', at: ago(3) }] })).toMatchObject({ ignoredBefore: 0 });
  });
});

describe('time helpers', () => {
  it('keys weeks in UTC and reads dates people type', () => {
    expect(isoWeek(new Date('2026-09-01T08:00:00Z'))).toBe('2026-W36');
    expect(isoWeek(new Date('2027-01-01T08:00:00Z'))).toBe('2026-W53');
    expect(parseDay('24.12.2026', 'Europe/Oslo', NOW)?.toISOString()).toBe('2026-12-23T23:00:00.000Z');
    expect(parseDay('til 24.12.', 'Europe/Oslo', NOW)?.toISOString()).toBe('2026-12-23T23:00:00.000Z');
    expect(parseDay('until 2026-10-01', 'Asia/Kabul', NOW)?.toISOString()).toBe('2026-09-30T19:30:00.000Z');
    expect(parseDay('3.1.', 'Europe/Oslo', NOW)?.toISOString()).toBe('2027-01-02T23:00:00.000Z');
    expect(parseDay('soon', 'Europe/Oslo', NOW)).toBeNull();
    expect(parseDay('31.02.2027', 'Europe/Oslo', NOW)).toBeNull();
  });
});
