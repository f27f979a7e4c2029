/**
 * The coordinator's whole-cohort assignment (issue 12, "Speed and quality"). Prints:
 *   - 2,000 mentees × 2,000 mentors with 1–3 places each, for random scores and for correlated
 *     ones (everyone prefers the same mentors: score = the mentor's quality + a little taste), and
 *     for correlated scores with some pairs excluded: the exact solver's total and time against
 *     the greedy baseline's (all pairs best first, taken while both are free), and their ratio;
 *   - small instances: the solver's total against brute force (they must be equal).
 *
 *   npx tsx bench/assignment.ts [mentees=2000] [mentors=2000] [seed=1]
 *
 * Targets: at least greedy's total, in under 10 s; equal to brute force on every small instance.
 */
import { assignCohort, type CohortInput } from '../src/core/features/matching/assignment.js';
import { bruteForceAssignment, greedyAssignment } from '../src/core/features/matching/assignment-baselines.js';
import { prng } from '../test/support/prng.js';

const MENTEES = Number(process.argv[2] ?? 2000);
const MENTORS = Number(process.argv[3] ?? 2000);
const SEED = Number(process.argv[4] ?? 1);


type Kind = 'random' | 'correlated' | 'correlated, 20% excluded';

function instance(kind: Kind, n: number, m: number, seed: number, maxCapacity = 3): CohortInput {
  const rand = prng(seed);
  const mentors = Array.from({ length: m }, (_, j) => ({ id: `mentor-${j}`, capacity: 1 + Math.floor(rand() * maxCapacity) }));
  const quality = Array.from({ length: m }, () => rand());
  const table = new Float64Array(n * m);
  for (let k = 0; k < table.length; k++) {
    const j = k % m;
    if (kind === 'random') table[k] = Math.round(rand() * 1000) / 10;
    else if (kind === 'correlated') table[k] = Math.round((quality[j]! * 80 + rand() * 20) * 10) / 10;
    else table[k] = rand() < 0.2 ? -1 : Math.round((quality[j]! * 80 + rand() * 20) * 10) / 10;
  }
  return {
    mentees: Array.from({ length: n }, (_, i) => `mentee-${i}`),
    mentors,
    score: (i, j) => {
      const value = table[i * m + j]!;
      return value < 0 ? null : value;
    },
  };
}

/** Wall time, and CPU time too: on a busy machine the two differ, and the CPU time is the cost. */
function timed<T>(run: () => T): { value: T; ms: number; cpuMs: number } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

const seconds = (t: { ms: number; cpuMs: number }) => `${(t.ms / 1000).toFixed(2)} s (cpu ${(t.cpuMs / 1000).toFixed(2)})`.padStart(19);

function large(): void {
  console.log(`\n${MENTEES} mentees × ${MENTORS} mentors, 1–3 places each (seed ${SEED})`);
  console.log(`${'scores'.padEnd(26)} | ${'solver total'.padStart(12)} ${'time'.padStart(19)} placed | ${'greedy total'.padStart(12)} ${'time'.padStart(19)} placed | ratio`);
  for (const kind of ['random', 'correlated', 'correlated, 20% excluded'] as const) {
    const input = instance(kind, MENTEES, MENTORS, SEED);
    const solver = timed(() => assignCohort(input));
    const greedy = timed(() => greedyAssignment(input));
    const ratio = solver.value.total / greedy.value.total;
    const cells = [
      kind.padEnd(26),
      `${solver.value.total.toFixed(1).padStart(12)} ${seconds(solver)} ${String(solver.value.pairs.length).padStart(6)}`,
      `${greedy.value.total.toFixed(1).padStart(12)} ${seconds(greedy)} ${String(greedy.value.pairs.length).padStart(6)}`,
      ratio.toFixed(5),
    ];
    console.log(cells.join(' | '));
    if (solver.ms > 10_000 || ratio < 1) console.log('  ^ MISSES THE TARGET (at least greedy, under 10 s)');
  }
}

function small(): void {
  console.log('\nsmall instances: solver vs brute force');
  const shapes = [
    { n: 6, m: 4, cap: 2 },
    { n: 7, m: 5, cap: 2 },
    { n: 8, m: 3, cap: 3 },
  ];
  for (const { n, m, cap } of shapes) {
    let equal = 0;
    let worstGap = 0;
    const runs = 200;
    for (let k = 0; k < runs; k++) {
      const kind = (['random', 'correlated', 'correlated, 20% excluded'] as const)[k % 3]!;
      const input = instance(kind, n, m, SEED * 10_000 + k, cap);
      const exact = bruteForceAssignment(input).total;
      const gap = Math.abs(assignCohort(input).total - exact);
      worstGap = Math.max(worstGap, gap);
      if (gap <= 1e-9 * Math.max(1, exact)) equal++;
    }
    console.log(`${n} × ${m}, places 1–${cap}: ${equal}/${runs} equal to brute force (largest difference ${worstGap.toExponential(1)})`);
  }
}

large();
small();
