/**
 * A pair starts: the one way a match becomes active (a mentor accepting, a coordinator assigning,
 * a cohort revealed), so what a start brings comes with every one of them. Today that is the
 * training's follow-ups for both, at +3 and +8 months (the seeds' good practice: follow-up
 * training over the year, to look at how the relationship is used) — and the pair's introduction
 * to each other, with the first meeting's agenda (journey/intro.ts).
 */
import type { Work } from '../../kernel/work.js';
import { planCheckIns } from '../checkins/schedule.js';
import { introducePair } from '../journey/intro.js';
import { scheduleFollowUps } from '../training/offers.js';
import type { ActivateResult, MatchStatus } from './ports.js';

/** Claims the mentor's place and makes the match active (see MatchRepo.activate); on success, schedules what follows. */
export async function startMatch(work: Work, matchId: string, from: readonly MatchStatus[]): Promise<ActivateResult> {
  const now = work.clock.now();
  const result = await work.repos.matches.activate(work.organisation.id, matchId, from, now);
  if (result.status === 'activated') {
    await scheduleFollowUps(work, { id: result.match.mentorMembershipId, role: 'mentor' }, now);
    await scheduleFollowUps(work, { id: result.match.menteeMembershipId, role: 'mentee' }, now);
    await introducePair(work, result.match);
    await planCheckIns(work, result.match.id);
  }
  return result;
}
