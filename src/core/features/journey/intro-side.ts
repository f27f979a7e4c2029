/**
 * The introduction of a new pair and their first meeting (see index.ts): introducePair (intro.ts,
 * called by matching's startMatch) and `my mentor` / `my mentee` to see it again (intro-view.ts).
 */
import type { Feature } from '../../kernel/feature.js';
import { pairedMemberships } from '../matching/help-facts.js';
import { myPairCommand } from './intro-view.js';

export const introSide: Omit<Feature, 'name'> = {
  commands: [myPairCommand],
  help: async (turn, facts) => {
    if (!facts.mine.some((x) => x.membership.role !== 'coordinator')) return [];
    // Only once paired: before that there is nobody to show (matching's lines lead there).
    const paired = await pairedMemberships(turn, facts);
    const roles = new Set(facts.mine.filter((x) => paired.has(x.membership.id)).map((x) => x.membership.role));
    return [...(roles.has('mentee') ? [turn.t('help.cmdMyMentor')] : []), ...(roles.has('mentor') ? [turn.t('help.cmdMyMentee')] : [])];
  },
};
