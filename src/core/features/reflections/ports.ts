/**
 * What reflections store: one row per person, meeting and kind (a preparation before it, a
 * reflection after it) with their answers and, for a reflection, the meeting's rating 1–5.
 * The words are the author's alone: every method that returns them names the author's
 * membership; what a coordinator may learn (that it was done, the rating, when) comes from
 * `factsForMatch`, whose rows carry no answers at all.
 */

export type ReflectionKind = 'preparation' | 'reflection';

export interface Reflection {
  id: string;
  organisationId: string;
  programmeId: string;
  matchId: string;
  /** Null when no meeting could be named (preparing before one is planned). */
  meetingId: string | null;
  authorMembershipId: string;
  kind: ReflectionKind;
  /** Field name → the author's words (`summary`: the one sent to the mentor); empty while only the rating is given. */
  answers: Record<string, string>;
  rating: number | null;
  sharedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A reflection without its words: all that leaves the author's own views. */
export type ReflectionFact = Pick<Reflection, 'authorMembershipId' | 'meetingId' | 'kind' | 'rating' | 'createdAt' | 'updatedAt'> & { answered: boolean };

export interface ReflectionRepo {
  /** The author's own row, by id. */
  get(organisationId: string, authorMembershipId: string, id: string): Promise<Reflection | null>;
  /** The author's row for one meeting and kind (null meeting: none is looked for). */
  find(organisationId: string, authorMembershipId: string, meetingId: string | null, kind: ReflectionKind): Promise<Reflection | null>;
  /**
   * Writes `fields` into the row of (meeting, author, kind), making it from `row` when there is
   * none: an answer or a rating sent twice leaves one row. Without a meeting, always a new row.
   */
  save(row: Reflection, fields: { answers?: Record<string, string>; rating?: number }): Promise<Reflection>;
  /** Records that the author shared it; null when it was shared already or is not theirs. */
  markShared(organisationId: string, authorMembershipId: string, id: string, now: Date): Promise<Reflection | null>;
  /** The author's own rows for a pair, newest first. */
  listByAuthor(organisationId: string, authorMembershipId: string, matchId: string): Promise<Reflection[]>;
  /** Every row of a pair without its words, oldest first (coordinators' facts). */
  factsForMatch(organisationId: string, matchId: string): Promise<ReflectionFact[]>;
  /** The author's words that reached the partner (shared rows, summaries): erasure looks for them in others' copies. */
  wordsSharedBy(organisationId: string, authorMembershipId: string): Promise<string[]>;
  /** Deletes every row the author wrote (leaving the programme); returns how many. */
  removeAllByAuthor(organisationId: string, authorMembershipId: string): Promise<number>;
}

export interface ReflectionsRepos {
  reflections: ReflectionRepo;
}
