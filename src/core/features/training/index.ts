/**
 * Training: short modules for mentors and mentees, taken in chat (take.ts) and recorded once
 * each; offers with a "Start" button when joining a programme that requires it, on a
 * coordinator's reminder, and as follow-ups later in the year (offers.ts); the coordinator's
 * status, workshop attendance and reminder (coordinating.ts). Matching asks hasCompletedTraining
 * (status.ts) before offering suggestions; join calls offerTraining and a match's start
 * scheduleFollowUps (offers.ts), imported from their files to keep features free of cycles.
 */
import type { Feature, HelpFacts } from '../../kernel/feature.js';
import type { Turn } from '../../engine/turn.js';
import { coordinatorCommands, remindFlow, statusFlow, workshopFlow } from './coordinating.js';
import { offerQuestion, trainingJobs } from './offers.js';
import { modulesLeft } from './status.js';
import { trainingCommand, trainingFlow } from './take.js';

/** Members see how much is left (one read per programme they take part in); coordinators their three commands. */
async function helpLines(turn: Turn, { mine }: HelpFacts): Promise<string[]> {
  const lines: string[] = [];
  const taking = mine.filter((m) => m.membership.role !== 'coordinator');
  if (taking.length > 0) {
    // Modules left count as a task only where a programme asks for the training before matching.
    let left = 0;
    for (const { membership } of taking) {
      if (!(await turn.repos.matchingSettings.get(turn.organisation.id, membership.programmeId)).trainingRequired) continue;
      left += modulesLeft(membership, await turn.repos.training.listForMembership(turn.organisation.id, membership.id)).length;
    }
    lines.push(left > 0 ? turn.t('help.cmdTrainingLeft', { count: left }) : turn.t('help.cmdTraining'));
  }
  if (mine.some((m) => m.membership.role === 'coordinator')) lines.push(turn.t('help.cmdTrainingCoordinator'));
  return lines;
}

export const trainingFeature: Feature = {
  name: 'training',
  flows: [trainingFlow, statusFlow, workshopFlow, remindFlow],
  commands: [{ name: 'training', run: (turn, _argument, { active }) => trainingCommand(turn, active) }, ...coordinatorCommands],
  questions: [offerQuestion],
  jobs: trainingJobs,
  help: helpLines,
};
