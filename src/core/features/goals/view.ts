/**
 * The pair's goals as one card, in the reader's language and time zone: each goal with its step
 * now and its newest three updates (who, when, the step, the line). Shown only to one of the pair
 * (flow.ts checks), so the lines of both sides appear: the "shown to the pair as a short
 * history".
 */
import type { Membership } from '../../domain.js';
import type { Translate, Work } from '../../kernel/work.js';
import type { Outbound, Section } from '../../messages.js';
import type { GoalPair } from './pair.js';
import type { GoalState } from './progress.js';
import type { GoalStep } from './ports.js';

/** How many updates of a goal the card shows. */
export const HISTORY_SHOWN = 3;

export const stepLabel = (t: Translate, step: GoalStep) => t(`goals.step_${step}`);

/** A member's name as the pair knows it (their profile's, else their chat name). */
export async function nameOf(work: Work, membership: Membership | null): Promise<string> {
  if (!membership) return '?';
  return membership.profile.fullName ?? (await work.personById(membership.personId))?.displayName ?? '?';
}

/** The names of the pair's two sides by membership id, the reader's own as "you". */
export function authorNames(t: Translate, pair: GoalPair): Map<string, string> {
  const partnerId = pair.role === 'mentor' ? pair.match.menteeMembershipId : pair.match.mentorMembershipId;
  return new Map([
    [pair.mine.id, t('goals.you')],
    [partnerId, pair.partnerName],
  ]);
}

export function goalsCard(t: Translate, pair: GoalPair, states: GoalState[], names: Map<string, string>): Outbound {
  const sections: Section[] = states.map((s) => {
    const history = s.history.slice(0, HISTORY_SHOWN).map((u) => {
      const params = { when: u.createdAt, name: names.get(u.authorMembershipId) ?? '?', step: stepLabel(t, u.step) };
      return u.line ? t('goals.historyLineWith', { ...params, line: u.line }) : t('goals.historyLine', params);
    });
    return {
      heading: t('goals.goalHeading', { number: s.index + 1, goal: s.text }),
      text: t('goals.now', { step: stepLabel(t, s.step) }),
      ...(history.length > 0 ? { bullets: history } : { bullets: [t('goals.noHistory')] }),
    };
  });
  return { text: t('goals.title', { name: pair.partnerName }), sections, context: [t('goals.privacy')] };
}

/** The goals as a short numbered list with their step, said above the update form. */
export function goalsList(t: Translate, states: GoalState[]): string {
  return states.map((s) => t('goals.listLine', { number: s.index + 1, goal: s.text, step: stepLabel(t, s.step) })).join('\n');
}
