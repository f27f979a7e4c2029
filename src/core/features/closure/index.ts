/**
 * Closure (issue 13, "Closure and outcomes"): the end of a pair's mentoring — at the agreed year
 * (year-end.ts), or early (`end mentoring`, end-flow.ts; a coordinator's end match; one side
 * leaving) — recorded as completed or ended early with a reason (record.ts); each participant's
 * closing: a private reflection, a last look at the goals, the exit survey (closing.ts,
 * survey.ts); job outcomes where the programme tracks them (outcomes.ts); and the coordinators'
 * `outcomes` view (view.ts).
 */
import type { Feature } from '../../kernel/feature.js';
import { pairedMemberships } from '../matching/help-facts.js';
import { reflectionKind } from './closing.js';
import { endMentoringCommand, endMentoringFlow } from './end-flow.js';
import { outcomeTrackingCommand, outcomesKind } from './outcomes.js';
import { surveyKind } from './survey.js';
import { outcomesCommand } from './view.js';
import { yearEndJob, yearEndNoticeJob } from './year-end.js';

export { askOutcomes } from './outcomes.js';
export { closureFacts } from './view.js';

export const closureFeature: Feature = {
  name: 'closure',
  flows: [endMentoringFlow],
  commands: [
    { name: 'endMentoring', run: (turn, _a, { active }) => endMentoringCommand(turn, active) },
    { name: 'outcomes', run: (turn) => outcomesCommand(turn) },
    { name: 'outcomeTracking', takesArgument: true, run: (turn, argument) => outcomeTrackingCommand(turn, argument) },
  ],
  questions: [reflectionKind, surveyKind, outcomesKind],
  jobs: [yearEndJob, yearEndNoticeJob],
  help: async (turn, facts) => {
    const lines: string[] = [];
    if (facts.mine.some((x) => x.membership.role !== 'coordinator') && (await pairedMemberships(turn, facts)).size > 0) lines.push(turn.t('help.cmdEndMentoring'));
    if (facts.mine.some((x) => x.membership.role === 'coordinator')) lines.push(turn.t('help.cmdOutcomes'));
    return lines;
  },
};
