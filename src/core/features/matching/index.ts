/**
 * Matching: the mentee's three suggestions with reasons, her choice, the mentor's answer, places
 * and the waitlist (mentee-side.ts); the coordinator's direct assignment, whole-cohort draft and
 * reveal, rematch and settings (coordinator-side.ts). Pure parts: score.ts, suggest.ts,
 * assignment.ts.
 */
import type { Feature } from '../../kernel/feature.js';
import { coordinatorSide } from './coordinator-side.js';
import { menteeSide } from './mentee-side.js';

const sides = [menteeSide, coordinatorSide];

export const matchingFeature: Feature = {
  name: 'matching',
  flows: sides.flatMap((s) => s.flows ?? []),
  commands: sides.flatMap((s) => s.commands ?? []),
  questions: sides.flatMap((s) => s.questions ?? []),
  jobs: sides.flatMap((s) => s.jobs ?? []),
  help: async (turn, facts) => (await Promise.all(sides.map((s) => s.help?.(turn, facts) ?? []))).flat(),
};
