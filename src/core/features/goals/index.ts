/**
 * Goals (issue 13, "Goals"): progress per goal of the pair's confirmed agreement, from "not
 * started" to "done" (or "no longer relevant"), each update with an optional line of what
 * changed, kept as a short history both of the pair read with `goals` (flow.ts, view.ts). Asked
 * at reflections, check-ins and the closing (ask.ts: askGoalProgress). Coordinators learn each
 * goal's step and when it changed (goalProgressFacts), never a goal's words or a line.
 */
import type { Feature } from '../../kernel/feature.js';
import { pairedMemberships } from '../matching/help-facts.js';
import { goalsQuestion } from './ask.js';
import { goalsCommand, goalsFlow } from './flow.js';
import { agreedGoals } from './pair.js';

export const goalsFeature: Feature = {
  name: 'goals',
  flows: [goalsFlow],
  commands: [{ name: 'goals', run: (turn, _a, { active }) => goalsCommand(turn, active) }],
  questions: [goalsQuestion],
  help: async (turn, facts) => {
    if (!facts.mine.some((x) => x.membership.role !== 'coordinator')) return [];
    const paired = await pairedMemberships(turn, facts);
    // Only for someone whose pair has agreed goals: before that, `agreement` is the next step.
    for (const membershipId of paired) {
      for (const match of await turn.repos.matches.listForMembership(turn.organisation.id, membershipId, ['active'])) {
        if ((await agreedGoals(turn, match.id))?.goals.length) return [turn.t('help.cmdGoals')];
      }
    }
    return [];
  },
};
