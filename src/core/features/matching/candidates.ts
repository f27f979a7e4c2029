/**
 * A programme's people as matching sees them, read from the store: its mentors as Candidates
 * with the places they have free now, and the hard rules (pairs kept apart, pairs that ended,
 * pairs a mentor declined or let expire). Ids throughout are membership ids, so a person in two
 * programmes is two candidates and a rule in one programme never leaks into the other.
 */
import type { Membership } from '../../domain.js';
import type { Work } from '../../kernel/work.js';
import { modulesLeft } from '../training/status.js';
import type { MatchingSettings } from './ports.js';
import { type Candidate, type Exclusions, exclusions } from './score.js';

/** A membership as a Candidate (for a mentee, or a mentor whose free places are counted elsewhere). */
export const candidateOf = (m: Membership, freePlaces?: number): Candidate => ({
  id: m.id,
  profile: m.profile,
  employer: m.profile.employer ?? null,
  ...(freePlaces === undefined ? {} : { freePlaces }),
});

/**
 * The programme's active mentors with a finished profile (a mentor still joining has no profile to
 * score) and, where the programme asks for training before matching, their training done — unless
 * `anyTraining`: a coordinator assigning a pair herself decides that (as she does for the mentee).
 */
export async function activeMentors(work: Work, programmeId: string, anyTraining = false): Promise<Membership[]> {
  const org = work.organisation.id;
  const [all, settings] = await Promise.all([
    work.repos.memberships.listForProgramme(org, programmeId, { role: 'mentor', status: 'active' }),
    work.repos.matchingSettings.get(org, programmeId),
  ]);
  const ready = all.filter((m) => m.profileDoneAt !== null);
  if (anyTraining || !settings.trainingRequired || ready.length === 0) return ready;
  const records = await work.repos.training.listForProgramme(org, programmeId);
  return ready.filter((m) => modulesLeft(m, records.filter((r) => r.membershipId === m.id)).length === 0);
}

/**
 * The programme's active mentors, each with freePlaces = capacity − active matches, and 0 while
 * they have paused taking mentees (a paused mentor keeps their capacity for when they resume).
 */
export async function candidatesFor(work: Work, programmeId: string, options: { anyTraining?: boolean } = {}): Promise<Candidate[]> {
  const org = work.organisation.id;
  const mentors = await activeMentors(work, programmeId, options.anyTraining);
  if (mentors.length === 0) return [];
  const [taken, accepting] = await Promise.all([work.repos.matches.countByMentor(org, programmeId, ['active']), work.repos.mentorAvailability.accepting(org, mentors.map((m) => m.id))]);
  return mentors.map((m) => {
    const free = accepting.get(m.id) === false ? 0 : Math.max(0, (m.profile.capacity ?? 0) - (taken.get(m.id) ?? 0));
    return candidateOf(m, free);
  });
}

/**
 * The programme's hard rules: pairs a coordinator or participant kept apart, and pairs whose
 * mentor already said no (declined) or never answered (expired) — a mentee is not offered again
 * the one who did not take her — go to `doNotMatch`; pairs whose match ended go to `endedBefore`
 * (a rematch is a fresh start with someone else).
 */
export async function exclusionsFor(work: Work, programmeId: string, settings: Pick<MatchingSettings, 'excludeSameEmployer'>): Promise<Exclusions> {
  const org = work.organisation.id;
  const [apart, past] = await Promise.all([work.repos.doNotMatch.list(org, programmeId), work.repos.matches.listForProgramme(org, programmeId, ['ended', 'declined', 'expired'])]);
  const pair = (m: { menteeMembershipId: string; mentorMembershipId: string }) => [m.menteeMembershipId, m.mentorMembershipId] as const;
  return exclusions({
    doNotMatch: [...apart, ...past.filter((m) => m.status !== 'ended').map(pair)],
    endedBefore: past.filter((m) => m.status === 'ended').map(pair),
    excludeSameEmployer: settings.excludeSameEmployer,
  });
}
