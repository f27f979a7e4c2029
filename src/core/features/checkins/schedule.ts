/**
 * When check-ins happen. A pair's start (matching/start.ts) plans the first contact; each contact,
 * when it runs, plans the next (cadence.ts), so a programme's changed settings reach every
 * contact not yet made (replanProgramme). The meetings feature calls `firstMeetingHeld` when a
 * meeting becomes held; only the first one counts (the job's key names the pair, not the
 * meeting). Every job checks at run time that the pair still runs and asks only the sides still
 * in the programme, and a contact is logged once per pair, side, kind and round.
 */
import type { JobKind } from '../../kernel/feature.js';
import type { Work } from '../../kernel/work.js';
import { yearEndOf } from '../closure/year-end.js';
import type { Match } from '../matching/ports.js';
import { seedDigests } from '../digest/jobs.js';
import { beforeYearEnd, type Contact, contactOrder, dayAfter, dueAt, FIRST_CONTACT, nextContact } from './cadence.js';
import { askCheckIn } from './question.js';
import type { CheckInKind, CheckInSettings } from './ports.js';

export const CONTACT_JOB = ['checkins', 'contact'].join('.');
const AFTER_FIRST: CheckInKind = 'after-first-meeting';

const contactKey = (matchId: string, kind: CheckInKind, round: number) => `checkins:${matchId}:${kind}:${round}`;

async function activeMatch(work: Work, matchId: string): Promise<Match | null> {
  const match = await work.repos.matches.get(work.organisation.id, matchId);
  return match?.status === 'active' ? match : null;
}

/** The mentee's time zone: contacts come at 10:00 in it. */
async function zoneOf(work: Work, match: Match): Promise<string> {
  const mentee = await work.repos.memberships.get(work.organisation.id, match.menteeMembershipId);
  return (mentee ? await work.personById(mentee.personId) : null)?.timeZone ?? 'Europe/Oslo';
}

/** Schedules contact `c` of the chain (by key: twice keeps one); nothing when it would fall at the year's end. */
async function scheduleContact(work: Work, match: Match, settings: CheckInSettings, c: Contact): Promise<void> {
  const due = dueAt(settings, match.startedAt ?? match.createdAt, await zoneOf(work, match), c);
  if (!beforeYearEnd(due, await yearEndOf(work, match))) return;
  const at = new Date(Math.max(due.getTime(), work.clock.now().getTime()));
  await work.schedule({ kind: CONTACT_JOB, key: contactKey(match.id, c.kind, c.round), dueAt: at, payload: { matchId: match.id, kind: c.kind, round: c.round } });
}

/** Called by startMatch (matching/start.ts) when a pair starts: plans the pair's check-ins. */
export async function planCheckIns(work: Work, matchId: string): Promise<void> {
  const match = await activeMatch(work, matchId);
  if (!match) return;
  await scheduleContact(work, match, await work.repos.checkInSettings.get(work.organisation.id, match.programmeId), FIRST_CONTACT);
  // Coordinators from before the digest existed get theirs once their programme's pairs start.
  await seedDigests(work, match.programmeId);
}

/** Called by meetings when a meeting is held for the first time (meetings/held.ts): the "after the first meeting" check-in. */
export async function firstMeetingHeld(work: Work, matchId: string): Promise<void> {
  const match = await activeMatch(work, matchId);
  if (!match) return;
  const settings = await work.repos.checkInSettings.get(work.organisation.id, match.programmeId);
  if (!settings.afterFirstMeeting) return;
  const due = dayAfter(work.clock.now(), await zoneOf(work, match));
  await work.schedule({ kind: CONTACT_JOB, key: contactKey(match.id, AFTER_FIRST, 1), dueAt: due, payload: { matchId: match.id, kind: AFTER_FIRST, round: 1 } });
}

/** The chain's contact after the last one logged for the pair (the first when none was). */
async function pendingContact(work: Work, matchId: string): Promise<Contact> {
  const logged = (await work.repos.checkIns.listForMatch(work.organisation.id, matchId)).filter((c) => c.kind !== AFTER_FIRST) as (Contact & { kind: Contact['kind'] })[];
  const last = logged.sort((a, b) => contactOrder(b) - contactOrder(a))[0];
  return last ? nextContact({ kind: last.kind, round: last.round }) : FIRST_CONTACT;
}

/**
 * A programme's settings changed: each running pair's next contact moves to its date under the
 * new settings (the pending job is dropped by key and scheduled again).
 */
export async function replanProgramme(work: Work, settings: CheckInSettings): Promise<void> {
  const org = work.organisation.id;
  for (const match of await work.repos.matches.listForProgramme(org, settings.programmeId, ['active'])) {
    const next = await pendingContact(work, match.id);
    if (await work.repos.jobs.cancel(org, contactKey(match.id, next.kind, next.round))) await scheduleContact(work, match, settings, next);
  }
}

export const contactJob: JobKind = {
  kind: CONTACT_JOB,
  async run(work, job) {
    const match = await activeMatch(work, String(job.payload.matchId ?? ''));
    if (!match) return; // the pair ended: no contact, and the chain stops here
    const kind = String(job.payload.kind ?? '') as CheckInKind;
    const round = Number(job.payload.round ?? 1);
    const settings = await work.repos.checkInSettings.get(work.organisation.id, match.programmeId);
    if (kind === AFTER_FIRST && !settings.afterFirstMeeting) return;
    for (const membershipId of [match.mentorMembershipId, match.menteeMembershipId]) await askCheckIn(work, match, membershipId, kind, round);
    if (kind !== AFTER_FIRST) await scheduleContact(work, match, settings, nextContact({ kind, round }));
  },
};
