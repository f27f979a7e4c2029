/**
 * What leaving a programme erases of escalations (membership/erasure.ts calls it): the words the
 * person shared with the coordinators, the resolution notes about them or written by them, and
 * the escalations still open about them, which are closed ('left') so nobody is sent them again.
 * Their cards are withdrawn by erasure itself (a card's data names the person's membership).
 */
import type { Membership } from '../../domain.js';
import type { Work } from '../../kernel/work.js';

export function eraseEscalationsFor(work: Work, membership: Membership): Promise<number> {
  return work.repos.escalations.eraseFor(work.organisation.id, membership.id, membership.personId, membership.programmeId, work.clock.now());
}

/** The words the person shared with coordinators: erasure looks for them in the coordinators' copies. */
export function escalationWordsOf(work: Work, membership: Membership): Promise<string[]> {
  return work.repos.escalations.wordsSharedBy(work.organisation.id, membership.id);
}
