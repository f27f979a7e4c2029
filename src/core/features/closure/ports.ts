/**
 * What closure stores: how each pair ended (Closure), what each participant answered at the end
 * (ClosureAnswer: a private reflection, the exit survey, job outcomes) and whether a programme
 * tracks job outcomes. Every method takes the organisation id.
 */

export type ClosureOutcome = 'completed' | 'ended-early';
export type EndedByKind = 'mentor' | 'mentee' | 'coordinator' | 'left' | 'year-end';
export const REASON_CODES = ['planned', 'no-time', 'not-a-fit', 'moved', 'other'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Closure {
  id: string;
  organisationId: string;
  programmeId: string;
  matchId: string;
  outcome: ClosureOutcome;
  reasonCode: ReasonCode | null;
  /** The free line of whoever ended it: coordinators' eyes only, erased when either leaves. */
  note: string | null;
  endedBy: EndedByKind;
  endedById: string | null;
  endedAt: Date;
}

export type AnswerKind = 'reflection' | 'survey' | 'outcomes';

export interface ClosureAnswer {
  id: string;
  organisationId: string;
  programmeId: string;
  matchId: string | null;
  membershipId: string;
  kind: AnswerKind;
  /** The question answered: one row per question, so an answer sent twice is stored once. */
  questionId: string;
  answers: Record<string, string | number | string[] | null>;
  createdAt: Date;
}

export interface ClosureRepo {
  /** Records how a match ended; false when it was recorded already (one row per match). */
  record(closure: Closure): Promise<boolean>;
  forMatch(organisationId: string, matchId: string): Promise<Closure | null>;
  listForProgramme(organisationId: string, programmeId: string): Promise<Closure[]>;
  /** Stores an answer once per question; false when that question's answer was stored already. */
  saveAnswer(answer: ClosureAnswer): Promise<boolean>;
  /** One kind of answer for a pair (the survey's "stay in touch"), or a programme's (counts). */
  answersForMatch(organisationId: string, matchId: string, kind: AnswerKind): Promise<ClosureAnswer[]>;
  answersForProgramme(organisationId: string, programmeId: string, kind: AnswerKind): Promise<ClosureAnswer[]>;
  /**
   * Leaving: deletes the person's private reflections, empties the words of their survey (the
   * numbers stay for the programme's counts), and clears the free line of every closure of the
   * matches given (either side's leaving erases it). Returns how many rows changed.
   */
  eraseFor(organisationId: string, membershipId: string, matchIds: readonly string[]): Promise<number>;
  /** The question's stored copy of an answer (OpenQuestion.answer) holds no words of it. */
  forgetQuestionAnswer(organisationId: string, questionId: string): Promise<void>;
  tracksOutcomes(organisationId: string, programmeId: string): Promise<boolean>;
  setTracksOutcomes(organisationId: string, programmeId: string, on: boolean): Promise<void>;
}

export interface ClosureRepos {
  closures: ClosureRepo;
}
