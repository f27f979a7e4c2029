/** What the membership feature needs stored. */
import type { Membership, Programme, Profile, Role } from '../../domain.js';

export interface MembershipRepo {
  get(organisationId: string, id: string): Promise<Membership | null>;
  find(organisationId: string, programmeId: string, personId: string): Promise<Membership | null>;
  listForPerson(organisationId: string, personId: string): Promise<Membership[]>;
  /** The person's memberships (only those with `status` when given), each with its programme, oldest first. */
  listWithProgrammes(organisationId: string, personId: string, status?: Membership['status']): Promise<{ membership: Membership; programme: Programme }[]>;
  /**
   * What help needs, in one read: the person's active memberships with their programmes (as
   * listWithProgrammes), and whether the organisation has any programme at all (who may start
   * one depends on it).
   */
  overview(organisationId: string, personId: string): Promise<{ mine: { membership: Membership; programme: Programme }[]; organisationHasProgrammes: boolean }>;
  listForProgramme(organisationId: string, programmeId: string, filter?: { role?: Role; status?: Membership['status'] }): Promise<Membership[]>;
  create(membership: Membership): Promise<Membership>;
  update(
    organisationId: string,
    id: string,
    patch: Partial<Pick<Membership, 'role' | 'status' | 'consentedAt' | 'consentVersion' | 'profileDoneAt' | 'leftAt'>> & { profile?: Partial<Profile> },
  ): Promise<Membership>;
}

export interface MembershipRepos {
  memberships: MembershipRepo;
}
