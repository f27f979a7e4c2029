/**
 * `programme`: a coordinator's view of her programme (view.ts). With one programme she sees it at
 * once, and whatever she was doing stays as it was; with several she picks which first.
 */
import type { FlowRun, Programme } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { FlowDefinition } from '../../engine/types.js';
import { coordinatedBy, coordinatedProgramme, coordinatorSteps, startAsCoordinator } from './coordinating.js';
import { programmeView } from './view.js';

export async function showProgrammeCommand(turn: Turn, active: FlowRun | null): Promise<void> {
  const mine = await coordinatedBy(turn);
  if (mine.length === 1 && mine[0]) return showProgramme(turn, mine[0].programme);
  await startAsCoordinator(turn, 'programme-view', active);
}

async function showProgramme(turn: Turn, programme: Programme): Promise<void> {
  turn.say(await programmeView(turn, turn.t, programme));
}

export const programmeViewFlow: FlowDefinition = {
  id: 'programme-view',
  version: 1,
  title: 'programme.flowView',
  start: 'route',
  steps: {
    ...coordinatorSteps('show'),
    show: {
      kind: 'act',
      run: async (ctx) => {
        const programme = await coordinatedProgramme(ctx);
        if (programme) await showProgramme(ctx.turn, programme);
        return null;
      },
    },
  },
};
