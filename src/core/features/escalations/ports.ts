/**
 * What escalations store: the escalation (status, who took it, how it ended), its sources (one
 * per sourceKey: the idempotency of raiseEscalation, and the only place a participant's shared
 * words live) and the organisation's fallback person. Every method takes the organisation id.
 */
import type { ConcernKind } from './words.js';

export type EscalationTrigger = 'low-rating' | 'not-a-good-match' | 'words' | 'no-meetings' | 'nudges-ignored' | 'asked-for-help';
export type EscalationStatus = 'open' | 'taken' | 'resolved';
export type Resolution = 'resolved' | 'rematch' | 'left';

export interface Escalation {
  id: string;
  organisationId: string;
  programmeId: string;
  matchId: string | null;
  membershipId: string;
  trigger: EscalationTrigger;
  concerns: ConcernKind[];
  status: EscalationStatus;
  level: number;
  /** Set while unresolved: one unresolved escalation per programme, pair (or participant) and trigger. */
  openKey: string | null;
  /** The card the coordinators act on now. */
  questionId: string | null;
  takenById: string | null;
  takenAt: Date | null;
  resolvedById: string | null;
  resolvedAt: Date | null;
  resolution: Resolution | null;
  resolutionNote: string | null;
  createdAt: Date;
}

export interface EscalationSource {
  id: string;
  organisationId: string;
  escalationId: string;
  sourceKey: string;
  membershipId: string;
  concerns: ConcernKind[];
  /** Only when the participant chose to share them with the coordinator. */
  sharedWords: string | null;
  createdAt: Date;
}

export interface EscalationRepo {
  /** Whether a source with this key was recorded already. */
  sourceSeen(organisationId: string, sourceKey: string): Promise<boolean>;
  /**
   * The unresolved escalation with `escalation.openKey`, made from `escalation` when there is
   * none (of two raising at once, one makes it and the other finds it). `created` says which.
   */
  openOrCreate(escalation: Escalation): Promise<{ escalation: Escalation; created: boolean }>;
  /** Records a source once; false when its key was recorded already. */
  addSource(source: EscalationSource): Promise<boolean>;
  get(organisationId: string, id: string): Promise<Escalation | null>;
  sources(organisationId: string, escalationId: string): Promise<EscalationSource[]>;
  /** Writes the fields when the escalation's status is one of `from` (one conditional update); null otherwise. */
  update(organisationId: string, id: string, from: readonly EscalationStatus[], fields: Partial<Pick<Escalation, 'status' | 'level' | 'openKey' | 'questionId' | 'takenById' | 'takenAt' | 'resolvedById' | 'resolvedAt' | 'resolution' | 'resolutionNote' | 'concerns'>>): Promise<Escalation | null>;
  /** Unresolved escalations of these programmes, oldest first. */
  listUnresolved(organisationId: string, programmeIds: readonly string[]): Promise<Escalation[]>;
  countUnresolved(organisationId: string, programmeId: string): Promise<number>;
  /** The words a person shared with coordinators (erasure looks for them in others' copies). */
  wordsSharedBy(organisationId: string, membershipId: string): Promise<string[]>;
  /**
   * Leaving: empties the person's shared words and the notes of escalations about them or
   * resolved by them (`personId`), and resolves those still open about them ('left'). Returns
   * how many rows changed.
   */
  eraseFor(organisationId: string, membershipId: string, personId: string, programmeId: string, now: Date): Promise<number>;
  /** The stored copy of an answer to an escalation question (a resolution note) holds no words. */
  forgetQuestionAnswer(organisationId: string, questionId: string): Promise<void>;
  /** The organisation's fallback person, if one is named. */
  fallback(organisationId: string): Promise<string | null>;
  setFallback(organisationId: string, personId: string | null, now: Date): Promise<void>;
  /** The people who actively coordinate any programme of the organisation (fallback candidates). */
  organisationCoordinators(organisationId: string): Promise<string[]>;
}

export interface EscalationsRepos {
  escalations: EscalationRepo;
}
