/**
 * The agreed end (about a year, the seeds' frame): when a pair starts (journey/intro.ts), a job
 * `closure.year-end` is scheduled for 12 months later, or the programme's last day if that comes
 * first; a week before it both are told the date and what will happen. At the end the match ends
 * through the same transition as every other ending (active → ended, one conditional update), the
 * mentor's freed place goes to the waitlist, and the pair is recorded as completed.
 */
import type { JobKind } from '../../kernel/feature.js';
import type { Work } from '../../kernel/work.js';
import { zonedMoment } from '../matching/cohort-reveal.js';
import { offerToWaitlist } from '../matching/offer.js';
import type { Match } from '../matching/ports.js';
import { rosterOf } from '../matching/roster.js';
import { tellCoordinators } from './coordinators.js';
import { recordEnding } from './record.js';

export const YEAR_END_JOB = 'closure.year-end';
export const YEAR_END_NOTICE_JOB = 'closure.year-end-notice';
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** When the pair's year ends: 12 months after it started, or the programme's last day (noon, in the mentee's zone). */
export async function yearEndOf(work: Work, match: Match): Promise<Date> {
  const started = match.startedAt ?? work.clock.now();
  const year = new Date(started);
  year.setUTCFullYear(year.getUTCFullYear() + 1);
  const programme = await work.repos.programmes.get(work.organisation.id, match.programmeId);
  if (!programme?.endsOn) return year;
  const mentee = await work.repos.memberships.get(work.organisation.id, match.menteeMembershipId);
  const zone = (mentee ? await work.personById(mentee.personId) : null)?.timeZone ?? 'UTC';
  const last = zonedMoment(programme.endsOn, '12:00', zone);
  return last < year ? last : year;
}

/** Schedules the end and the week-before notice (by key: starting twice keeps one of each). */
export async function scheduleYearEnd(work: Work, match: Match): Promise<void> {
  const endsAt = await yearEndOf(work, match);
  const now = work.clock.now();
  const payload = { matchId: match.id, endsAt: endsAt.toISOString() };
  await work.schedule({ kind: YEAR_END_JOB, key: `year-end:${match.id}`, dueAt: new Date(Math.max(endsAt.getTime(), now.getTime())), payload });
  const notice = new Date(endsAt.getTime() - WEEK_MS);
  if (notice > now) await work.schedule({ kind: YEAR_END_NOTICE_JOB, key: `year-end-notice:${match.id}`, dueAt: notice, payload });
}

const activeMatch = async (work: Work, id: unknown) => {
  const match = await work.repos.matches.get(work.organisation.id, String(id ?? ''));
  return match?.status === 'active' ? match : null;
};

export const yearEndNoticeJob: JobKind = {
  kind: YEAR_END_NOTICE_JOB,
  // A pair that ended early in the meantime hears nothing.
  run: async (work, job) => {
    const match = await activeMatch(work, job.payload.matchId);
    if (!match) return;
    const date = new Date(String(job.payload.endsAt ?? work.clock.now().toISOString()));
    for (const id of [match.menteeMembershipId, match.mentorMembershipId]) {
      const m = await work.repos.memberships.get(work.organisation.id, id);
      if (m?.status === 'active') await work.tell(m.personId, (t) => ({ title: t('closure.noticeTitle', { date }), text: t('closure.noticeText', { date }) }));
    }
  },
};

export const yearEndJob: JobKind = {
  kind: YEAR_END_JOB,
  run: async (work, job) => {
    const match = await activeMatch(work, job.payload.matchId);
    if (!match) return;
    const org = work.organisation.id;
    const ended = await work.repos.matches.transition(org, match.id, ['active'], 'ended', { endedAt: work.clock.now(), endedById: null });
    if (!ended) return;
    await work.repos.audit.record({ organisationId: org, actorPersonId: null, action: 'match:ended', subjectType: 'Match', subjectId: match.id, data: { by: 'year-end' } });
    await recordEnding(work, ended, { outcome: 'completed', endedBy: 'year-end', endedById: null });
    const roster = await rosterOf(work, match.programmeId);
    const programme = (await work.repos.programmes.get(org, match.programmeId))?.name ?? '';
    await tellCoordinators(work, match.programmeId, (t) => t('closure.completedNotice', { mentor: roster.name(match.mentorMembershipId), mentee: roster.name(match.menteeMembershipId), programme }));
    await offerToWaitlist(work, match.programmeId);
  },
};
