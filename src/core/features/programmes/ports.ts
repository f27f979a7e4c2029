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
  organisers: OrganiserRepo;
  setupCode: SetupCodeRepo;
}

/** Who may start programmes without coordinating one yet (see Organiser in prisma/schema/programmes.prisma). */
export interface OrganiserRepo {
  /**
   * Makes `personId` the organisation's first organiser, unless it has an organiser or a
   * coordinator already (then false: from then on, coordinators appoint coordinators).
   */
  grantFirst(organisationId: string, personId: string, via: 'setup-code', at: Date): Promise<boolean>;
}

/** The deployment's setup code, which its administrator hands to each organisation's first organiser. */
export interface SetupCodeRepo {
  current(): Promise<string | null>;
}
