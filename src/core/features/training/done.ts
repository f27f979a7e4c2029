/**
 * What happens when a member's initial training becomes complete (their last module in chat, or
 * a workshop a coordinator recorded): open offers lose their button, and a mentee in a programme
 * that requires training before matching goes on to matching's next step.
 */
import type { Membership } from '../../domain.js';
import type { Work } from '../../kernel/work.js';
import { offerSuggestions, offerToWaitlist } from '../matching/offer.js';
import { closeOffers } from './offers.js';

/**
 * Matching's next step for a mentee whose required training is done: her suggestions (or the
 * waitlist), through matching's one entry point. The one place training calls matching.
 */
export async function matchingNextStep(work: Work, membershipId: string): Promise<void> {
  await offerSuggestions(work, membershipId);
}

/**
 * Called once, by whoever recorded the completion that made the training complete. `announce`:
 * tell the member their training is done (the workshop notice already says so itself).
 */
export async function trainingCompleted(work: Work, member: Membership, announce: boolean): Promise<void> {
  await closeOffers(work, member.id);
  const settings = await work.repos.matchingSettings.get(work.organisation.id, member.programmeId);
  const toMatching = settings.trainingRequired && member.role === 'mentee';
  if (announce) await work.tell(member.personId, (t) => ({ text: t(toMatching ? 'course.trainingDoneMatching' : 'course.trainingDone') }));
  if (toMatching) await matchingNextStep(work, member.id);
  // A mentor who may now be suggested can be the place someone on the waitlist waits for.
  if (settings.trainingRequired && member.role === 'mentor') await offerToWaitlist(work, member.programmeId);
}
