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
  status: 'draft' | 'open' | 'closed';
  createdById: string;
}

export interface LanguageSkill {
  code: string;
  level: LanguageLevel;
}
export type LanguageLevel = 'basic' | 'intermediate' | 'fluent' | 'native';

export interface Profile {
  fullName: string | null;
  languages: LanguageSkill[];
  field: string | null;
  profession: string | null;
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
