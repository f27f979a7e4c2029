/**
 * Where one member stands in their training: which of their modules are done, what comes next.
 * Pure, so the member's overview, the coordinator's status and the reminders all count alike.
 */
import type { Membership } from '../../domain.js';
import { TRAINING_MODULES, type TrainingModule, trainingModulesFor } from './modules.js';
import { type TrainingRecord, WORKSHOP_MODULE } from './ports.js';

export type MemberRole = 'mentor' | 'mentee';

export const moduleById = (id: string): TrainingModule | undefined => TRAINING_MODULES.find((m) => m.id === id);

export interface Progress {
  role: MemberRole;
  initial: readonly TrainingModule[];
  /** Empty until follow-ups were offered (later in the year). */
  followUps: readonly TrainingModule[];
  /** Module ids done in chat (or "workshop"). */
  done: ReadonlySet<string>;
  workshop: boolean;
  /** Initial modules done in chat; a workshop counts for all of them. */
  initialDone: number;
  followUpsDone: number;
  lastActivity: Date | null;
}

/** Null for coordinators, who take no training here. */
export function progressOf(member: Pick<Membership, 'role'>, records: readonly Pick<TrainingRecord, 'moduleId' | 'completedAt'>[], followUpsOffered: boolean): Progress | null {
  if (member.role === 'coordinator') return null;
  const done = new Set(records.map((r) => r.moduleId));
  const workshop = done.has(WORKSHOP_MODULE);
  const initial = trainingModulesFor(member.role, false);
  const followUps = followUpsOffered ? trainingModulesFor(member.role, true) : [];
  const last = records.reduce<Date | null>((at, r) => (!at || r.completedAt > at ? r.completedAt : at), null);
  return {
    role: member.role,
    initial,
    followUps,
    done,
    workshop,
    initialDone: initial.filter((m) => done.has(m.id)).length,
    followUpsDone: followUps.filter((m) => done.has(m.id)).length,
    lastActivity: last,
  };
}

/** Whether a module counts as done: taken in chat, or an initial one covered by a workshop. */
export const isDone = (p: Progress, m: TrainingModule): boolean => p.done.has(m.id) || (!m.followUp && p.workshop);

/** Every module the member may take now, in teaching order: the initial ones, then offered follow-ups. */
export const available = (p: Progress): TrainingModule[] => [...p.initial, ...p.followUps];

/** The first module not done yet (null: all done). */
export const nextModule = (p: Progress): TrainingModule | null => available(p).find((m) => !isDone(p, m)) ?? null;
