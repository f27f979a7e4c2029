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
}
