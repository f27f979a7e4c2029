/**
 * What nudges store and read. The planner reads a whole organisation's facts in a few bulk
 * statements (`facts`): the weekly plan covers every active participant each hour, so it must not
 * read person by person. Rows carry ids, codes, counts and times, never anything a person wrote.
 */
import type { MeetingFrequency, NewJob, OpenQuestion } from '../../domain.js';
import type { Platform } from '../../messages.js';
import type { Quiet } from './time.js';

export interface NudgeSettings extends Quiet {
  programmeId: string;
}

export interface ProgrammeFact {
  id: string;
  meetingFrequency: MeetingFrequency;
  trainingRequired: boolean;
  quiet: Quiet;
}

/** An active mentor or mentee of a programme that is not closed. */
export interface MemberFact {
  membershipId: string;
  personId: string;
  programmeId: string;
  role: 'mentor' | 'mentee';
  timeZone: string;
}

/** An active pair, its meetings and its agreement, in numbers. */
export interface PairFact {
  matchId: string;
  programmeId: string;
  mentorMembershipId: string;
  menteeMembershipId: string;
  startedAt: Date;
  lastHeldAt: Date | null;
  /** The earliest proposed or planned meeting still to come. */
  nextMeetingAt: Date | null;
  /** The frame's frequency of the confirmed agreement in force (null: none confirmed). */
  agreedFrequency: string | null;
  hasConfirmedAgreement: boolean;
  /** The newest version's status (null: no agreement begun). */
  newestAgreementStatus: string | null;
  /** Roles that answered their part of the newest version. */
  partsDone: string[];
}

export interface NudgeFacts {
  programmes: ProgrammeFact[];
  members: MemberFact[];
  pairs: PairFact[];
  /** Open questions of the reminded kinds, per person (created before the cut-off). */
  waiting: { personId: string; programmeId: string | null; kind: string; count: number }[];
  /** Training modules each member has done. */
  training: { membershipId: string; moduleIds: string[] }[];
  /** Reflections begun and left (an active reflection flow). */
  reflecting: { personId: string; programmeId: string | null }[];
  pauses: { personId: string; until: Date }[];
  lastNudges: { personId: string; sentAt: Date; answeredAt: Date | null; ignoredBefore: number }[];
  /** The person's newest message to the bot (the inbox keeps sender and time for 30 days). */
  lastInbound: { personId: string; at: Date }[];
  /** Stalls already raised for these pairs. */
  stalls: { matchId: string; since: Date }[];
}

export interface NewNudgeLog {
  id: string;
  organisationId: string;
  programmeId: string;
  personId: string;
  week: string;
  sentAt: Date;
  items: string[];
  questionId: string;
  ignoredBefore: number;
}

export interface Reader {
  id: string;
  locale: string;
  timeZone: string;
  /** Where they are reached (their first channel identity); null: none yet. */
  platform: Platform | null;
}

export interface NudgePause {
  kind: 'snooze' | 'pause';
  until: Date;
}

export interface NudgeRepo {
  facts(organisationId: string, now: Date, opts: { waitingKinds: string[]; waitingBefore: Date; inboundSince: Date }): Promise<NudgeFacts>;
  /** People of the organisation, for texts in their language (ids not found are left out). */
  readers(organisationId: string, personIds: string[]): Promise<Reader[]>;
  /** Inserts the logs whose person has none this week; returns the ids of the people inserted. */
  record(rows: NewNudgeLog[]): Promise<Set<string>>;
  /**
   * Schedules a plan's chunk jobs in one statement (idempotent per key, as JobRepo.schedule): the
   * plan's transaction stays short however many chunks a large organisation needs.
   */
  scheduleChunks(organisationId: string, jobs: (NewJob & { id: string })[], now: Date): Promise<void>;
  /** The nudge questions, in one statement (a plan writes hundreds at once). */
  createQuestions(questions: OpenQuestion[]): Promise<void>;
  markAnswered(organisationId: string, questionId: string, now: Date): Promise<void>;
  /** Records stalls; returns the match ids newly recorded (a stall is raised once). */
  recordStalls(organisationId: string, rows: { matchId: string; since: Date }[], now: Date): Promise<Set<string>>;
  settings(organisationId: string, programmeId: string): Promise<NudgeSettings>;
  saveSettings(organisationId: string, settings: NudgeSettings, now: Date): Promise<void>;
  pause(organisationId: string, personId: string): Promise<NudgePause | null>;
  setPause(organisationId: string, personId: string, pause: NudgePause, now: Date): Promise<void>;
  /** Ends a pause; false when there was none. */
  resume(organisationId: string, personId: string): Promise<boolean>;
  /**
   * The person left the programme: their nudge logs filed under it go, and their pause too when
   * no other programme of theirs is active. Returns how many rows went.
   */
  eraseFor(organisationId: string, personId: string, programmeId: string, stillActiveElsewhere: boolean): Promise<number>;
}

export interface NudgesRepos {
  nudges: NudgeRepo;
}
