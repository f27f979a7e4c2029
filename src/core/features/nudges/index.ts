/**
 * Nudges (issue 14, "Nudges"): at most one reminder a week per person, listing what waits for
 * them (a meeting to propose or follow up, their part of the agreement, questions to answer,
 * training left) with buttons that act at once, in their own daytime (time zone and the
 * programme's quiet hours), paused on request, stopped when the pair ends or they leave.
 * plan.ts plans each hour (decide.ts decides, send.ts writes in chunks); question.ts is the
 * nudge; pause.ts the person's pauses; settings.ts the coordinators' quiet hours. Three ignored
 * in a row, or a pair with no meeting for twice its interval, goes to escalations.
 */
import type { Feature } from '../../kernel/feature.js';
import { startAsCoordinator } from '../programmes/coordinating.js';
import { pauseCommand, pauseFlow, resumeCommand } from './pause.js';
import { planJob } from './plan.js';
import { nudgeKind } from './question.js';
import { sendJob } from './send.js';
import { SETTINGS_FLOW, settingsFlow } from './settings.js';

export { decideNudges } from './decide.js';
export { PLAN_JOB, planKey, seedPlanner } from './plan.js';

export const nudgesFeature: Feature = {
  name: 'nudges',
  flows: [pauseFlow, settingsFlow],
  commands: [
    { name: 'pauseNudges', takesArgument: true, run: (turn, argument, { active }) => pauseCommand(turn, argument, active) },
    { name: 'resumeNudges', run: (turn) => resumeCommand(turn) },
    { name: 'nudgeSettings', run: (turn, _a, { active }) => startAsCoordinator(turn, SETTINGS_FLOW, active) },
  ],
  questions: [nudgeKind],
  jobs: [planJob, sendJob],
  help: (turn, facts) => {
    const lines: string[] = [];
    if (facts.mine.some((x) => x.membership.role !== 'coordinator')) lines.push(turn.t('nudges.helpPause'));
    if (facts.mine.some((x) => x.membership.role === 'coordinator')) lines.push(turn.t('nudges.helpSettings'));
    return lines;
  },
};
