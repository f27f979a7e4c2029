/**
 * The coordinator's whole-cohort assignment (issue 12): exact against brute force on many small
 * random instances, never over capacity, never an excluded pair, honest waitlisting, no collapse
 * when everyone wants the same popular mentors, and the same answer every time.
 */
import { describe, expect, it } from 'vitest';
import { assignCohort, type CohortAssignment, type CohortInput } from '../../src/core/features/matching/assignment.js';
import { bruteForceAssignment, greedyAssignment } from '../../src/core/features/matching/assignment-baselines.js';
import { prng } from '../support/prng.js';


/** A table of scores, null for excluded; `mentors` as [capacity, …]. */
function cohort(table: (number | null)[][], capacities: number[]): CohortInput {
  return {
    mentees: table.map((_, i) => `mentee-${i}`),
    mentors: capacities.map((capacity, j) => ({ id: `mentor-${j}`, capacity })),
    score: (i, j) => table[i]![j]!,
  };
}

/** Up to 6 mentees × 4 mentors, places 0–2, some pairs excluded, some scores equal, some 0. */
function randomCohort(seed: number): CohortInput {
  const rand = prng(seed);
  const n = 1 + Math.floor(rand() * 6);
  const m = 1 + Math.floor(rand() * 4);
  const excluded = rand() * 0.5;
  const coarse = rand() < 0.3; // few distinct values: many ties
  const table = Array.from({ length: n }, () =>
    Array.from({ length: m }, () => (rand() < excluded ? null : coarse ? Math.floor(rand() * 3) : Math.round(rand() * 1000) / 10)),
  );
  return cohort(table, Array.from({ length: m }, () => Math.floor(rand() * 2.5)));
}

/** Every rule a result must keep, whatever the instance. */
function expectFeasible(input: CohortInput, result: CohortAssignment): void {
  const mentorIndex = new Map(input.mentors.map((mentor, j) => [mentor.id, j]));
  const load = new Map<string, number>();
  for (const pair of result.pairs) {
    const i = input.mentees.indexOf(pair.mentee);
    const j = mentorIndex.get(pair.mentor)!;
    expect(input.score(i, j)).not.toBeNull();
    expect(pair.score).toBe(input.score(i, j));
    load.set(pair.mentor, (load.get(pair.mentor) ?? 0) + 1);
  }
  for (const mentor of input.mentors) expect(load.get(mentor.id) ?? 0).toBeLessThanOrEqual(mentor.capacity);
  const placed = result.pairs.map((pair) => pair.mentee);
  expect([...placed, ...result.waitlisted].sort()).toEqual([...input.mentees].sort());
  expect(result.total).toBeCloseTo(result.pairs.reduce((sum, pair) => sum + pair.score, 0), 9);
}

describe('assignCohort', () => {
  it('finds the brute-force optimum on 1,500 random small instances', () => {
    let assignedSomewhere = 0;
    for (let seed = 1; seed <= 1500; seed++) {
      const input = randomCohort(seed);
      const result = assignCohort(input);
      const optimum = bruteForceAssignment(input).total;
      expectFeasible(input, result);
      expect(Math.abs(result.total - optimum), `seed ${seed}`).toBeLessThanOrEqual(1e-9 * Math.max(1, optimum));
      if (result.pairs.length > 0) assignedSomewhere++;
    }
    expect(assignedSomewhere).toBeGreaterThan(1000);
  });

  it('beats greedy where greedy is wrong, by moving an earlier mentee along', () => {
    // Greedy gives mentee 0 mentor 0 (10) and leaves mentee 1 with nothing: 10. The optimum is 9 + 8.
    const input = cohort(
      [
        [10, 9],
        [8, null],
      ],
      [1, 1],
    );
    expect(greedyAssignment(input).total).toBe(10);
    const result = assignCohort(input);
    expect(result.total).toBe(17);
    expect(result.pairs).toEqual([
      { mentee: 'mentee-0', mentor: 'mentor-1', score: 9 },
      { mentee: 'mentee-1', mentor: 'mentor-0', score: 8 },
    ]);
    expect(result.waitlisted).toEqual([]);
  });

  it('waitlists a mentee whose every pair is excluded, and places the others', () => {
    const input = cohort(
      [
        [5, 3],
        [null, null],
        [2, 7],
      ],
      [2, 2],
    );
    const result = assignCohort(input);
    expect(result.waitlisted).toEqual(['mentee-1']);
    expect(result.pairs.map((pair) => [pair.mentee, pair.mentor])).toEqual([
      ['mentee-0', 'mentor-0'],
      ['mentee-2', 'mentor-1'],
    ]);
  });

  it('never uses a mentor without places, and waitlists when places run out', () => {
    const input = cohort([[9, 1], [8, 1], [7, 1], [6, 1]], [0, 2]);
    const result = assignCohort(input);
    expectFeasible(input, result);
    expect(result.pairs.every((pair) => pair.mentor === 'mentor-1')).toBe(true);
    expect(result.pairs).toHaveLength(2);
    expect(result.waitlisted).toHaveLength(2);
  });

  it('places everyone capacity allows when everyone wants the same popular mentors', () => {
    // 60 mentees all rank mentors 0–2 far above the rest; 20 ordinary mentors with 2 places each.
    const rand = prng(7);
    const m = 23;
    const capacities = Array.from({ length: m }, (_, j) => (j < 3 ? 3 : 2));
    const table = Array.from({ length: 60 }, () => Array.from({ length: m }, (_, j) => (j < 3 ? 90 : 10) + rand() * 5));
    const input = cohort(table, capacities);
    const result = assignCohort(input);
    expectFeasible(input, result);
    expect(result.pairs).toHaveLength(3 * 3 + 20 * 2);
    expect(result.waitlisted).toHaveLength(60 - 49);
    expect(result.total).toBeGreaterThanOrEqual(greedyAssignment(input).total);
  });

  it('places all of a large cohort when the places suffice, at no less than greedy', () => {
    const rand = prng(11);
    const n = 150;
    const m = 80;
    const quality = Array.from({ length: m }, () => rand());
    const capacities = Array.from({ length: m }, () => 1 + Math.floor(rand() * 3));
    const table = Array.from({ length: n }, () => Array.from({ length: m }, (_, j) => (rand() < 0.1 ? null : quality[j]! * 80 + rand() * 20)));
    const input = cohort(table, capacities);
    const result = assignCohort(input);
    expectFeasible(input, result);
    expect(result.pairs).toHaveLength(n);
    expect(result.total).toBeGreaterThanOrEqual(greedyAssignment(input).total);
  });

  it('gives the same pairs for the same input, ties included', () => {
    const input = cohort(
      Array.from({ length: 8 }, () => [5, 5, 5]),
      [1, 2, 3],
    );
    const first = assignCohort(input);
    expect(first.pairs).toHaveLength(6);
    for (let k = 0; k < 5; k++) expect(assignCohort(input)).toEqual(first);
    const random = randomCohort(42);
    expect(assignCohort(random)).toEqual(assignCohort(random));
  });

  it('handles no mentees and no mentors', () => {
    expect(assignCohort(cohort([], [1]))).toEqual({ pairs: [], waitlisted: [], total: 0 });
    expect(assignCohort(cohort([[], []], []))).toEqual({ pairs: [], waitlisted: ['mentee-0', 'mentee-1'], total: 0 });
  });

  it('refuses a capacity that is not a whole number ≥ 0, and a score that is not a number', () => {
    expect(() => assignCohort(cohort([[1]], [-1]))).toThrow(RangeError);
    expect(() => assignCohort(cohort([[1]], [1.5]))).toThrow(RangeError);
    expect(() => assignCohort(cohort([[Number.NaN]], [1]))).toThrow(RangeError);
  });
});
