/**
 * What check-ins store: every contact with one side of a pair (CheckIn: kind, sent, answered or
 * not, score, the good-match answer) and a programme's cadence (CheckInSettings). A comment is
 * its author's: `withComment` methods name the author's membership; what coordinators read
 * (`listForProgramme`, `listForMatch`) carries the comment only when its author shared it.
 */

export const CHECK_IN_KINDS = ['first-two-weeks', 'first-month', 'monthly', 'after-first-meeting'] as const;
export type CheckInKind = (typeof CHECK_IN_KINDS)[number];
export type CheckInStatus = 'sent' | 'answered' | 'unanswered';
export type GoodMatch = 'yes' | 'not-sure' | 'no';

export interface CheckIn {
  id: string;
  organisationId: string;
  programmeId: string;
  matchId: string;
  membershipId: string;
  kind: CheckInKind;
  round: number;
  questionId: string | null;
  sentAt: Date;
  status: CheckInStatus;
  answeredAt: Date | null;
  score: number | null;
  goodMatch: GoodMatch | null;
  prepared: string | null;
  listened: string | null;
  /** Null in what coordinators read unless `commentShared`. */
  comment: string | null;
  commentShared: boolean;
  createdAt: Date;
}

export interface CheckInSettings {
  programmeId: string;
  firstDay: number;
  secondDay: number;
  everyMonths: number;
  afterFirstMeeting: boolean;
}

export interface CheckInAnswer {
  goodMatch?: GoodMatch | null;
  prepared?: string | null;
  listened?: string | null;
  comment?: string | null;
  commentShared?: boolean;
}

export interface CheckInRepo {
  /** Logs a contact; false when the same contact (pair, side, kind, round) was logged already. */
  create(row: CheckIn): Promise<boolean>;
  /** Records which open question asked it. */
  setQuestion(organisationId: string, id: string, questionId: string): Promise<void>;
  /** The author's own row, comment included. */
  getOwn(organisationId: string, membershipId: string, id: string): Promise<CheckIn | null>;
  /** Records the score once the side answers (status answered); null when it was not waiting. */
  answer(organisationId: string, membershipId: string, id: string, score: number, now: Date): Promise<CheckIn | null>;
  /** Adds the form's answers (comment, share, the first meeting's questions) to an answered row. */
  addDetails(organisationId: string, membershipId: string, id: string, details: CheckInAnswer): Promise<CheckIn | null>;
  /** Marks a sent contact unanswered (its question expired); null when it was answered. */
  markUnanswered(organisationId: string, id: string): Promise<CheckIn | null>;
  /** A pair's contacts, oldest first; unshared comments left out. */
  listForMatch(organisationId: string, matchId: string): Promise<CheckIn[]>;
  /** A programme's contacts sent since `since`, oldest first; unshared comments left out. */
  listForProgramme(organisationId: string, programmeId: string, since: Date): Promise<CheckIn[]>;
  /** The comments the author shared with the coordinators (erasure looks for them in the coordinators' copies). */
  sharedCommentsBy(organisationId: string, membershipId: string): Promise<string[]>;
  /** Empties every comment the author wrote (leaving); returns how many. */
  eraseCommentsBy(organisationId: string, membershipId: string): Promise<number>;
  /**
   * Empties the stored answer of one of this feature's own questions: the comment form's values
   * are kept on the CheckIn row only, where the author's leaving erases them.
   */
  forgetQuestionAnswer(organisationId: string, questionId: string): Promise<void>;
}

export interface CheckInSettingsRepo {
  /** The programme's settings, or the defaults when none were saved. */
  get(organisationId: string, programmeId: string): Promise<CheckInSettings>;
  save(organisationId: string, settings: CheckInSettings, now: Date): Promise<CheckInSettings>;
}

export interface CheckinsRepos {
  checkIns: CheckInRepo;
  checkInSettings: CheckInSettingsRepo;
}
