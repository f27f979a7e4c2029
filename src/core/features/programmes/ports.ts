/** What the programmes feature needs stored. */
import type { Programme } from '../../domain.js';

export interface ProgrammeRepo {
  get(organisationId: string, id: string): Promise<Programme | null>;
  findByJoinCode(organisationId: string, joinCode: string): Promise<Programme | null>;
  listForOrganisation(organisationId: string): Promise<Programme[]>;
  /** Whether the organisation has any programme at all (one row read, however many there are). */
  anyInOrganisation(organisationId: string): Promise<boolean>;
  create(programme: Programme): Promise<Programme>;
}

export interface ProgrammeRepos {
  programmes: ProgrammeRepo;
}
