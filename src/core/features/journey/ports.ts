/**
 * What the journey stores: private notes (a participant's own words per step of a guide). A note
 * is its author's alone, so every method takes the author's membership id and reads or changes
 * nothing else: there is no way to ask for a pair's notes, or for someone else's.
 */

/** The guides a note can belong to (the MENTOR model for meetings). */
export type NoteContext = 'mentor-model';

export interface PrivateNote {
  id: string;
  organisationId: string;
  programmeId: string;
  matchId: string;
  authorMembershipId: string;
  context: NoteContext;
  step: string;
  text: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Which note: the author's, for a pair, a guide and a step. */
export interface NoteKey {
  matchId: string;
  authorMembershipId: string;
  context: NoteContext;
  step: string;
}

export interface NotesRepo {
  /** The author's notes for a pair and guide, oldest first. */
  listByAuthor(organisationId: string, authorMembershipId: string, matchId: string, context: NoteContext): Promise<PrivateNote[]>;
  find(organisationId: string, key: NoteKey): Promise<PrivateNote | null>;
  /** Writes the note for its key, replacing the text of one that exists (one row per key). */
  save(note: PrivateNote): Promise<PrivateNote>;
  /** Deletes the author's note for the key; false when there was none. */
  remove(organisationId: string, key: NoteKey): Promise<boolean>;
  /** Deletes every note of the author (leaving the programme); returns how many. */
  removeAllByAuthor(organisationId: string, authorMembershipId: string): Promise<number>;
}

export interface JourneyRepos {
  notes: NotesRepo;
  agreements: AgreementRepo;
}

export type AgreementStatus = 'draft' | 'proposed' | 'confirmed' | 'superseded';

/** One version of a pair's agreement (agreement-content.ts reads and writes its `answers`). */
export interface Agreement {
  id: string;
  organisationId: string;
  programmeId: string;
  matchId: string;
  version: number;
  answers: Record<string, unknown>;
  status: AgreementStatus;
  proposedById: string | null;
  mentorConfirmedAt: Date | null;
  menteeConfirmedAt: Date | null;
  confirmedAt: Date | null;
  createdAt: Date;
}

/** A pair's agreement, version by version. Only the pair's own commands read it (agreement*.ts). */
export interface AgreementRepo {
  /** The pair's newest version, whatever its status. */
  latest(organisationId: string, matchId: string): Promise<Agreement | null>;
  /** The newest version that is proposed or confirmed (what the pair has agreed or is agreeing on). */
  current(organisationId: string, matchId: string): Promise<Agreement | null>;
  /**
   * The newest confirmed version: what the pair has agreed and goes by (its goals, its frame).
   * A proposed change does not replace it until both have confirmed the change.
   */
  inForce(organisationId: string, matchId: string): Promise<Agreement | null>;
  get(organisationId: string, id: string): Promise<Agreement | null>;
  create(agreement: Agreement): Promise<Agreement>;
  /** Replaces a draft's answers; false when it is no longer a draft. */
  saveDraft(organisationId: string, id: string, answers: Record<string, unknown>): Promise<boolean>;
  /** Conditional moves: only from `from`; null when the row was not in it. */
  transition(organisationId: string, id: string, from: AgreementStatus[], to: AgreementStatus, patch?: { proposedById?: string; confirmedAt?: Date }): Promise<Agreement | null>;
  /** Records one side's confirmation of a proposed version, once; null when already done or not proposed. */
  confirm(organisationId: string, id: string, side: 'mentor' | 'mentee', now: Date): Promise<Agreement | null>;
  /** Deletes every version of these pairs' agreements (someone in them left); returns how many. */
  removeForMatches(organisationId: string, matchIds: string[]): Promise<number>;
  /**
   * Locks the pair's Match row until the transaction ends. A draft is read, merged and written
   * back; two sides saving at the same moment would otherwise lose one side's part.
   */
  lockPair(organisationId: string, matchId: string): Promise<void>;
}
