/**
 * The digest's figures for one programme, read from the features that own them: what happened in
 * the last seven days (meetings held, ratings with their average, agreements confirmed, new
 * members, check-ins answered) and what needs the coordinator now (open escalations, stalled
 * pairs, the waitlist, check-ins left unanswered this week). Counts and pairs' names only: no
 * read here returns a word anyone wrote.
 */
import type { Work } from '../../kernel/work.js';
import { FREQUENCIES } from '../../options.js';
import { openEscalationCount } from '../escalations/facts.js';
import { readContent } from '../journey/agreement-content.js';
import type { Match } from '../matching/ports.js';
import { DAY_MS, rosterOf } from '../matching/roster.js';

export const WEEK_MS = 7 * DAY_MS;
/** The agreed interval in days; a pair with no held meeting for twice it has stalled. */
const INTERVAL_DAYS: Record<(typeof FREQUENCIES)[number], number> = { weekly: 7, biweekly: 14, monthly: 30 };

export interface DigestFacts {
  meetingsHeld: number;
  ratings: number;
  /** One decimal; null without ratings. */
  ratingAverage: number | null;
  agreementsConfirmed: number;
  newMembers: number;
  checkInsAnswered: number;
  openEscalations: number;
  /** "Mentor & Mentee" of each stalled pair, and how many days since their last meeting (or start). */
  stalled: { mentor: string; mentee: string; days: number }[];
  waitlist: number;
  checkInsUnanswered: number;
}

const within = (at: Date | null | undefined, from: Date, to: Date) => !!at && at >= from && at < to;

/** Days a pair may go between meetings: their agreement's frequency, else the programme's. */
async function intervalDays(work: Work, match: Match, fallback: string): Promise<number> {
  const agreed = readContent((await work.repos.agreements.inForce(work.organisation.id, match.id))?.answers ?? {}).frame?.frequency ?? '';
  const frequency = (FREQUENCIES as readonly string[]).includes(agreed) ? agreed : fallback;
  return INTERVAL_DAYS[frequency as (typeof FREQUENCIES)[number]] ?? INTERVAL_DAYS.monthly;
}

export async function digestFacts(work: Work, programmeId: string): Promise<DigestFacts> {
  const org = work.organisation.id;
  const now = work.clock.now();
  const from = new Date(now.getTime() - WEEK_MS);
  const programme = await work.repos.programmes.get(org, programmeId);
  const roster = await rosterOf(work, programmeId);
  const matches = await work.repos.matches.listForProgramme(org, programmeId, ['active', 'ended']);
  const facts: DigestFacts = { meetingsHeld: 0, ratings: 0, ratingAverage: null, agreementsConfirmed: 0, newMembers: 0, checkInsAnswered: 0, openEscalations: 0, stalled: [], waitlist: 0, checkInsUnanswered: 0 };
  const ratings: number[] = [];
  for (const match of matches) {
    const meetings = await work.repos.meetings.listForMatch(org, match.id);
    const held = meetings.filter((m) => m.status === 'held');
    facts.meetingsHeld += held.filter((m) => within(m.confirmedAt, from, now)).length;
    for (const r of await work.repos.reflections.factsForMatch(org, match.id)) if (r.rating !== null && within(r.createdAt, from, now)) ratings.push(r.rating);
    if (match.status !== 'active') continue;
    const inForce = await work.repos.agreements.inForce(org, match.id);
    if (within(inForce?.confirmedAt, from, now)) facts.agreementsConfirmed += 1;
    const last = new Date(Math.max((match.startedAt ?? match.createdAt).getTime(), ...held.map((m) => m.startsAt.getTime())));
    const days = Math.floor((now.getTime() - last.getTime()) / DAY_MS);
    if (days > 2 * (await intervalDays(work, match, programme?.meetingFrequency ?? 'monthly'))) {
      facts.stalled.push({ mentor: roster.name(match.mentorMembershipId), mentee: roster.name(match.menteeMembershipId), days });
    }
  }
  facts.ratings = ratings.length;
  facts.ratingAverage = ratings.length > 0 ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10 : null;
  facts.newMembers = roster.all.filter((m) => m.role !== 'coordinator' && m.status === 'active' && within(m.joinedAt, from, now)).length;
  // A check-in expires a week after it is sent: those sent 7–14 days ago and unanswered expired this week.
  const checkIns = await work.repos.checkIns.listForProgramme(org, programmeId, new Date(from.getTime() - WEEK_MS));
  facts.checkInsAnswered = checkIns.filter((c) => c.status === 'answered' && within(c.answeredAt, from, now)).length;
  facts.checkInsUnanswered = checkIns.filter((c) => c.status === 'unanswered' && c.sentAt < from).length;
  facts.waitlist = (await work.repos.waitlist.list(org, programmeId)).length;
  facts.openEscalations = await openEscalationCount(work, programmeId);
  return facts;
}
