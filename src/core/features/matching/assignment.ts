/**
 * Whole-cohort assignment for the coordinator: every mentee to at most one mentor, no mentor over
 * her places, the sum of the pair scores as large as it can be. A mentee is waitlisted when no
 * mentor may have her or when placing her would cost the cohort more than it gains.
 *
 * Exact, not a heuristic: the first attempt pruned each mentee to her top few mentors and
 * placed a third of the cohort when everyone wanted the same popular mentors. Here every pair that
 * is not excluded stays in play (see `assignment-flow.ts` for the algorithm and why).
 *
 * Scores are used as given, in double precision: no integer scaling. The total is optimal up to
 * floating-point rounding (about 1e-12 of the total), and the same input always gives the same
 * pairs. A pair scoring 0 adds nothing, so it may be left out in favour of the waitlist.
 */
import { solveAssignmentFlow } from './assignment-flow.js';

export interface CohortMentor {
  id: string;
  /** Free places: how many more mentees this mentor may take in this assignment. */
  capacity: number;
}

export interface CohortInput {
  mentees: readonly string[];
  mentors: readonly CohortMentor[];
  /** The pair's score (≥ 0 expected), or null when the pair is excluded by a hard rule. */
  score: (menteeIndex: number, mentorIndex: number) => number | null;
}

export interface CohortPair {
  mentee: string;
  mentor: string;
  score: number;
}

export interface CohortAssignment {
  /** In the order of `mentees`. */
  pairs: CohortPair[];
  /** In the order of `mentees`. */
  waitlisted: string[];
  total: number;
}

export function assignCohort(input: CohortInput): CohortAssignment {
  const { mentees, mentors } = input;
  const capacities = capacitiesOf(mentors, mentees.length);
  const scores = scoreMatrix(input);
  const mentorOf = solveAssignmentFlow({ menteeCount: mentees.length, mentorCount: mentors.length, scores, capacities });
  return describe(input, scores, mentorOf);
}

/** More places than mentees can never be used, and would only size buffers for nothing. */
function capacitiesOf(mentors: readonly CohortMentor[], menteeCount: number): Int32Array {
  const capacities = new Int32Array(mentors.length);
  mentors.forEach((mentor, j) => {
    if (!Number.isInteger(mentor.capacity) || mentor.capacity < 0) {
      throw new RangeError(`mentor ${j} has capacity ${mentor.capacity}; it must be a whole number ≥ 0`);
    }
    capacities[j] = Math.min(mentor.capacity, menteeCount);
  });
  return capacities;
}

/**
 * Asks for every score once, up front: the solver reads each pair many times, and a typed array
 * is far cheaper to read than a callback. 2,000 × 2,000 pairs is 32 MB.
 */
function scoreMatrix({ mentees, mentors, score }: CohortInput): Float64Array {
  const m = mentors.length;
  const scores = new Float64Array(mentees.length * m);
  for (let i = 0; i < mentees.length; i++) {
    for (let j = 0; j < m; j++) {
      const value = score(i, j);
      if (value !== null && !Number.isFinite(value)) {
        throw new RangeError(`score(${i}, ${j}) is ${value}; use null to exclude a pair`);
      }
      // A mentor with no places is excluded outright, so the search never looks at her.
      scores[i * m + j] = value === null || mentors[j]!.capacity === 0 ? -Infinity : value;
    }
  }
  return scores;
}

function describe({ mentees, mentors }: CohortInput, scores: Float64Array, mentorOf: Int32Array): CohortAssignment {
  const pairs: CohortPair[] = [];
  const waitlisted: string[] = [];
  let total = 0;
  mentees.forEach((mentee, i) => {
    const j = mentorOf[i]!;
    if (j < 0) {
      waitlisted.push(mentee);
      return;
    }
    const score = scores[i * mentors.length + j]!;
    pairs.push({ mentee, mentor: mentors[j]!.id, score });
    total += score;
  });
  return { pairs, waitlisted, total };
}
