/**
 * The coordinator's part of matching (see index.ts): the matches view with the waitlist and whom
 * to recruit, direct assignment, the whole-cohort draft and its reveal, matching settings, pairs
 * kept apart; and ending a match, which participants may do too. Everything but ending a match is
 * for a programme's active coordinators only (startAsCoordinator refuses anyone else).
 */
import type { Programme } from '../../domain.js';
import type { Feature } from '../../kernel/feature.js';
import { startAsCoordinator } from '../programmes/coordinating.js';
import { cohortFlow } from './cohort-flow.js';
import { revealJob } from './cohort-reveal.js';
import { assignFlow } from './direct-assign.js';
import { endMatchCommand, endMatchFlow } from './end-match.js';
import { keepApartFlow } from './keep-apart.js';
import { matchingSettingsFlow } from './settings.js';
import { matchesCommand, matchesViewFlow } from './waitlist-view.js';
import { pairedMemberships } from './help-facts.js';

/** New pairs only where the programme still runs: a closed one takes nobody new. */
const running = (p: Programme) => p.status !== 'closed';
const none = { key: 'programme.allClosed' };

export const coordinatorSide: Omit<Feature, 'name'> = {
  flows: [matchesViewFlow, assignFlow, cohortFlow, endMatchFlow, matchingSettingsFlow, keepApartFlow],
  commands: [
    { name: 'matches', run: (turn, _a, { active }) => matchesCommand(turn, active) },
    { name: 'assign', run: (turn, _a, { active }) => startAsCoordinator(turn, 'assign-match', active, { applies: running, none }) },
    { name: 'cohort', run: (turn, _a, { active }) => startAsCoordinator(turn, 'cohort', active, { applies: running, none }) },
    { name: 'matchingSettings', run: (turn, _a, { active }) => startAsCoordinator(turn, 'matching-settings', active) },
    { name: 'keepApart', run: (turn, _a, { active }) => startAsCoordinator(turn, 'keep-apart', active) },
    { name: 'endMatch', run: (turn, _a, { active }) => endMatchCommand(turn, active) },
  ],
  jobs: [revealJob],
  help: async (turn, facts) => {
    const lines: string[] = [];
    if (facts.mine.some((m) => m.membership.role === 'coordinator')) {
      lines.push(turn.t('help.cmdMatches'), turn.t('help.cmdAssign'), turn.t('help.cmdCohort'), turn.t('help.cmdMatchingSettings'), turn.t('help.cmdKeepApart'));
    }
    // "end match" only for someone who has one to end (coordinators: any pair of theirs, so always).
    const coordinates = facts.mine.some((m) => m.membership.role === 'coordinator');
    if (coordinates || (await pairedMemberships(turn, facts)).size > 0) lines.push(turn.t('help.cmdEndMatch'));
    return lines;
  },
};
