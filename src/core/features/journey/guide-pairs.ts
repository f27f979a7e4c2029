/**
 * Which pair a guide or a note is about: the person's active matches as mentor or mentee (a
 * mentor with two mentees has two), and, inside a flow, the check that the chosen one is still
 * theirs and still active before anything is shown or written.
 */
import type { Membership } from '../../domain.js';
import type { StepContext } from '../../engine/types.js';
import { withoutMarks } from '../../kernel/rich-text.js';
import type { Translate, Work } from '../../kernel/work.js';
import type { Match } from '../matching/ports.js';

export type PairRole = 'mentor' | 'mentee';

export interface Pair {
  match: Match;
  /** The person's own membership in the pair (a note's author). */
  mine: Membership;
  role: PairRole;
  partnerName: string;
  programmeName: string;
}

const partnerOf = (match: Match, role: PairRole) => (role === 'mentor' ? match.menteeMembershipId : match.mentorMembershipId);
const ownSide = (match: Match, role: PairRole) => (role === 'mentor' ? match.mentorMembershipId : match.menteeMembershipId);

/** The person's active pairs, oldest membership first. */
export async function pairsOf(work: Work, personId: string): Promise<Pair[]> {
  const org = work.organisation.id;
  const pairs: Pair[] = [];
  for (const { membership, programme } of await work.repos.memberships.listWithProgrammes(org, personId, 'active')) {
    if (membership.role === 'coordinator') continue;
    const role = membership.role;
    const matches = await work.repos.matches.listForMembership(org, membership.id, ['active']);
    for (const match of matches.filter((m) => ownSide(m, role) === membership.id)) {
      const partner = await work.repos.memberships.get(org, partnerOf(match, role));
      const partnerName = partner?.profile.fullName ?? (partner ? (await work.personById(partner.personId))?.displayName : undefined) ?? '?';
      pairs.push({ match, mine: membership, role, partnerName, programmeName: programme.name });
    }
  }
  return pairs;
}

/** A pair as a choice ("Ola Nordmann (Jobbstart 2027)"): a name is shown as written. */
export function pairLabel(t: Translate, pair: Pair): string {
  return withoutMarks(t('guide.pairOption', { name: pair.partnerName, programme: pair.programmeName }));
}

/** The run's pair if it is still the person's and active (a match can end while the guide is open). */
export async function currentPair(ctx: StepContext): Promise<Pair | null> {
  const matchId = String(ctx.answers.matchId ?? '');
  return (await pairsOf(ctx.turn, ctx.person.id)).find((p) => p.match.id === matchId) ?? null;
}
