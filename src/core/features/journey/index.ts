/**
 * The pair's journey (issue 13): what happens once a mentor and a mentee are a pair — the
 * introduction and the first meeting (intro.ts, intro-view.ts: `my mentor`), the MENTOR model guide
 * for meetings with a private note per step (guide-flow.ts, guide-steps.ts, notes-view.ts: `my notes`),
 * the agreement (agreement-*.ts), and the coordinator's `progress` view of every pair (progress-view.ts).
 */
import type { Feature } from '../../kernel/feature.js';
import { agreementSide } from './agreement-side.js';
import { guideSide } from './guide-side.js';
import { introSide } from './intro-side.js';
import { progressSide } from './progress-side.js';

const sides = [introSide, guideSide, agreementSide, progressSide];

export const journeyFeature: Feature = {
  name: 'journey',
  flows: sides.flatMap((s) => s.flows ?? []),
  commands: sides.flatMap((s) => s.commands ?? []),
  questions: sides.flatMap((s) => s.questions ?? []),
  jobs: sides.flatMap((s) => s.jobs ?? []),
  help: async (turn, facts) => (await Promise.all(sides.map((s) => s.help?.(turn, facts) ?? []))).flat(),
};
