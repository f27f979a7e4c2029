/**
 * Whose goals: the pair of a match as one of its two sees it, and the goals of the pair's
 * confirmed agreement. The pair may be active or just ended (the closing asks for a final look
 * after the match has ended), but the person must still be in the programme: someone who left
 * has had their words erased, and their partner's goals are none of theirs any more.
 */
import type { Membership } from '../../domain.js';
import type { Work } from '../../kernel/work.js';
import { MAX_GOALS, readContent } from '../journey/agreement-content.js';
import type { PairRole } from '../journey/guide-pairs.js';
import type { Agreement } from '../journey/ports.js';
import type { Match } from '../matching/ports.js';

export interface GoalPair {
  match: Match;
  mine: Membership;
  role: PairRole;
  partnerName: string;
}

/** The match as `personId` sees it, or null when they are not (or no longer) one of its pair. */
export async function goalPairFor(work: Work, personId: string, matchId: string): Promise<GoalPair | null> {
  const org = work.organisation.id;
  const match = await work.repos.matches.get(org, matchId);
  if (!match || (match.status !== 'active' && match.status !== 'ended')) return null;
  for (const role of ['mentor', 'mentee'] as const) {
    const mine = await work.repos.memberships.get(org, role === 'mentor' ? match.mentorMembershipId : match.menteeMembershipId);
    if (mine?.personId !== personId || mine.status !== 'active') continue;
    const partner = await work.repos.memberships.get(org, role === 'mentor' ? match.menteeMembershipId : match.mentorMembershipId);
    const partnerName = partner?.profile.fullName ?? (partner ? (await work.personById(partner.personId))?.displayName : undefined) ?? '?';
    return { match, mine, role, partnerName };
  }
  return null;
}

/** The agreed goals (at most three) of the pair's confirmed agreement; null without one. */
export async function agreedGoals(work: Work, matchId: string): Promise<{ agreement: Agreement; goals: string[] } | null> {
  // The version in force: during a proposed change the goals are still the confirmed ones.
  const agreement = await work.repos.agreements.inForce(work.organisation.id, matchId);
  if (!agreement) return null;
  const goals = (readContent(agreement.answers).mentee?.goals ?? []).filter((g): g is string => typeof g === 'string' && g.trim() !== '');
  return { agreement, goals: goals.slice(0, MAX_GOALS) };
}
