/**
 * What the matching feature needs stored. A Match row follows a pair from suggestion to end
 * (see MatchStatus in prisma/schema/matching.prisma); rows are kept when a match ends, so the
 * history answers "who changed mentor?" and an ended pair is never suggested again.
 */
import type { Weights } from './score.js';

export type MatchStatus = 'suggested' | 'passed' | 'requested' | 'draft' | 'active' | 'declined' | 'expired' | 'withdrawn' | 'ended';
export type MatchOrigin = 'suggestion' | 'direct' | 'cohort';

export interface Match {
  id: string;
  organisationId: string;
  programmeId: string;
  mentorMembershipId: string;
  menteeMembershipId: string;
  status: MatchStatus;
  /** 0–1 when it was made; for ordering and the coordinator's view, never shown bare. */
  score: number | null;
  origin: MatchOrigin;
  cohortDraftId: string | null;
  /** The open question asking the mentor (status requested). */
  questionId: string | null;
  requestedAt: Date | null;
  respondedAt: Date | null;
  /** The mentor's words when declining: coordinators only. */
  declineReason: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  endedById: string | null;
  createdAt: Date;
}

/** A programme's matching rules (defaults when its coordinators never set them). */
export interface MatchingSettings {
  programmeId: string;
  trainingRequired: boolean;
  excludeSameEmployer: boolean;
  weights: Weights;
  /** Days a mentor has to answer a request; reminded once half-way, then it expires. */
  requestDays: number;
}

export const DEFAULT_MATCHING_SETTINGS: Omit<MatchingSettings, 'programmeId'> = { trainingRequired: false, excludeSameEmployer: false, weights: {}, requestDays: 7 };

export type WaitlistReason = 'noFit' | 'noPlaces' | 'noLanguage' | 'allDeclined';

export interface WaitlistEntry {
  membershipId: string;
  organisationId: string;
  programmeId: string;
  since: Date;
  reason: WaitlistReason;
  offeredAt: Date | null;
}

export type CohortDraftStatus = 'draft' | 'approved' | 'revealed' | 'discarded';

export interface CohortDraft {
  id: string;
  organisationId: string;
  programmeId: string;
  status: CohortDraftStatus;
  createdById: string;
  createdAt: Date;
  approvedById: string | null;
  approvedAt: Date | null;
  revealAt: Date | null;
  revealedAt: Date | null;
}

/** What `activate` found: the match is active now, the mentor had no place left, or the match was no longer in a state that may become active. */
export type ActivateResult = { status: 'activated'; match: Match } | { status: 'full' } | { status: 'gone' };

export interface MatchRepo {
  get(organisationId: string, id: string): Promise<Match | null>;
  /** The programme's matches, only those with one of `statuses` when given, oldest first. */
  listForProgramme(organisationId: string, programmeId: string, statuses?: readonly MatchStatus[]): Promise<Match[]>;
  /** Matches where the membership is mentor or mentee, only those with one of `statuses` when given, oldest first. */
  listForMembership(organisationId: string, membershipId: string, statuses?: readonly MatchStatus[]): Promise<Match[]>;
  createMany(matches: readonly Match[]): Promise<void>;
  /**
   * Moves the match to `to` if its status is one of `from`, in one conditional update, with the
   * other fields of `patch`; null when it was not (a second click, a race), and nothing changes.
   */
  transition(organisationId: string, id: string, from: readonly MatchStatus[], to: MatchStatus, patch?: Partial<Pick<Match, 'questionId' | 'requestedAt' | 'respondedAt' | 'declineReason' | 'startedAt' | 'endedAt' | 'endedById'>>): Promise<Match | null>;
  /** Moves every match of the mentee in one of `from` to `to` (her other suggestions, when she chooses one); how many. */
  transitionAllForMentee(organisationId: string, menteeMembershipId: string, from: readonly MatchStatus[], to: MatchStatus): Promise<number>;
  /**
   * Makes the match active if it is in one of `from` and its mentor has a free place: the
   * mentor's membership row is locked first (SELECT … FOR UPDATE), then their active matches are
   * counted against their capacity (0 places while they are not accepting mentees, unless
   * `ignorePause`), then the match moves. So of two activations for one last place at the same
   * moment, exactly one succeeds, whatever the isolation level.
   */
  activate(organisationId: string, id: string, from: readonly MatchStatus[], now: Date, options?: { ignorePause?: boolean }): Promise<ActivateResult>;
  /** Mentor membership id → matches with one of `statuses` (e.g. suggested + requested: outstanding demand; active: places taken). */
  countByMentor(organisationId: string, programmeId: string, statuses: readonly MatchStatus[]): Promise<Map<string, number>>;
  /** Erases the decline reasons of the membership's matches (when mentor or mentee leaves); how many. */
  eraseDeclineReasons(organisationId: string, membershipId: string): Promise<number>;
}

export interface MatchingSettingsRepo {
  /** The programme's settings, or the defaults when none were saved. */
  get(organisationId: string, programmeId: string): Promise<MatchingSettings>;
  save(organisationId: string, settings: MatchingSettings): Promise<MatchingSettings>;
}

export interface DoNotMatchRepo {
  /** Both memberships of every pair kept apart in the programme. */
  list(organisationId: string, programmeId: string): Promise<[string, string][]>;
  /** Keeps the two apart (idempotent, either order); false when they already were. */
  add(organisationId: string, programmeId: string, a: string, b: string, createdById: string, now: Date): Promise<boolean>;
}

export interface WaitlistRepo {
  /** Puts her on the waitlist, or updates the reason and keeps her place (her first `since`). */
  put(entry: Omit<WaitlistEntry, 'offeredAt'>): Promise<WaitlistEntry>;
  remove(organisationId: string, membershipId: string): Promise<boolean>;
  get(organisationId: string, membershipId: string): Promise<WaitlistEntry | null>;
  /** The programme's waitlist, longest waiting first. */
  list(organisationId: string, programmeId: string): Promise<WaitlistEntry[]>;
  markOffered(organisationId: string, membershipId: string, at: Date): Promise<void>;
}

export interface CohortDraftRepo {
  create(draft: CohortDraft): Promise<CohortDraft>;
  get(organisationId: string, id: string): Promise<CohortDraft | null>;
  /** The programme's newest draft that is not discarded or revealed, if any. */
  current(organisationId: string, programmeId: string): Promise<CohortDraft | null>;
  /** Moves it to `to` if its status is one of `from`, with the other fields of `patch`; null when it was not. */
  transition(organisationId: string, id: string, from: readonly CohortDraftStatus[], to: CohortDraftStatus, patch?: Partial<Pick<CohortDraft, 'approvedById' | 'approvedAt' | 'revealAt' | 'revealedAt'>>): Promise<CohortDraft | null>;
}

/** A mentor's own switch: paused mentors keep their capacity but are suggested to nobody. */
export interface MentorAvailabilityRepo {
  /** Membership id → accepting new mentees, for the given memberships (missing ids: not found). */
  accepting(organisationId: string, membershipIds: readonly string[]): Promise<Map<string, boolean>>;
  setAccepting(organisationId: string, membershipId: string, accepting: boolean): Promise<void>;
}

export interface MatchingRepos {
  matches: MatchRepo;
  matchingSettings: MatchingSettingsRepo;
  doNotMatch: DoNotMatchRepo;
  waitlist: WaitlistRepo;
  cohortDrafts: CohortDraftRepo;
  mentorAvailability: MentorAvailabilityRepo;
}
