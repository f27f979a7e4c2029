/**
 * The waitlist: a mentee nobody can be suggested to waits here, with the reason the coordinator
 * sees (it tells her whom to recruit) and the mentee is told honestly: no mentor speaks a
 * language she can use, every place is taken, or nobody fits. Her place in the queue is the
 * first time she was put on it (WaitlistRepo.put keeps it).
 */
import type { Membership } from '../../domain.js';
import type { Work } from '../../kernel/work.js';
import type { WaitlistReason } from './ports.js';
import { type Candidate, canTalk, type Exclusions, exclusionOf, featuresOf } from './score.js';

export interface WaitlistInput {
  mentee: Candidate;
  mentors: readonly Candidate[];
  exclusions: Exclusions;
  /** She asked for others and has seen everyone who could fit: said so, rather than "nobody fits". */
  sawAll: boolean;
  quiet: boolean;
}

/**
 * Why nobody can be suggested. A language is the first thing a mentoring conversation needs, so a
 * missing one is named even when places are short too; a programme with no mentor yet has no
 * free place either.
 */
export function waitlistReason(mentee: Candidate, mentors: readonly Candidate[], ex: Exclusions): WaitlistReason {
  if (mentors.length === 0) return 'noPlaces';
  const me = featuresOf(mentee);
  const speaking = mentors.map(featuresOf).filter((m) => canTalk(me, m, m.useful.some((code) => me.useful.includes(code)) ? 1 : 0));
  if (speaking.length === 0) return 'noLanguage';
  const rules = speaking.map((m) => exclusionOf(me, m, ex));
  if (rules.every((r) => r !== null) && rules.includes('noCapacity')) return 'noPlaces';
  return 'noFit';
}

export async function waitlist(work: Work, mentee: Membership, input: WaitlistInput): Promise<WaitlistReason> {
  const org = work.organisation.id;
  const reason = waitlistReason(input.mentee, input.mentors, input.exclusions);
  const before = await work.repos.waitlist.get(org, mentee.id);
  await work.repos.waitlist.put({ membershipId: mentee.id, organisationId: org, programmeId: mentee.programmeId, since: work.clock.now(), reason });
  // Already waiting and offered nothing new: she was told when she joined the queue.
  if (input.quiet && before) return reason;
  const programme = await work.repos.programmes.get(org, mentee.programmeId);
  const key = input.sawAll ? 'matching.waitlistedSawAll' : input.mentors.length === 0 ? 'matching.waitlistedNoMentors' : `matching.waitlisted${reason[0]!.toUpperCase()}${reason.slice(1)}`;
  await work.tell(mentee.personId, (t) => ({ text: `${t(key)}\n${t('matching.waitlistedPromise', { programme: programme?.name ?? '' })}` }));
  return reason;
}
