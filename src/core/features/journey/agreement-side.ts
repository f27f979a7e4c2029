/**
 * The mentoring agreement a pair makes together (issue 13): `agreement` (agreement-flow.ts),
 * the confirmation question (agreement-confirm.ts), the content and card (agreement-content.ts).
 * Visible to the pair only; a coordinator may learn that one exists and when it was confirmed
 * (agreementStatus), never its words.
 */
import type { Feature } from '../../kernel/feature.js';
import type { Work } from '../../kernel/work.js';
import { pairedMemberships } from '../matching/help-facts.js';
import { agreementKind } from './agreement-confirm.js';
import { agreementCommand, agreementFlow } from './agreement-flow.js';
import { agreementReviewJob } from './agreement-review.js';

export const agreementSide: Omit<Feature, 'name'> = {
  flows: [agreementFlow],
  commands: [{ name: 'agreement', run: (turn, _a, { active }) => agreementCommand(turn, active) }],
  questions: [agreementKind],
  jobs: [agreementReviewJob],
  help: async (turn, facts) => {
    if (!facts.mine.some((x) => x.membership.role !== 'coordinator')) return [];
    const paired = await pairedMemberships(turn, facts);
    return paired.size > 0 ? [turn.t('help.cmdAgreement')] : [];
  },
};

/**
 * For coordinators' views, no content: the version in force and when it was confirmed, and whether
 * a version (the first, or a change) waits for confirmation. Null when the pair has proposed nothing.
 */
export async function agreementStatus(work: Work, matchId: string): Promise<{ version: number; confirmedAt: Date | null; pending: boolean } | null> {
  const org = work.organisation.id;
  const [current, inForce] = await Promise.all([work.repos.agreements.current(org, matchId), work.repos.agreements.inForce(org, matchId)]);
  if (!current) return null;
  const pending = current.status === 'proposed';
  return inForce ? { version: inForce.version, confirmedAt: inForce.confirmedAt, pending } : { version: current.version, confirmedAt: null, pending };
}
