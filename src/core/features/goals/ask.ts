/**
 * What other features call (the contract of issue 13's parallel build): `askGoalProgress` opens
 * an open question for one of the pair, "how far has each goal come?", with a button that opens
 * the update form (flow.ts); `goalProgressFacts` tells a coordinator's view each goal's step and
 * when it last changed, by position only: never a goal's words or a line.
 *
 * The question's data holds ids and the reason, no words; a click starts the form, and the form's
 * answers leave the run once stored (flow.ts), so nothing a person wrote stays in a question row.
 */
import type { QuestionKind } from '../../kernel/feature.js';
import { ask } from '../../kernel/questions.js';
import type { Work } from '../../kernel/work.js';
import { GOALS_FLOW } from './flow.js';
import { agreedGoals, goalPairFor } from './pair.js';
import type { GoalStep } from './ports.js';
import { goalStates } from './progress.js';

export type GoalAskReason = 'reflection' | 'check-in' | 'closing';
const REASONS: readonly GoalAskReason[] = ['reflection', 'check-in', 'closing'];
export const GOALS_QUESTION = 'goals.progress-ask';

/** One agreed goal's progress as a coordinator may see it: its position, step and when the step last changed. */
export interface GoalProgressFact {
  /** 0-based position in the pair's confirmed agreement. */
  index: number;
  step: GoalStep;
  changedAt: Date | null;
}

/**
 * Asks `membershipId` (one of the pair) about each agreed goal. False when the pair has no
 * confirmed agreement with goals, or the membership is not (or no longer) one of the pair. An
 * unanswered one for the same person and pair is not repeated: one waiting question is enough.
 */
export async function askGoalProgress(work: Work, matchId: string, membershipId: string, reason: GoalAskReason): Promise<boolean> {
  const org = work.organisation.id;
  const membership = await work.repos.memberships.get(org, membershipId);
  const pair = membership ? await goalPairFor(work, membership.personId, matchId) : null;
  if (!membership || pair?.mine.id !== membershipId) return false;
  const agreed = await agreedGoals(work, matchId);
  if (!agreed || agreed.goals.length === 0) return false;
  const open = await work.repos.questions.listBySubject(org, 'match', matchId);
  if (open.some((q) => q.kind === GOALS_QUESTION && q.status === 'open' && q.audience.includes(membership.personId))) return true;
  await ask(work, { kind: GOALS_QUESTION, programmeId: pair.match.programmeId, subjectType: 'match', subjectId: matchId, audience: [membership.personId], data: { matchId, reason } });
  return true;
}

/** For coordinators: each agreed goal's step and when it last changed; [] without a confirmed agreement. No words. */
export async function goalProgressFacts(work: Work, matchId: string): Promise<GoalProgressFact[]> {
  const agreed = await agreedGoals(work, matchId);
  if (!agreed) return [];
  const updates = await work.repos.goalProgress.listForMatch(work.organisation.id, matchId);
  return goalStates(agreed.goals, updates).map((s) => ({ index: s.index, step: s.step, changedAt: s.changedAt }));
}

const reasonOf = (value: unknown): GoalAskReason => (REASONS.includes(value as GoalAskReason) ? (value as GoalAskReason) : 'check-in');

export const goalsQuestion: QuestionKind = {
  kind: GOALS_QUESTION,
  render: (t, q) => ({
    text: t(`goals.ask_${reasonOf(q.data.reason)}`),
    prompt: {
      id: q.id,
      spec: {
        kind: 'choice',
        options: [
          { value: 'update', label: t('goals.update'), style: 'primary' },
          { value: 'skip', label: t('goals.notNow') },
        ],
      },
    },
  }),
  summary: (t) => t('goals.summary'),
  async answer(turn, question, answer) {
    const value = answer.kind === 'choice' ? answer.values[0] : undefined;
    if (value !== 'update' && value !== 'skip') return { status: 'invalid' };
    if (value === 'skip') {
      turn.say({ key: 'goals.skipped' });
      return { status: 'answered' };
    }
    const matchId = String(question.data.matchId ?? '');
    const pair = await goalPairFor(turn, turn.person.id, matchId);
    if (!pair) turn.say({ key: 'goals.pairGone' });
    else await turn.engine.start(turn, GOALS_FLOW, { programmeId: pair.match.programmeId, answers: { matchId, intent: 'update' } });
    return { status: 'answered' };
  },
};
