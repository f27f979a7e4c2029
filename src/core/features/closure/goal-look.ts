/** The final look at each agreed goal when a pair ends: the goals feature asks it. */
import type { Work } from '../../kernel/work.js';
import { askGoalProgress } from '../goals/ask.js';

export const askFinalGoalLook = (work: Work, matchId: string, membershipId: string): Promise<boolean> => askGoalProgress(work, matchId, membershipId, 'closing');
