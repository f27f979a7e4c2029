/**
 * At the end of the mentee's reflection, her progress on each agreed goal: the goals feature
 * asks it (goals/ask.ts), as open questions beside whatever else she is doing.
 */
import type { Work } from '../../kernel/work.js';
import { askGoalProgress } from '../goals/ask.js';

export async function goalProgressAfter(work: Work, matchId: string, menteeMembershipId: string): Promise<void> {
  await askGoalProgress(work, matchId, menteeMembershipId, 'reflection');
}
