/**
 * Offering a mentee her three suggestions: the one entry point every path uses (she finished
 * joining, typed "mentors", asked for others, a mentor declined or let a request expire, a place
 * freed up while she waited). It checks she is ready, records the suggestions as Match rows
 * ('suggested': they count as demand for spreading) and asks her to choose (choose.ts); with
 * nothing to offer, she goes on the waitlist and is told why.
 */
import type { Membership } from '../../domain.js';
import type { Msg } from '../../engine/types.js';
import type { Work } from '../../kernel/work.js';
import { modulesLeft } from '../training/status.js';
import { candidateOf, candidatesFor, exclusionsFor } from './candidates.js';
import { offerChoice, withdrawChoices } from './choose.js';
import type { MatchingSettings } from './ports.js';
import { suggestMentors } from './suggest.js';
import { waitlist } from './waitlist.js';

export { candidatesFor, exclusionsFor } from './candidates.js';

export type OfferResult = 'offered' | 'waitlisted' | 'notReady' | 'alreadyMatched';

export interface OfferOptions {
  /** Mentor membership ids she has just been shown and passed over ("show me others"). */
  skip?: readonly string[];
  /**
   * Say nothing unless there is something to choose: a place freeing up elsewhere must not tell
   * every waiting mentee again that she is still waiting.
   */
  quiet?: boolean;
}

/** The statuses in which a mentee has her mentor, or has asked one and waits for the answer. */
export const TAKEN = ['active', 'requested'] as const;

export async function offerSuggestions(work: Work, menteeMembershipId: string, options: OfferOptions = {}): Promise<OfferResult> {
  const org = work.organisation.id;
  const mentee = await work.repos.memberships.get(org, menteeMembershipId);
  if (mentee?.status !== 'active' || mentee.role !== 'mentee') return 'notReady';
  const settings = await work.repos.matchingSettings.get(org, mentee.programmeId);
  const missing = await missingBeforeMatching(work, mentee, settings);
  if (missing) {
    if (!options.quiet) await work.tell(mentee.personId, () => missing);
    return 'notReady';
  }
  const taken = await work.repos.matches.listForMembership(org, mentee.id, [...TAKEN]);
  if (taken.some((m) => m.menteeMembershipId === mentee.id)) return 'alreadyMatched';

  // Her earlier suggestions are over once new ones come (or none can): they stop counting as
  // demand, and their buttons go, so an old card cannot ask a mentor she is no longer offered.
  await withdrawChoices(work, mentee);
  const [mentors, demand, ex] = await Promise.all([
    candidatesFor(work, mentee.programmeId),
    work.repos.matches.countByMentor(org, mentee.programmeId, ['suggested', 'requested']),
    exclusionsFor(work, mentee.programmeId, settings),
  ]);
  const skip = new Set(options.skip ?? []);
  const me = candidateOf(mentee);
  const found = suggestMentors(
    me,
    mentors.filter((m) => !skip.has(m.id)),
    { weights: settings.weights, exclusions: ex, demand },
  );
  if (found.length === 0) {
    await waitlist(work, mentee, { mentee: me, mentors, exclusions: ex, sawAll: skip.size > 0, quiet: options.quiet ?? false });
    return 'waitlisted';
  }
  await offerChoice(work, mentee, found, [...skip, ...found.map((s) => s.mentor.id)]);
  if (await work.repos.waitlist.get(org, mentee.id)) await work.repos.waitlist.markOffered(org, mentee.id, work.clock.now());
  return 'offered';
}

/** What she must do before she can be matched, as a message in her language; null when ready. */
async function missingBeforeMatching(work: Work, mentee: Membership, settings: MatchingSettings): Promise<Msg | null> {
  if (!mentee.profileDoneAt) return { key: 'matching.notReadyProfile' };
  if (!settings.trainingRequired) return null;
  const left = modulesLeft(mentee, await work.repos.training.listForMembership(work.organisation.id, mentee.id));
  return left.length === 0 ? null : { key: 'matching.notReadyTraining', params: { count: left.length } };
}

/**
 * A place may have freed up (a match ended, a request was declined or expired, a mentor raised
 * their capacity, resumed, or joined): offers suggestions to waiting mentees, longest waiting
 * first, as many as there are places not already held by open requests. A mentee who still
 * cannot be offered anyone stays where she is in the queue, and is not told again.
 */
export async function offerToWaitlist(work: Work, programmeId: string): Promise<number> {
  const org = work.organisation.id;
  const waiting = await work.repos.waitlist.list(org, programmeId);
  if (waiting.length === 0) return 0;
  const [mentors, requested] = await Promise.all([candidatesFor(work, programmeId), work.repos.matches.countByMentor(org, programmeId, ['requested'])]);
  let places = mentors.reduce((sum, m) => sum + (m.freePlaces ?? 0), 0) - [...requested.values()].reduce((a, b) => a + b, 0);
  let offered = 0;
  for (const entry of waiting) {
    if (places <= 0) break;
    // Someone who already has suggestions in hand is choosing: new ones would only replace them.
    const open = await work.repos.matches.listForMembership(org, entry.membershipId, ['suggested', ...TAKEN]);
    if (open.some((m) => m.menteeMembershipId === entry.membershipId)) continue;
    if ((await offerSuggestions(work, entry.membershipId, { quiet: true })) === 'offered') {
      offered += 1;
      places -= 1;
    }
  }
  return offered;
}
