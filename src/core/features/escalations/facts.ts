/**
 * What others may know of a programme's escalations: how many are unresolved (open or taken),
 * for the coordinators' weekly digest. No words, no names.
 */
import type { Work } from '../../kernel/work.js';

/** Escalations of the programme not yet resolved (open, or taken by a coordinator and not closed). */
export async function openEscalationCount(work: Work, programmeId: string): Promise<number> {
  return work.repos.escalations.countUnresolved(work.organisation.id, programmeId);
}
