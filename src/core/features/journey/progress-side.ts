/** The coordinator's side of the journey: `progress`, how each pair is doing (progress-view.ts). */
import type { Feature } from '../../kernel/feature.js';
import { progressCommand, progressViewFlow } from './progress-view.js';

export const progressSide: Omit<Feature, 'name'> = {
  flows: [progressViewFlow],
  commands: [{ name: 'progress', run: (turn, _a, { active }) => progressCommand(turn, active) }],
  help: (turn, facts) => (facts.mine.some((m) => m.membership.role === 'coordinator') ? [turn.t('help.cmdProgress')] : []),
};
