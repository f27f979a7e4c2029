/**
 * The MENTOR model guide for meetings, with a private note per step (see index.ts):
 * `meeting guide` (guide-flow.ts) and `my notes` (notes-view.ts), for mentors and mentees with
 * an active pair. Notes are PrivateNote rows, their author's alone (ports.ts).
 */
import type { Feature } from '../../kernel/feature.js';
import { pairedMemberships } from '../matching/help-facts.js';
import { guideFlow, meetingGuideCommand } from './guide-flow.js';
import { myNotesCommand } from './notes-view.js';

export const guideSide: Omit<Feature, 'name'> = {
  flows: [guideFlow],
  commands: [
    { name: 'meetingGuide', run: (turn, _a, { active }) => meetingGuideCommand(turn, active) },
    { name: 'myNotes', run: (turn) => myNotesCommand(turn) },
  ],
  help: async (turn, facts) => {
    if (!facts.mine.some((x) => x.membership.role !== 'coordinator')) return [];
    // Once paired: the guide and the notes are about a pair's meetings.
    const paired = await pairedMemberships(turn, facts);
    return paired.size > 0 ? [turn.t('help.cmdMeetingGuide'), turn.t('help.cmdMyNotes')] : [];
  },
};
