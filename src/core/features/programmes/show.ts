/**
 * `programme`: a coordinator's view of her programme (view.ts). With one programme she sees it at
 * once, and whatever she was doing stays as it was; with several she picks which first.
 */
import type { FlowRun, Programme } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import { coordinatorActionFlow, onCoordinatedProgramme } from './coordinating.js';
import { programmeView } from './view.js';

async function showProgramme(turn: Turn, programme: Programme): Promise<void> {
  turn.say(await programmeView(turn, turn.t, programme));
}

export const showProgrammeCommand = (turn: Turn, active: FlowRun | null) => onCoordinatedProgramme(turn, active, 'programme-view', showProgramme);

export const programmeViewFlow = coordinatorActionFlow('programme-view', 'programme.flowView', showProgramme);
