/**
 * Escalations (issue 14): signals that a pair or a participant needs a coordinator, decided by
 * rules (words.ts) so they work with no AI configured, raised through one entry point
 * (raise.ts: low ratings, check-ins, shared words, silence, ignored nudges, a request for help),
 * shown to the programme's coordinators as one shared card (card.ts), sent again when nobody
 * takes it (reescalate.ts, working-hours.ts) to the organisation's fallback person too
 * (fallback.ts), listed for coordinators (view.ts) and counted for the digest (facts.ts).
 */
import type { Feature } from '../../kernel/feature.js';
import { askHelpCommand, askHelpFlow } from './ask-help.js';
import { cardKind, followUpKind, resolveKind } from './card.js';
import { fallbackCommand, fallbackFlow } from './fallback.js';
import { reescalateJob } from './reescalate.js';
import { escalationsCommand } from './view.js';

export { openEscalationCount } from './facts.js';
export { raiseEscalation } from './raise.js';

export const escalationsFeature: Feature = {
  name: 'escalations',
  flows: [askHelpFlow, fallbackFlow],
  commands: [
    { name: 'talkToCoordinator', run: (turn, _a, { active }) => askHelpCommand(turn, active) },
    { name: 'escalations', run: (turn) => escalationsCommand(turn) },
    { name: 'escalationFallback', run: (turn, _a, { active }) => fallbackCommand(turn, active) },
  ],
  questions: [cardKind, followUpKind, resolveKind],
  jobs: [reescalateJob],
  help: (turn, facts) => {
    const lines: string[] = [];
    if (facts.mine.some((x) => x.membership.role !== 'coordinator')) lines.push(turn.t('help.cmdTalkToCoordinator'));
    if (facts.mine.some((x) => x.membership.role === 'coordinator')) lines.push(turn.t('help.cmdEscalations'));
    return lines;
  },
};
