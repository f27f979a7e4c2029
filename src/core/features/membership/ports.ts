/** What the membership feature needs stored. */
import type { FlowRun, Membership, OpenQuestion, Programme, Profile, Role } from '../../domain.js';

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
  overview(organisationId: string, personId: string): Promise<{ mine: { membership: Membership; programme: Programme }[]; organisationHasProgrammes: boolean; isOrganiser: boolean }>;
  listForProgramme(organisationId: string, programmeId: string, filter?: { role?: Role; status?: Membership['status'] }): Promise<Membership[]>;
  create(membership: Membership): Promise<Membership>;
  update(
    organisationId: string,
    id: string,
    patch: Partial<Pick<Membership, 'role' | 'status' | 'consentedAt' | 'consentVersion' | 'profileDoneAt' | 'joinedAt' | 'leftAt'>> & { profile?: Partial<Profile> },
  ): Promise<Membership>;
  /**
   * The programme's active coordinators' person ids, their rows locked until the transaction ends:
   * of two coordinators leaving at once, the second waits for the first and then sees her gone,
   * so the last one left cannot leave too.
   */
  lockActiveCoordinators(organisationId: string, programmeId: string): Promise<string[]>;
}

/**
 * What erasing a person from a programme needs (erasure.ts). The rows are the kernel's (FlowRun,
 * OutboxMessage, StoredFile, OpenQuestion), but only erasure touches them this way, so the
 * methods live with their one use. "Copies" are OutboxMessage payloads: the bot's own record of
 * what it sent; a pending one is never touched (it may be on its way to the platform right now).
 */
export interface ErasureRepo {
  /**
   * The person's runs about the programme, any status: FlowRun.programmeId, answers.programmeId
   * (flows that ask which programme), or answers.initialFrom (a join elsewhere that was offered
   * the profile given for this programme and holds a copy of it until it saves).
   */
  runsAbout(organisationId: string, personId: string, programmeId: string): Promise<FlowRun[]>;
  /** Empties these runs' answers and cancels any still active (bumping its version, so a click racing this loses); how many changed. */
  eraseRunAnswers(organisationId: string, runIds: readonly string[], now: Date): Promise<number>;
  /** Erases the copies of messages to the person created at or after `since` (sent or given up), but the one asking `keepPromptId`; how many. */
  eraseMessagesTo(organisationId: string, personId: string, since: Date, keepPromptId: string | null): Promise<number>;
  /**
   * Erases the copies of messages to the programme's other members (any membership status)
   * created at or after `since` (sent or given up) with one of `texts` in any of their strings.
   */
  eraseMessagesMentioning(organisationId: string, programmeId: string, personId: string, since: Date, texts: readonly string[]): Promise<number>;
  /** Deletes the files made for the person at or after `since`, except those a pending message still carries; how many. */
  deleteFilesFor(organisationId: string, personId: string, since: Date): Promise<number>;
  /** The programme's open questions about the person: subject or data naming one of `ids`, or asked of the person alone. */
  openQuestionsAbout(organisationId: string, programmeId: string, personId: string, ids: readonly string[]): Promise<OpenQuestion[]>;
  /** Takes the person out of the audience of the programme's other open questions (shared ones, which others still answer); how many. */
  leaveAudiences(organisationId: string, programmeId: string, personId: string): Promise<number>;
}

export interface MembershipRepos {
  memberships: MembershipRepo;
  erasure: ErasureRepo;
}
