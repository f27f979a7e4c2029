/**
 * Telling a new pair, when a coordinator paired them (directly, or in a revealed cohort): each
 * person in their own language, with whom they have and why (the reasons, never a score).
 */
import type { Membership } from '../../domain.js';
import type { Msg } from '../../engine/types.js';
import type { Work } from '../../kernel/work.js';
import { reasonText } from './reasons.js';
import type { Roster } from './roster.js';
import { candidateOf } from './candidates.js';
import { NO_EXCLUSIONS, scorePair, type Weights } from './score.js';

/** Why the pair fits, for showing: the hard rules are left out (the pair is decided; a rule was checked before). */
export function pairReasons(mentee: Membership, mentor: Membership, weights: Weights): Msg[] {
  return scorePair(candidateOf(mentee), candidateOf(mentor, 1), { weights, exclusions: NO_EXCLUSIONS }).reasons;
}

export async function tellPair(work: Work, pair: { mentee: Membership; mentor: Membership; roster: Roster; programme: string; reasons: Msg[] }): Promise<void> {
  const { mentee, mentor, roster, programme, reasons } = pair;
  const send = (to: Membership, key: string, name: string) =>
    work.tell(to.personId, (t, person) => ({
      text: t(key, { name, programme }),
      ...(reasons.length > 0 ? { sections: [{ heading: t('cohort.pairWhy'), bullets: reasons.map((r) => reasonText(r, t, person.locale)) }] } : {}),
      context: [t('cohort.pairNext')],
    }));
  await send(mentee, 'cohort.pairToMentee', roster.name(mentor.id));
  await send(mentor, 'cohort.pairToMentor', roster.name(mentee.id));
}
