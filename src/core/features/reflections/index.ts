/**
 * Reflections (issue 13, "Meetings": before and after). Before a meeting each side may prepare
 * with their questions from the seeds; after it each rates it 1–5 and reflects (flow.ts,
 * rating.ts, jobs.ts — the meetings feature schedules the jobs). What a person writes is theirs
 * alone unless they share it with the partner (share.ts); where the pair's agreement says so,
 * the mentee's summary goes to her mentor. `my reflections` shows the author their own;
 * coordinators get `reflectionFacts` (counts, ratings, dates), never words.
 */
import type { Feature } from '../../kernel/feature.js';
import { pairedMemberships } from '../matching/help-facts.js';
import { reflectionFlow, startReflection } from './flow.js';
import { offerKind, prepareJob, reflectJob } from './jobs.js';
import { ratingKind } from './rating.js';
import { shareKind } from './share.js';
import { myReflectionsCommand } from './view.js';

export { reflectionFacts } from './view.js';

export const reflectionsFeature: Feature = {
  name: 'reflections',
  flows: [reflectionFlow],
  commands: [
    { name: 'prepare', run: (turn, _a, { active }) => startReflection(turn, 'preparation', { active }) },
    { name: 'reflect', run: (turn, _a, { active }) => startReflection(turn, 'reflection', { active }) },
    { name: 'myReflections', run: (turn) => myReflectionsCommand(turn) },
  ],
  questions: [offerKind, ratingKind, shareKind],
  jobs: [prepareJob, reflectJob],
  help: async (turn, facts) => {
    if (!facts.mine.some((x) => x.membership.role !== 'coordinator')) return [];
    return (await pairedMemberships(turn, facts)).size > 0 ? [turn.t('help.cmdPrepare'), turn.t('help.cmdReflect')] : [];
  },
};
