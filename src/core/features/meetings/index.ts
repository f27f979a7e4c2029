/**
 * Meetings (issue 13, "Meetings"): a pair plans a meeting (plan-flow.ts: `meeting`), the partner
 * accepts or proposes another time (respond.ts), both get a calendar file in their own time zone
 * (notify.ts, ics.ts) and a reminder the day before (jobs.ts, with reflections' preparation);
 * a meeting that happened is logged by one side and confirmed by the other (log-flow.ts, held.ts);
 * `meetings` lists them (view.ts, with meetingFacts for coordinators).
 */
import type { Feature } from '../../kernel/feature.js';
import { pairedMemberships } from '../matching/help-facts.js';
import { confirmKind, happenedKind } from './held.js';
import { checkJob, remindJob } from './jobs.js';
import { LOG_FLOW, logFlow } from './log-flow.js';
import { planFlow, startPlanning } from './plan-flow.js';
import { manageKind, PLAN_FLOW, respondKind } from './respond.js';
import { tidyJob } from './shared.js';
import { meetingsCommand } from './view.js';

export { meetingFacts } from './view.js';

export const meetingsFeature: Feature = {
  name: 'meetings',
  flows: [planFlow, logFlow],
  commands: [
    { name: 'planMeeting', run: (turn, _a, { active }) => startPlanning(turn, active, PLAN_FLOW) },
    { name: 'logMeeting', run: (turn, _a, { active }) => startPlanning(turn, active, LOG_FLOW) },
    { name: 'meetings', run: (turn) => meetingsCommand(turn) },
  ],
  questions: [respondKind, manageKind, confirmKind, happenedKind],
  jobs: [remindJob, checkJob, tidyJob],
  help: async (turn, facts) => {
    if (!facts.mine.some((x) => x.membership.role !== 'coordinator')) return [];
    const paired = await pairedMemberships(turn, facts);
    return paired.size > 0 ? [turn.t('help.cmdMeeting'), turn.t('help.cmdLogMeeting')] : [];
  },
};
