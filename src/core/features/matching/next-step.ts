/**
 * Where a mentor or mentee stands in matching, as the one line their home view shows (Slack's
 * App Home, the Teams welcome card, the playground's first screen): training to do first,
 * suggestions to choose from, a request waiting, the waitlist, or who they are paired with.
 */
import type { Membership } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import { modulesLeft } from '../training/status.js';
import { shownName } from './cards.js';

async function nameOf(turn: Turn, membershipId: string): Promise<string> {
  const member = await turn.repos.memberships.get(turn.organisation.id, membershipId);
  return member ? shownName(member, await turn.personById(member.personId)) : '?';
}

/** The text key and its params for `membership`'s next step in matching (its profile is done). */
export async function matchingStep(turn: Turn, membership: Membership): Promise<{ key: string; params?: Record<string, string | number> }> {
  const org = turn.organisation.id;
  const settings = await turn.repos.matchingSettings.get(org, membership.programmeId);
  if (settings.trainingRequired) {
    const left = modulesLeft(membership, await turn.repos.training.listForMembership(org, membership.id)).length;
    if (left > 0) return { key: 'home.nextTraining', params: { count: left } };
  }
  const matches = await turn.repos.matches.listForMembership(org, membership.id, ['active', 'requested', 'suggested']);
  const mine = (side: 'mentorMembershipId' | 'menteeMembershipId') => matches.filter((m) => m[side] === membership.id);
  if (membership.role === 'mentee') {
    const own = mine('menteeMembershipId');
    const active = own.find((m) => m.status === 'active');
    if (active) return { key: 'home.pairedMentee', params: { name: await nameOf(turn, active.mentorMembershipId) } };
    const requested = own.find((m) => m.status === 'requested');
    if (requested) return { key: 'home.requestedMentee', params: { name: await nameOf(turn, requested.mentorMembershipId) } };
    if (own.some((m) => m.status === 'suggested')) return { key: 'home.chooseMentee' };
    return { key: (await turn.repos.waitlist.get(org, membership.id)) ? 'home.waitingMentee' : 'home.nextMentee' };
  }
  const own = mine('mentorMembershipId');
  const asked = own.filter((m) => m.status === 'requested').length;
  if (asked > 0) return { key: 'home.requestedMentor', params: { count: asked } };
  const mentees = await Promise.all(own.filter((m) => m.status === 'active').map((m) => nameOf(turn, m.menteeMembershipId)));
  if (mentees.length > 0) return { key: 'home.pairedMentor', params: { names: mentees.join(', '), count: mentees.length } };
  const accepting = (await turn.repos.mentorAvailability.accepting(org, [membership.id])).get(membership.id) !== false;
  return { key: accepting ? 'home.nextMentor' : 'home.pausedMentor' };
}
