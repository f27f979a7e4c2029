/**
 * Who gets a nudge now, and what it lists: pure, from the facts the planner read in bulk, so a
 * whole organisation is decided in memory in milliseconds and every rule is unit-tested.
 *
 * - The mentee, when no meeting is proposed or planned within the pair's agreed interval from
 *   now, is asked to propose one (she takes the initiative).
 * - The mentor, when more than twice the interval has passed since the last held meeting (or the
 *   start), is asked to follow up; the same pair is a stall the coordinators hear of once.
 * - Anyone with an agreement part not answered, a waiting question (agreement, meeting, rating,
 *   closing reflection, match request), a reflection begun and left, or training modules left
 *   (where the programme requires training, or they began it) is reminded.
 * At most one nudge a week per person in all, never while paused, only in allowed local hours.
 */
import type { MeetingFrequency } from '../../domain.js';
import { modulesLeft } from '../training/status.js';
import { addItem, type Item, sortItems, WAITING_KINDS } from './items.js';
import type { MemberFact, NudgeFacts, PairFact, ProgrammeFact } from './ports.js';
import { allowedAt, DAY, type Quiet, WEEK } from './time.js';

const INTERVAL_DAYS: Record<MeetingFrequency, number> = { weekly: 7, biweekly: 14, monthly: 30 };
/** A new pair, agreement or question gets this long before it is nagged about. */
export const GRACE_MS = 2 * DAY;
/** Hourly runs start a few seconds late or early: a week is a week give or take this. */
const WEEK_SLACK_MS = 5 * 60_000;
/** Past the inbox's memory a nudge can no longer be judged ignored. */
const IGNORED_WINDOW_MS = 30 * DAY;
/** The nudge after this many ignored in a row tells the coordinators. */
export const IGNORED_LIMIT = 3;

export interface PlannedNudge {
  personId: string;
  programmeId: string;
  membershipId: string;
  items: Item[];
  /** Nudges right before this one that were ignored. */
  ignoredBefore: number;
  /** This nudge follows the third ignored one: raise 'nudges-ignored'. */
  escalateIgnored: boolean;
}

export interface PlannedStall {
  matchId: string;
  programmeId: string;
  membershipId: string;
  since: Date;
}

export interface NudgePlan {
  nudges: PlannedNudge[];
  stalls: PlannedStall[];
  /** People with something waiting who get nothing now, by why (for the log: counts only). */
  held: { paused: number; thisWeek: number; quiet: number };
}

export function intervalMs(pair: Pick<PairFact, 'agreedFrequency'>, programme: Pick<ProgrammeFact, 'meetingFrequency'>): number {
  const agreed = pair.agreedFrequency as MeetingFrequency | null;
  return (agreed && agreed in INTERVAL_DAYS ? INTERVAL_DAYS[agreed] : (INTERVAL_DAYS[programme.meetingFrequency] ?? 14)) * DAY;
}

interface Waiting {
  members: MemberFact[];
  items: Item[];
}

export function decideNudges(facts: NudgeFacts, now: Date): NudgePlan {
  const t = now.getTime();
  const programmes = new Map(facts.programmes.map((p) => [p.id, p]));
  const members = new Map(facts.members.map((m) => [m.membershipId, m]));
  const byPerson = new Map<string, Waiting>();
  const add = (member: MemberFact | undefined, item: Item) => {
    if (!member) return;
    const entry = byPerson.get(member.personId) ?? { members: [], items: [] };
    if (!entry.members.includes(member)) entry.members.push(member);
    addItem(entry.items, item);
    byPerson.set(member.personId, entry);
  };
  const stalls = pairItems(facts, t, programmes, members, add);
  otherItems(facts, programmes, add);
  return { ...choose(facts, now, byPerson, programmes), stalls };
}

function pairItems(facts: NudgeFacts, t: number, programmes: Map<string, ProgrammeFact>, members: Map<string, MemberFact>, add: (m: MemberFact | undefined, i: Item) => void): PlannedStall[] {
  const raised = new Set(facts.stalls.map((s) => `${s.matchId}|${s.since.getTime()}`));
  const stalls: PlannedStall[] = [];
  for (const pair of facts.pairs) {
    const programme = programmes.get(pair.programmeId);
    const mentor = members.get(pair.mentorMembershipId);
    const mentee = members.get(pair.menteeMembershipId);
    // A pair one of whose people has left is over, whatever its row says.
    if (!programme || !mentor || !mentee) continue;
    const interval = intervalMs(pair, programme);
    const settled = t - pair.startedAt.getTime() >= GRACE_MS;
    if (settled && (pair.nextMeetingAt === null || pair.nextMeetingAt.getTime() - t > interval)) add(mentee, { code: 'proposeMeeting', count: 1, matchId: pair.matchId });
    const since = pair.lastHeldAt && pair.lastHeldAt > pair.startedAt ? pair.lastHeldAt : pair.startedAt;
    if (t - since.getTime() > 2 * interval) {
      add(mentor, { code: 'followUp', count: 1, matchId: pair.matchId, days: Math.floor((t - since.getTime()) / DAY) });
      if (!raised.has(`${pair.matchId}|${since.getTime()}`)) stalls.push({ matchId: pair.matchId, programmeId: pair.programmeId, membershipId: mentor.membershipId, since });
    }
    // Their part of the agreement: not begun, or begun without their part (a proposal waits as a question).
    if (settled && !pair.hasConfirmedAgreement && pair.newestAgreementStatus !== 'proposed') {
      for (const side of [mentor, mentee]) if (!pair.partsDone.includes(side.role)) add(side, { code: 'agreement', count: 1 });
    }
  }
  return stalls;
}

function otherItems(facts: NudgeFacts, programmes: Map<string, ProgrammeFact>, add: (m: MemberFact | undefined, i: Item) => void): void {
  const byPerson = new Map<string, MemberFact[]>();
  for (const m of facts.members) byPerson.set(m.personId, [...(byPerson.get(m.personId) ?? []), m]);
  const memberFor = (personId: string, programmeId: string | null) => {
    const mine = byPerson.get(personId) ?? [];
    return mine.find((m) => m.programmeId === programmeId) ?? (programmeId === null ? mine[0] : undefined);
  };
  for (const w of facts.waiting) {
    const code = WAITING_KINDS[w.kind];
    if (code) add(memberFor(w.personId, w.programmeId), { code, count: w.count });
  }
  for (const r of facts.reflecting) add(memberFor(r.personId, r.programmeId), { code: 'reflection', count: 1 });
  const records = new Map(facts.training.map((r) => [r.membershipId, r.moduleIds]));
  for (const m of facts.members) {
    const done = records.get(m.membershipId) ?? [];
    if (!programmes.get(m.programmeId)?.trainingRequired && done.length === 0) continue;
    const left = modulesLeft(m, done.map((moduleId) => ({ moduleId }))).length;
    if (left > 0) add(m, { code: 'training', count: left });
  }
}

function choose(facts: NudgeFacts, now: Date, byPerson: Map<string, Waiting>, programmes: Map<string, ProgrammeFact>): Omit<NudgePlan, 'stalls'> {
  const t = now.getTime();
  const pauses = new Map(facts.pauses.map((p) => [p.personId, p.until]));
  const last = new Map(facts.lastNudges.map((n) => [n.personId, n]));
  const inbound = new Map(facts.lastInbound.map((i) => [i.personId, i.at]));
  const held = { paused: 0, thisWeek: 0, quiet: 0 };
  // Thousands of people share a few zones: each zone and programme's hours are worked out once.
  const known = new Map<string, boolean>();
  const allowed = (zone: string, q: Quiet) => {
    const key = `${zone}|${q.quietFrom}|${q.quietTo}|${q.quietWeekends}`;
    if (!known.has(key)) known.set(key, allowedAt(now, zone, q));
    return known.get(key) as boolean;
  };
  const nudges: PlannedNudge[] = [];
  for (const [personId, { members, items }] of byPerson) {
    const [first] = members;
    if (!first || items.length === 0) continue;
    if ((pauses.get(personId)?.getTime() ?? 0) > t) {
      held.paused += 1;
      continue;
    }
    const previous = last.get(personId);
    if (previous && t - previous.sentAt.getTime() < WEEK - WEEK_SLACK_MS) {
      held.thisWeek += 1;
      continue;
    }
    // Every programme with something for them may keep its nights (and weekends) quiet.
    const quiet = members.map((m) => programmes.get(m.programmeId)?.quiet).filter((q): q is Quiet => !!q);
    if (!quiet.every((q) => allowed(first.timeZone, q))) {
      held.quiet += 1;
      continue;
    }
    const ignored = !!previous && !previous.answeredAt && t - previous.sentAt.getTime() <= IGNORED_WINDOW_MS && !((inbound.get(personId)?.getTime() ?? 0) > previous.sentAt.getTime());
    const ignoredBefore = ignored && previous ? previous.ignoredBefore + 1 : 0;
    nudges.push({ personId, programmeId: first.programmeId, membershipId: first.membershipId, items: sortItems(items), ignoredBefore, escalateIgnored: ignoredBefore === IGNORED_LIMIT });
  }
  return { nudges, held };
}
