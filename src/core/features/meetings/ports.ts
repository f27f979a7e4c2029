/**
 * What meetings store: one row per meeting of a pair, from proposal to held or cancelled.
 * `place` is a person's own words (an address, a video link): only the pair's own messages show
 * it, and leaving erases it (erasePlaces). Other features read meetings through `get` and
 * `listForMatch` (reflections: which meeting a preparation is for); coordinators get numbers only
 * (view.ts meetingFacts).
 */

export type MeetingStatus = 'proposed' | 'planned' | 'held' | 'cancelled';
export type MeetingMode = 'in-person' | 'online';

export interface Meeting {
  id: string;
  organisationId: string;
  programmeId: string;
  matchId: string;
  startsAt: Date;
  minutes: number;
  mode: MeetingMode;
  place: string | null;
  status: MeetingStatus;
  /** Goes up with every new time and with cancelling: the calendar file's SEQUENCE. */
  sequence: number;
  /** The membership that proposed the current time; the other side answers. */
  proposedById: string;
  /** Who said it happened, and when (a past meeting awaiting the other side's confirmation). */
  loggedById: string | null;
  loggedAt: Date | null;
  confirmedById: string | null;
  confirmedAt: Date | null;
  cancelledById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a change writes; the row moves only from the statuses (and sequence) given. */
export type MeetingPatch = Partial<Pick<Meeting, 'startsAt' | 'minutes' | 'mode' | 'place' | 'status' | 'sequence' | 'proposedById' | 'loggedById' | 'loggedAt' | 'confirmedById' | 'confirmedAt' | 'cancelledById'>>;

export interface MeetingRepo {
  get(organisationId: string, id: string): Promise<Meeting | null>;
  /** Every meeting of the pair, newest (latest start) first. */
  listForMatch(organisationId: string, matchId: string): Promise<Meeting[]>;
  create(meeting: Meeting): Promise<Meeting>;
  /**
   * A conditional change: only while the row is in one of `from` (and at `sequence`, when
   * given); null when it was not, so of two people acting at once exactly one changes it.
   */
  update(organisationId: string, id: string, from: { status: MeetingStatus[]; sequence?: number }, patch: MeetingPatch, now: Date): Promise<Meeting | null>;
  /**
   * Locks the pair's Match row until the transaction ends: a meeting is read, decided on and
   * written back, and the two sides may act at the same moment (accept and cancel).
   */
  lockPair(organisationId: string, matchId: string): Promise<void>;
  /** Empties the place of every meeting of these pairs (someone in them left); returns how many. */
  erasePlaces(organisationId: string, matchIds: string[]): Promise<number>;
  /** The places a member typed in the meetings they proposed (for erasure's search of others' copies). */
  placesProposedBy(organisationId: string, membershipId: string): Promise<string[]>;
}

export interface MeetingsRepos {
  meetings: MeetingRepo;
}
