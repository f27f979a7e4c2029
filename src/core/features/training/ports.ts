/** What the training feature needs stored: who completed which module, in chat or at a workshop. */

/** "workshop": an in-person workshop the coordinator recorded, counting for every initial module. */
export const WORKSHOP_MODULE = 'workshop';

export interface TrainingRecord {
  id: string;
  organisationId: string;
  programmeId: string;
  membershipId: string;
  moduleId: string;
  via: 'chat' | 'workshop';
  recordedById: string;
  completedAt: Date;
}

export interface TrainingRepo {
  /** Records it once: a second completion of the same module keeps the first (false). */
  record(record: TrainingRecord): Promise<boolean>;
  listForMembership(organisationId: string, membershipId: string): Promise<TrainingRecord[]>;
  listForProgramme(organisationId: string, programmeId: string): Promise<TrainingRecord[]>;
}

export interface TrainingRepos {
  training: TrainingRepo;
}
