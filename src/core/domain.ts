/** Plain domain records the core works with; the store maps its rows to these. */
import type { Platform } from './messages.js';

export type Role = 'coordinator' | 'mentor' | 'mentee';
export const ROLES: readonly Role[] = ['coordinator', 'mentor', 'mentee'];

export interface Organisation {
  id: string;
  name: string;
  platform: Platform;
  externalId: string;
}

export interface Person {
  id: string;
  organisationId: string;
  displayName: string;
  locale: string;
  timeZone: string;
}

export interface ChannelIdentity {
  id: string;
  organisationId: string;
  personId: string;
  platform: Platform;
  externalUserId: string;
  address: unknown;
}

export type MeetingFrequency = 'weekly' | 'biweekly' | 'monthly';

export interface Programme {
  id: string;
  organisationId: string;
  name: string;
  purpose: string;
  /** ISO dates (YYYY-MM-DD), in the programme's own calendar. */
  startsOn: string;
  endsOn: string;
  meetingFrequency: MeetingFrequency;
  joinCode: string;
  /** paused: takes no new members for now (its coordinator can reopen it); closed: for good. */
  status: 'draft' | 'open' | 'paused' | 'closed';
  createdById: string;
}

export interface LanguageSkill {
  /** An ISO 639 code ("ti", "kmr"), or the name the person typed for a language we do not list. */
  code: string;
  level: LanguageLevel;
}
/** Norwegian in the CEFR steps Norwegian courses use (or native); other languages in plain steps. */
export type LanguageLevel = 'basic' | 'intermediate' | 'fluent' | 'native' | CefrLevel;
export type CefrLevel = 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2';

export interface Profile {
  fullName: string | null;
  languages: LanguageSkill[];
  field: string | null;
  profession: string | null;
  /**
   * Optional in the type only so that records written before it existed (and callers that create
   * a coordinator's empty profile) need not name it; the store always reads it (null: none given).
   */
  education?: string | null;
  /**
   * Where they work, only so a programme that keeps colleagues apart can (optional; same note on
   * the type as education).
   */
  employer?: string | null;
  yearsExperience: number | null;
  region: string | null;
  availability: string | null;
  goals: string[];
  helpWanted: string | null;
  offer: string | null;
  capacity: number | null;
}

export interface Membership {
  id: string;
  organisationId: string;
  programmeId: string;
  personId: string;
  role: Role;
  status: 'active' | 'left';
  consentedAt: Date | null;
  consentVersion: string | null;
  profileDoneAt: Date | null;
  profile: Profile;
  joinedAt: Date;
  leftAt: Date | null;
}

export const EMPTY_PROFILE: Profile = {
  fullName: null,
  languages: [],
  field: null,
  profession: null,
  education: null,
  employer: null,
  yearsExperience: null,
  region: null,
  availability: null,
  goals: [],
  helpWanted: null,
  offer: null,
  capacity: null,
};

export type FlowRunStatus = 'active' | 'completed' | 'cancelled';

export type AnswerValue = string | number | boolean | null | string[] | { [key: string]: AnswerValue };
export type Answers = Record<string, AnswerValue>;

export interface FlowRun {
  id: string;
  organisationId: string;
  personId: string;
  programmeId: string | null;
  flowId: string;
  flowVersion: number;
  stepId: string;
  answers: Answers;
  promptId: string | null;
  status: FlowRunStatus;
  version: number;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface OutboxEntry {
  id: string;
  organisationId: string;
  personId: string;
  platform: Platform;
  payload: import('./messages.js').Outbound;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  externalRef: unknown;
  createdAt: Date;
}

export interface AuditEntry {
  organisationId: string;
  actorPersonId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  /** Never private text: ids, counts and field names only. */
  data?: Record<string, unknown>;
}

/**
 * A question waiting for one answer from one of its audience (a match request for a mentor, a
 * rating, a check-in, an escalation card shared by a programme's coordinators). A person may
 * have any number open beside their one typed conversation (FlowRun). Its id is the prompt id
 * of the buttons that answer it; `kind` names the feature's handler, e.g. a match request.
 */
export interface OpenQuestion {
  id: string;
  organisationId: string;
  programmeId: string | null;
  kind: string;
  /** The record it is about, for the owning feature ("match", "<match id>"). */
  subjectType: string;
  subjectId: string;
  /** Who may answer: one person, or several (the coordinators of a programme). */
  audience: string[];
  /** What the feature needs to render and apply an answer (ids, not private text). */
  data: Answers;
  status: 'open' | 'answered' | 'expired' | 'withdrawn';
  expiresAt: Date | null;
  answeredById: string | null;
  answeredAt: Date | null;
  answer: AnswerValue | null;
  createdAt: Date;
}

/** A unit of work due at a time, with no person behind it (a reminder, an expiry, a nudge run). */
export interface ScheduledJob {
  id: string;
  organisationId: string;
  kind: string;
  /** Natural key: scheduling the same key twice in an organisation keeps one job. */
  key: string;
  dueAt: Date;
  payload: Answers;
  attempts: number;
  /** The claim that holds it now; finishing checks it, so a job whose lease ran out is finished once. */
  leaseToken: string | null;
}

/** A job to schedule: `key` makes it idempotent ("expire-question:q123", "nudge:<pair>:2026-W48"). */
export interface NewJob {
  kind: string;
  key: string;
  dueAt: Date;
  payload?: Answers;
}

/** Bytes a message carries (a chart, a CSV, an .ics), stored once and referred to by id. */
export interface StoredFile {
  id: string;
  organisationId: string;
  /** Whom it was made for (null: the organisation's); only they get a link to it. */
  personId: string | null;
  name: string;
  mediaType: string;
  bytes: Uint8Array;
  createdAt: Date;
}
