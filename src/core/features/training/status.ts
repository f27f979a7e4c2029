/**
 * Whether a member has done the training a programme asks for before matching: every initial
 * module for their role, or an in-person workshop a coordinator recorded (which counts for all
 * of them). Matching asks this before offering suggestions when the programme requires training.
 */
import type { Membership } from '../../domain.js';
import type { Work } from '../../kernel/work.js';
import { WORKSHOP_MODULE, type TrainingRecord } from './ports.js';
import { trainingModulesFor } from './modules.js';

/** The initial modules the member has still to do (empty: done). Coordinators have none. */
export function modulesLeft(member: Pick<Membership, 'role'>, records: readonly Pick<TrainingRecord, 'moduleId'>[]): string[] {
  if (member.role === 'coordinator') return [];
  const done = new Set(records.map((r) => r.moduleId));
  if (done.has(WORKSHOP_MODULE)) return [];
  return trainingModulesFor(member.role, false)
    .map((m) => m.id)
    .filter((id) => !done.has(id));
}

export async function hasCompletedTraining(work: Work, member: Membership): Promise<boolean> {
  return modulesLeft(member, await work.repos.training.listForMembership(work.organisation.id, member.id)).length === 0;
}
