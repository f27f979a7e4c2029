/** What the programmes feature needs stored. */
import type { Programme } from '../../domain.js';

/** What a coordinator may edit about a programme (the create form's fields). */
export type ProgrammeDetails = Pick<Programme, 'name' | 'purpose' | 'startsOn' | 'endsOn' | 'meetingFrequency'>;

/**
 * A single-use code a coordinator gives a colleague to make them a co-coordinator (`join CODE`,
 * then a confirmation). Ids and times only.
 */
export interface CoordinatorInvite {
  id: string;
  organisationId: string;
  programmeId: string;
  code: string;
  invitedById: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  usedById: string | null;
}

export interface ProgrammeRepo {
  get(organisationId: string, id: string): Promise<Programme | null>;
  findByJoinCode(organisationId: string, joinCode: string): Promise<Programme | null>;
  listForOrganisation(organisationId: string): Promise<Programme[]>;
  /** Whether the organisation has any programme at all (one row read, however many there are). */
  anyInOrganisation(organisationId: string): Promise<boolean>;
  create(programme: Programme): Promise<Programme>;
  update(organisationId: string, id: string, patch: Partial<ProgrammeDetails>): Promise<Programme>;
  /**
   * Moves the programme to `to` if its status is one of `from`, in one conditional update; null
   * when it was not (another coordinator changed it first), and then nothing changes.
   */
  changeStatus(organisationId: string, id: string, from: readonly Programme['status'][], to: Programme['status']): Promise<Programme | null>;
  createInvite(invite: CoordinatorInvite): Promise<CoordinatorInvite>;
  /** The invite with this code in this organisation (a code from another one does not match). */
  findInvite(organisationId: string, code: string): Promise<CoordinatorInvite | null>;
  /**
   * Uses the invite for `personId` if it is unused and not expired at `now`, in one conditional
   * update: of two redemptions at once exactly one gets true (the row lock decides).
   */
  claimInvite(organisationId: string, id: string, personId: string, now: Date): Promise<boolean>;
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
