/**
 * Two yardsticks for `assignCohort`, kept next to it so the tests and `bench/assignment.ts` measure
 * against the same thing:
 *   - greedy: all pairs by score, best first, taken while both sides are free. Fast and what a
 *     person would do by hand; it is the floor the exact solver must never fall below.
 *   - brute force: every possible assignment, for instances small enough (say 7 × 5). It is the
 *     proof of exactness on those.
 * Both take the same input and give the same shape as `assignCohort`.
 */
import type { CohortAssignment, CohortInput } from './assignment.js';

export function greedyAssignment({ mentees, mentors, score }: CohortInput): CohortAssignment {
  const m = mentors.length;
  const values: number[] = [];
  const keys: number[] = [];
  for (let i = 0; i < mentees.length; i++) {
    for (let j = 0; j < m; j++) {
      const value = score(i, j);
      if (value === null || value < 0) continue;
      values.push(value);
      keys.push(i * m + j);
    }
  }
  // Best score first; equal scores in mentee-then-mentor order, so the result is reproducible.
  const order = Int32Array.from(keys.keys()).sort((a, b) => values[b]! - values[a]! || keys[a]! - keys[b]!);
  const left = mentors.map((mentor) => mentor.capacity);
  const mentorOf = new Int32Array(mentees.length).fill(-1);
  for (const k of order) {
    const i = Math.floor(keys[k]! / m);
    const j = keys[k]! % m;
    if (mentorOf[i] !== -1 || left[j]! <= 0) continue;
    mentorOf[i] = j;
    left[j]!--;
  }
  return result({ mentees, mentors, score }, mentorOf);
}

/** Tries every mentee on every mentor with room, and on the waitlist: (mentors + 1)^mentees leaves. */
export function bruteForceAssignment(input: CohortInput): CohortAssignment {
  const { mentees, mentors, score } = input;
  const left = mentors.map((mentor) => mentor.capacity);
  const current = new Int32Array(mentees.length).fill(-1);
  let best = current.slice();
  let bestTotal = -Infinity;
  const visit = (i: number, total: number): void => {
    if (i === mentees.length) {
      if (total > bestTotal) {
        bestTotal = total;
        best = current.slice();
      }
      return;
    }
    current[i] = -1;
    visit(i + 1, total);
    for (let j = 0; j < mentors.length; j++) {
      const value = score(i, j);
      if (value === null || left[j]! <= 0) continue;
      left[j]!--;
      current[i] = j;
      visit(i + 1, total + value);
      left[j]!++;
    }
    current[i] = -1;
  };
  visit(0, 0);
  return result(input, best);
}

function result({ mentees, mentors, score }: CohortInput, mentorOf: Int32Array): CohortAssignment {
  const pairs: CohortAssignment['pairs'] = [];
  const waitlisted: string[] = [];
  let total = 0;
  mentees.forEach((mentee, i) => {
    const j = mentorOf[i]!;
    if (j < 0) {
      waitlisted.push(mentee);
      return;
    }
    const value = score(i, j) ?? 0;
    pairs.push({ mentee, mentor: mentors[j]!.id, score: value });
    total += value;
  });
  return { pairs, waitlisted, total };
}
