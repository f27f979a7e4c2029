/**
 * What the goals feature stores: one row per update of one agreed goal (GoalProgress). The
 * goal's words stay in the pair's Agreement; a row names its goal by key (progress.ts). Lines
 * of what changed are the pair's: only the pair's own views read them (view.ts); coordinators
 * get statuses through goalProgressFacts (ask.ts), never a row.
 */

/**
 * The seeds' "not started → done", with two steps between so a year's slow progress shows, and
 * "no longer relevant": a goal agreed in January can stop mattering by June (she found another
 * path). Without it the honest answers would be "not started" for ever, which reads as failure
 * to the pair and the coordinator, or a new agreement version just to drop one goal.
 */
export const GOAL_STEPS = ['not-started', 'started', 'under-way', 'done', 'dropped'] as const;
export type GoalStep = (typeof GOAL_STEPS)[number];

export const isGoalStep = (v: unknown): v is GoalStep => typeof v === 'string' && (GOAL_STEPS as readonly string[]).includes(v);

export interface GoalUpdate {
  id: string;
  organisationId: string;
  programmeId: string;
  matchId: string;
  goalKey: string;
  step: GoalStep;
  /** What changed, in the writer's words (optional); the pair's alone. */
  line: string | null;
  authorMembershipId: string;
  /** The submission that made it: applied twice, stored once. */
  sourceId: string;
  createdAt: Date;
}

export interface GoalProgressRepo {
  /** The pair's updates, oldest first. */
  listForMatch(organisationId: string, matchId: string): Promise<GoalUpdate[]>;
  /** Stores the updates; one already stored for its pair, goal and submission is skipped. Returns how many were new. */
  record(updates: GoalUpdate[]): Promise<number>;
  /** The lines the membership wrote (leaving: erasure looks for them in the partner's copies of the goals view). */
  linesBy(organisationId: string, authorMembershipId: string): Promise<string[]>;
  /** Deletes every update of these pairs (someone in them left, the pair has ended); returns how many. */
  removeForMatches(organisationId: string, matchIds: string[]): Promise<number>;
  /** Deletes every update the membership wrote, wherever (leaving); returns how many. */
  removeAllByAuthor(organisationId: string, authorMembershipId: string): Promise<number>;
}

export interface GoalsRepos {
  goalProgress: GoalProgressRepo;
}
